import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ocrImage, parseTesseractTsv } from './ocr.js';

const ARABIC = 'مرحبا بالعالم';
const MARKER = 'RASD-TEST-MARKER';

/** Harmless words drawn by librsvg with the system's Noto fonts: nothing is stored in the repo. */
async function renderLines(lines: { text: string; font: string; rtl?: boolean }[]): Promise<Buffer> {
  const rows = lines.map(
    ({ text, font, rtl }, i) =>
      `<text x="600" y="${130 + i * 150}" font-family="${font}" font-size="72" text-anchor="middle"${
        rtl ? ' direction="rtl"' : ''
      } fill="#111">${text}</text>`,
  );
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="${80 + lines.length * 150}">
    <rect width="100%" height="100%" fill="#fff"/>${rows.join('')}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

let dir: string;
let bilingual: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rasd-ocr-'));
  bilingual = await renderLines([
    { text: ARABIC, font: 'Noto Naskh Arabic', rtl: true },
    { text: MARKER, font: 'Noto Sans' },
  ]);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ocrImage', () => {
  it('reads rendered Arabic and English lines back word for word, in reading order', async () => {
    const result = await ocrImage(bilingual);
    expect(result.text).toBe(`${ARABIC}\n${MARKER}`);
    expect(result.words).toBe(3);
    expect(result.confidence).toBeGreaterThan(0.8);
    expect(result.confidence).toBeLessThanOrEqual(1);
    expect(result.source).toBe('ocr');
  });

  it('reads the same from a file path, and from a JPEG', async () => {
    const path = join(dir, 'bilingual.jpg');
    await writeFile(path, await sharp(bilingual).jpeg({ quality: 85 }).toBuffer());
    const result = await ocrImage(path);
    expect(result.text).toBe(`${ARABIC}\n${MARKER}`);
  });

  it('reads an Arabic Sans line as well as Naskh', async () => {
    const image = await renderLines([{ text: ARABIC, font: 'Noto Sans Arabic', rtl: true }]);
    expect((await ocrImage(image)).text).toBe(ARABIC);
  });

  it('reads small text in a small image (upscaled before OCR)', async () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="90">
      <rect width="100%" height="100%" fill="#fff"/>
      <text x="300" y="27" font-family="Noto Naskh Arabic" font-size="18" text-anchor="middle" direction="rtl">${ARABIC}</text>
      <text x="300" y="63" font-family="Noto Sans" font-size="18" text-anchor="middle">${MARKER}</text></svg>`;
    const result = await ocrImage(await sharp(Buffer.from(svg)).png().toBuffer());
    expect(result.text).toBe(`${ARABIC}\n${MARKER}`);
  });

  it('honours the language list', async () => {
    const english = await renderLines([{ text: MARKER, font: 'Noto Sans' }]);
    expect((await ocrImage(english, { languages: ['eng'] })).text).toBe(MARKER);
  });

  it('gives no text, no words and zero confidence for a blank image', async () => {
    const blank = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    expect(await ocrImage(blank)).toEqual({ text: '', confidence: 0, words: 0, source: 'ocr' });
  });

  it('refuses bytes that are not an image with INPUT_INVALID', async () => {
    await expect(ocrImage(Buffer.from('/etc/passwd\n/etc/hostname\n'))).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      message: expect.stringMatching(/cannot be decoded/),
    });
  });

  it('refuses a truncated PNG with INPUT_INVALID', async () => {
    await expect(ocrImage(bilingual.subarray(0, 200))).rejects.toMatchObject({ code: 'INPUT_INVALID' });
  });

  it('refuses SVG, whose loader could reach other resources', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    await expect(ocrImage(svg)).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      message: expect.stringMatching(/"svg" is not read/),
    });
  });

  it('enforces the byte and pixel caps before tesseract runs', async () => {
    await expect(ocrImage(bilingual, { maxBytes: 100 })).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    const path = join(dir, 'big.png');
    await writeFile(path, bilingual);
    await expect(ocrImage(path, { maxBytes: 100 })).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      message: expect.stringMatching(/limit is 100/),
    });
    await expect(ocrImage(bilingual, { maxPixels: 1000 })).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      message: expect.stringMatching(/pixel limit/),
    });
  });

  it('reports a missing file as SOURCE_UNREADABLE and an empty buffer as INPUT_INVALID', async () => {
    await expect(ocrImage(join(dir, 'missing.png'))).rejects.toMatchObject({ code: 'SOURCE_UNREADABLE' });
    await expect(ocrImage(Buffer.alloc(0))).rejects.toMatchObject({ code: 'INPUT_INVALID' });
  });
});

describe('parseTesseractTsv', () => {
  const header = 'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext';
  const word = (block: number, line: number, n: number, conf: number, text: string): string =>
    `5\t1\t${block}\t1\t${line}\t${n}\t0\t0\t10\t10\t${conf}\t${text}`;

  it('groups words into lines, strips bidi marks and weights confidence by characters', () => {
    const tsv = [
      header,
      '1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t',
      word(1, 1, 1, 90, 'abcd'),
      word(1, 1, 2, 60, 'ef'),
      word(1, 2, 1, 100, '\u200eXY\u200f'),
      word(2, 1, 1, -1, ' '),
      word(2, 1, 2, 80, 'z'),
      '',
    ].join('\n');
    const result = parseTesseractTsv(tsv);
    expect(result.text).toBe('abcd ef\nXY\nz');
    expect(result.words).toBe(4);
    // (4×90 + 2×60 + 2×100 + 1×80) / 9 characters = 84.44…
    expect(result.confidence).toBeCloseTo(760 / 9 / 100, 10);
  });

  it('returns nothing for a header-only TSV', () => {
    expect(parseTesseractTsv(`${header}\n`)).toEqual({ text: '', confidence: 0, words: 0, source: 'ocr' });
  });
});
