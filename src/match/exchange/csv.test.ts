import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvReader, type CsvRow, formatCsvRow } from './csv.js';

function readAll(chunks: string[], options?: { maxFieldChars?: number }): { rows: CsvRow[]; reader: CsvReader } {
  const reader = new CsvReader(options);
  const rows = chunks.flatMap((c) => reader.push(c));
  rows.push(...reader.end());
  return { rows, reader };
}

describe('CsvReader (RFC 4180)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and says on which line each row starts', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\nlines"\n1,,3\n\n"",last\n';
    const { rows, reader } = readAll([text]);
    expect(reader.fatal).toBeUndefined();
    expect(rows).toEqual([
      { fields: ['a', 'b', 'c'], line: 1 },
      { fields: ['x, y', 'say "hi"', 'two\nlines'], line: 2 },
      { fields: ['1', '', '3'], line: 4 },
      { fields: ['', 'last'], line: 6 },
    ]);
  });

  it('takes LF, CRLF and lone CR line ends, and a last row without one', () => {
    expect(readAll(['a\rb\r\nc\nd']).rows.map((r) => [r.fields[0], r.line])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
      ['d', 4],
    ]);
  });

  it('gives the same rows however the text is cut into chunks', () => {
    const text = 'h1,h2\r\n"a ""q"", b","x\r\ny"\r\nplain,"end"\r\n';
    const whole = readAll([text]).rows;
    for (let cut = 0; cut <= text.length; cut++) {
      expect(readAll([text.slice(0, cut), text.slice(cut)]).rows).toEqual(whole);
    }
    expect(readAll([...text]).rows).toEqual(whole);
  });

  it('reads back whatever formatCsvRow writes, in any chunking', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', 'é', 'ق') });
    const row = fc.array(field, { minLength: 2, maxLength: 5 });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 7 }), (rows, size) => {
        const text = rows.map(formatCsvRow).join('');
        const chunks = text.match(new RegExp(`[^]{1,${size}}`, 'g')) ?? [];
        expect(readAll(chunks).rows.map((r) => r.fields)).toEqual(rows);
      }),
    );
  });

  it('keeps a stray quote inside an unquoted field as a character', () => {
    expect(readAll(['5" floppy,x\n']).rows[0]?.fields).toEqual(['5" floppy', 'x']);
  });

  it('stops at a quoted field that never closes, keeping the rows before it', () => {
    const { rows, reader } = readAll(['a,b\nc,d\n"open,', 'e\nf,g\n']);
    expect(rows.map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(reader.fatal).toEqual({ line: 3, message: expect.stringMatching(/opened on line 3 never closes/) });
  });

  it('stops at a field past the size limit instead of holding the rest of the file', () => {
    const reader = new CsvReader({ maxFieldChars: 10 });
    expect(reader.push('ok,1\n"aaaa')).toEqual([{ fields: ['ok', '1'], line: 1 }]);
    expect(reader.push('aaaaaaaaaa')).toEqual([]);
    expect(reader.fatal?.message).toMatch(/longer than 10 characters/);
    expect(reader.push('",more\nx,y\n')).toEqual([]);
    expect(reader.end()).toEqual([]);
  });

  it('quotes only what needs it and ends records with CRLF', () => {
    expect(formatCsvRow(['pdq', 'a,b', 'say "x"', ' lead', 'plain'])).toBe('pdq,"a,b","say ""x"""," lead",plain\r\n');
  });
});
