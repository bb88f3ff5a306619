import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { tesseractTsv } from './tesseract.js';

const OPTIONS = { languages: ['ara', 'eng'], timeoutMs: 30_000, maxPixels: 10_000_000 };

const blank = (width: number, height: number): Promise<Buffer> =>
  sharp({ create: { width, height, channels: 3, background: '#fff' } })
    .png()
    .toBuffer();

describe('tesseractTsv', () => {
  it('returns tesseract TSV with its header row', async () => {
    const tsv = await tesseractTsv(await blank(200, 100), OPTIONS);
    expect(tsv.split('\n')[0]).toBe(
      'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
    );
  });

  it('kills tesseract at the timeout and says so', async () => {
    const started = Date.now();
    await expect(tesseractTsv(await blank(2000, 2000), { ...OPTIONS, timeoutMs: 1 })).rejects.toMatchObject({
      code: 'PROVIDER_FAILED',
      message: expect.stringMatching(/tesseract timed out after 1 ms and was killed/),
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses language names that could be read as options or paths', async () => {
    const image = await blank(50, 50);
    for (const languages of [[], ['-psm'], ['../../etc/x'], ['ara+eng']]) {
      await expect(tesseractTsv(image, { ...OPTIONS, languages }), languages.join()).rejects.toMatchObject({
        code: 'INPUT_INVALID',
      });
    }
  });

  it('reports a language that is not installed as a provider failure naming it', async () => {
    await expect(tesseractTsv(await blank(50, 50), { ...OPTIONS, languages: ['zzz'] })).rejects.toMatchObject({
      code: 'PROVIDER_FAILED',
      message: expect.stringMatching(/tesseract exited with code 1: .*'zzz'/),
    });
  });

  it('refuses an image above the pixel cap before decoding it', async () => {
    await expect(tesseractTsv(await blank(400, 400), { ...OPTIONS, maxPixels: 400 * 399 })).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      message: expect.stringMatching(/pixel limit/),
    });
  });
});
