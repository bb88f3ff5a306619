import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { DEFAULT_IMAGE_LIMITS, decodeImage } from './decode.js';

const repoRoot = resolve(import.meta.dirname, '../../..');
const vectors = resolve(repoRoot, '../shared/testdata/pdq');
const vector = (file: string) => resolve(vectors, file);

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

/** A PNG with valid CRCs whose header claims `width`×`height` whatever the data holds. */
function png(width: number, height: number, rows: Buffer, options: { colourType?: number; bitDepth?: number } = {}) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = options.bitDepth ?? 8;
  ihdr[9] = options.colourType ?? 2;
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  const appError = error as AppError;
  // What went wrong and what to do, and where: never an empty or raw message.
  expect(appError.detail?.length ?? 0).toBeGreaterThan(20);
  expect(appError.pointer).toBeTruthy();
  expect(JSON.stringify(appError)).not.toContain('stack');
  return appError;
}

describe('decodeImage', () => {
  it('decodes the PNG it is given, byte for byte', async () => {
    // Two RGB pixels per row, filter byte 0 before each row.
    const rows = Buffer.from([0, 1, 2, 3, 250, 251, 252, 0, 9, 8, 7, 0, 128, 255]);
    const image = await decodeImage(png(2, 2, rows));
    expect(image).toMatchObject({ width: 2, height: 2, channels: 3 });
    expect(Array.from(image.pixels)).toEqual([1, 2, 3, 250, 251, 252, 9, 8, 7, 0, 128, 255]);
  });

  it('keeps alpha and reads a path as well as bytes', async () => {
    const fromPath = await decodeImage(vector('misc-images/c.png'));
    expect(fromPath).toMatchObject({ width: 1432, height: 812, channels: 4 });
    expect(fromPath.pixels).toHaveLength(1432 * 812 * 4);
    const fromBytes = await decodeImage(readFileSync(vector('misc-images/c.png')));
    expect(Buffer.from(fromBytes.pixels).equals(Buffer.from(fromPath.pixels))).toBe(true);
  });

  it('does not apply EXIF orientation', async () => {
    // Orientation 6 (rotate 90°): an auto-orienting decoder would return 3024×4032.
    const image = await decodeImage(vector('reg-test-input/exif-rotn/exif-rotn-6.jpg'));
    expect([image.width, image.height]).toEqual([4032, 3024]);
  });

  it('returns 8-bit samples for a 16-bit PNG', async () => {
    const rows = Buffer.from([0, 0xff, 0xff, 0x80, 0x00, 0x00, 0x00]);
    const image = await decodeImage(png(1, 1, rows, { bitDepth: 16 }));
    expect(image.channels).toBe(3);
    expect(Array.from(image.pixels)).toEqual([255, 128, 0]);
  });

  it('rejects bytes that are not an image', async () => {
    const error = await rejection(decodeImage(Buffer.from('this is a caption, not a photo')));
    expect(error.code).toBe('INPUT_INVALID');
    expect(error.pointer).toBe('input');
    await rejection(decodeImage(Buffer.alloc(0)));
  });

  it('rejects a PNG whose image data is corrupt', async () => {
    const good = readFileSync(vector('lossless-vectors/synthetic/noise-rgb-300x200.png'));
    const bad = Buffer.from(good);
    for (let i = 200; i < 400; i++) bad[i] = bad[i]! ^ 0x5a;
    expect((await rejection(decodeImage(bad))).code).toBe('INPUT_INVALID');
  });

  it('rejects a truncated PNG and a truncated JPEG', async () => {
    const pngBytes = readFileSync(vector('lossless-vectors/synthetic/noise-rgb-300x200.png'));
    expect((await rejection(decodeImage(pngBytes.subarray(0, Math.floor(pngBytes.length * 0.6))))).code).toBe(
      'INPUT_INVALID',
    );
    const jpegBytes = readFileSync(vector('reg-test-input/labelme-subset/q0122.jpg'));
    expect((await rejection(decodeImage(jpegBytes.subarray(0, Math.floor(jpegBytes.length / 2))))).code).toBe(
      'INPUT_INVALID',
    );
  });

  it('rejects a decompression bomb from its header, before decoding', async () => {
    const bomb = png(60_000, 60_000, Buffer.alloc(1000));
    expect(bomb.length).toBeLessThan(200);
    const started = Date.now();
    const error = await rejection(decodeImage(bomb));
    expect(error.detail).toContain('60000×60000');
    expect(error.detail).toContain(`${DEFAULT_IMAGE_LIMITS.maxPixels}-pixel limit`);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('rejects a real bomb over the configured pixel limit: 16 MB of pixels in a few kB', async () => {
    const side = 4000;
    const bomb = png(side, side, Buffer.alloc(side * (side + 1)), { colourType: 0 });
    expect(bomb.length).toBeLessThan(64 * 1024);
    const error = await rejection(decodeImage(bomb, { maxPixels: 1_000_000 }));
    expect(error.detail).toContain('4000×4000');
  });

  it('rejects input over the byte limit without decoding it', async () => {
    const bytes = readFileSync(vector('misc-images/c.png'));
    const error = await rejection(decodeImage(bytes, { maxBytes: 1000 }));
    expect(error.detail).toContain('1000-byte limit');
    // A path is checked by its size before it is read.
    const fromPath = await rejection(decodeImage(vector('misc-images/c.png'), { maxBytes: 1000 }));
    expect(fromPath.pointer).toBe(vector('misc-images/c.png'));
    expect(fromPath.detail).toContain(`${bytes.length} bytes`);
  });

  it('takes an undefined limit as the default', async () => {
    const image = await decodeImage(png(1, 1, Buffer.from([0, 1, 2, 3])), {
      maxBytes: undefined,
      timeoutMs: undefined,
    });
    expect(Array.from(image.pixels)).toEqual([1, 2, 3]);
  });

  it('rejects a missing file, a folder and nonsense limits', async () => {
    expect((await rejection(decodeImage(vector('no-such-image.png')))).code).toBe('MEDIA_MISSING');
    expect((await rejection(decodeImage(vectors))).detail).toContain('not a regular file');
    expect((await rejection(decodeImage(png(1, 1, Buffer.from([0, 1, 2, 3])), { maxPixels: 0 }))).pointer).toBe(
      'maxPixels',
    );
  });

  it('rejects vector formats, which render at a size of their own choosing', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>');
    expect((await rejection(decodeImage(svg))).detail).toContain('"svg" is not accepted');
  });

  it('gives up after timeoutMs', async () => {
    const error = await rejection(decodeImage(vector('reg-test-input/exif-rotn/exif-rotn-1.jpg'), { timeoutMs: 1 }));
    expect(error.detail).toContain('longer than 1 ms');
  });
});
