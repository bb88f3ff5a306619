import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textPdf as buildPdf } from './fixtures/text-pdf.js';
import { pdfText } from './pdf-text.js';

let dir: string;
let threePages: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rasd-pdf-'));
  threePages = join(dir, 'three.pdf');
  await writeFile(
    threePages,
    buildPdf([['RASD-TEST-MARKER page one', 'Second line (harmless)'], ['Page two says hello'], ['Page three']]),
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('pdfText', () => {
  it('returns the text of every page in order, pages separated by a blank line', async () => {
    expect(await pdfText(threePages)).toEqual({
      text: 'RASD-TEST-MARKER page one\nSecond line (harmless)\n\nPage two says hello\n\nPage three',
      pages: 3,
      truncated: false,
      source: 'pdf-text',
    });
  });

  it('reads only the first maxPages pages', async () => {
    const result = await pdfText(threePages, { maxPages: 2 });
    expect(result.pages).toBe(2);
    expect(result.text).toContain('Page two says hello');
    expect(result.text).not.toContain('Page three');
  });

  it('cuts the text at maxTextBytes and says it did', async () => {
    const result = await pdfText(threePages, { maxTextBytes: 30 });
    expect(result).toMatchObject({ truncated: true, pages: 1 });
    expect(result.text).toBe('RASD-TEST-MARKER page one\nSeco');
  });

  it('never splits a UTF-8 character at the cut', async () => {
    const path = join(dir, 'accents.pdf');
    // WinAnsi 0xE9 is é, two bytes in UTF-8: a 4-byte cap lands inside it.
    await writeFile(path, buildPdf([['caf\u00e9 caf\u00e9']]));
    expect((await pdfText(path)).text).toBe('caf\u00e9 caf\u00e9');
    expect(await pdfText(path, { maxTextBytes: 4 })).toMatchObject({ text: 'caf', truncated: true });
    expect(await pdfText(path, { maxTextBytes: 5 })).toMatchObject({ text: 'caf\u00e9', truncated: true });
  });

  it('counts a page without text and returns no text for it', async () => {
    const path = join(dir, 'empty-page.pdf');
    await writeFile(path, buildPdf([[], ['Only text']]));
    expect(await pdfText(path)).toMatchObject({ text: 'Only text', pages: 2 });
  });

  it('refuses a file that is not a PDF with INPUT_INVALID, without running pdftotext', async () => {
    const path = join(dir, 'not.pdf');
    await writeFile(path, 'just some words\n');
    await expect(pdfText(path)).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      message: expect.stringMatching(/not a PDF/),
    });
  });

  it('refuses a broken PDF with INPUT_INVALID and pdftotext’s reason', async () => {
    const path = join(dir, 'broken.pdf');
    await writeFile(path, '%PDF-1.4\nnothing else\n');
    await expect(pdfText(path)).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      message: expect.stringMatching(/pdftotext exit 1\): .*xref/),
    });
  });

  it('refuses a file over maxBytes and reports a missing file as SOURCE_UNREADABLE', async () => {
    await expect(pdfText(threePages, { maxBytes: 100 })).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      message: expect.stringMatching(/limit is 100/),
    });
    await expect(pdfText(join(dir, 'missing.pdf'))).rejects.toMatchObject({ code: 'SOURCE_UNREADABLE' });
  });
});
