import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from './pdf-text.js';

/**
 * A minimal valid PDF 1.4, written byte by byte so the cross-reference offsets are exact: one
 * Helvetica text object per line, one page per entry. No binary fixture is kept in the repo.
 */
function buildPdf(pages: string[][]): Buffer {
  const quote = (text: string): string => text.replace(/[\\()]/g, (c) => `\\${c}`);
  const objects: string[] = [];
  const pageIds = pages.map((_, i) => 4 + i * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  pages.forEach((lines, i) => {
    const stream = lines.map((line, n) => `BT /F1 18 Tf 72 ${720 - n * 30} Td (${quote(line)}) Tj ET`).join('\n');
    objects[4 + i * 2] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + i * 2} 0 R >>`;
    objects[5 + i * 2] = `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`;
  });
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = Buffer.byteLength(body, 'latin1');
    body += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) body += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

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
