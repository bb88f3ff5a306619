import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdftotext } from './pdftotext.js';

const OPTIONS = { timeoutMs: 30_000, maxBytes: 1024 * 1024, maxPages: 10, maxTextBytes: 1024 };

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rasd-pdftotext-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('pdftotext', () => {
  it('kills pdftotext at the timeout and says so', async () => {
    const path = join(dir, 'slow.pdf');
    await writeFile(path, `%PDF-1.4\n${'% padding\n'.repeat(10_000)}`);
    await expect(pdftotext(path, { ...OPTIONS, timeoutMs: 1 })).rejects.toMatchObject({
      code: 'PROVIDER_FAILED',
      message: expect.stringMatching(/pdftotext timed out after 1 ms and was killed/),
    });
  });

  it('accepts a header after leading bytes, as PDF readers do, but only within the first 1024', async () => {
    const near = join(dir, 'near.pdf');
    await writeFile(near, `${'x'.repeat(100)}%PDF-1.4\nbroken\n`);
    // Past the sniff, pdftotext itself runs and explains why it cannot read the file.
    await expect(pdftotext(near, OPTIONS)).rejects.toMatchObject({
      message: expect.stringMatching(/pdftotext exit 1/),
    });
    const far = join(dir, 'far.pdf');
    await writeFile(far, `${'x'.repeat(2000)}%PDF-1.4\nbroken\n`);
    await expect(pdftotext(far, OPTIONS)).rejects.toMatchObject({
      message: expect.stringMatching(/not a PDF/),
    });
  });

  it('reads a file whose name starts with a dash as a file, not an option', async () => {
    await writeFile(join(dir, '-v'), '%PDF-1.4\nbroken\n');
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      // `pdftotext -v` would print its version and exit 0; a file argument fails to parse instead.
      await expect(pdftotext('-v', OPTIONS)).rejects.toMatchObject({
        message: expect.stringMatching(/pdftotext exit 1/),
      });
    } finally {
      process.chdir(cwd);
    }
  });
});
