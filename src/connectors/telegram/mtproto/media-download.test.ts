import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Api } from 'telegram';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../core/index.js';
import { downloadMessageMedia, extensionOf, mediaPath } from './media-download.js';
import { long, post } from './testing.js';

let mediaDir: string;
beforeEach(async () => {
  mediaDir = await mkdtemp(join(tmpdir(), 'rasd-media-'));
});
afterEach(async () => {
  await rm(mediaDir, { recursive: true, force: true });
});

const photo = new Api.MessageMediaPhoto({
  photo: new Api.Photo({
    id: long(1),
    accessHash: long(1),
    fileReference: Buffer.alloc(0),
    date: 1_700_000_000,
    dcId: 2,
    sizes: [new Api.PhotoSize({ type: 'x', w: 10, h: 10, size: 100 })],
  }),
});

describe('media download', () => {
  it('names files by mime, else by a plain file-name extension, else by kind', () => {
    expect(extensionOf({ kind: 'video', status: 'remote', mime: 'video/mp4' })).toBe('mp4');
    expect(extensionOf({ kind: 'document', status: 'remote', fileName: 'report.PDF2' })).toBe('pdf2');
    expect(extensionOf({ kind: 'document', status: 'remote', fileName: 'a.../../x' })).toBe('bin');
    expect(extensionOf({ kind: 'document', status: 'remote', fileName: 'noextension' })).toBe('bin');
    expect(extensionOf({ kind: 'photo', status: 'remote' })).toBe('jpg');
  });

  it('refuses a path that would leave the media folder', () => {
    expect(mediaPath(mediaDir, '1001', 5, 0, 'jpg')).toBe(join(mediaDir, '1001', '5-0.jpg'));
    expect(() => mediaPath(mediaDir, '../../etc', 5, 0, 'jpg')).toThrow(AppError);
    expect(() => mediaPath(mediaDir, '1001', 5, 0, '/../../x')).toThrow(AppError);
  });

  it('a failed download leaves the file remote with a note, and the message goes on', async () => {
    const refs = await downloadMessageMedia(
      {
        mediaDir,
        limits: { maxBytes: 1_000, kinds: ['photo'] },
        fetch: async () => {
          throw new AppError('TELEGRAM_UNAVAILABLE', { detail: 'network down' });
        },
      },
      post(1001, 3, { media: photo }),
      '1001',
    );
    expect(refs).toEqual([expect.objectContaining({ kind: 'photo', status: 'remote' })]);
    expect(refs[0]?.note).toContain('download failed');
    expect(await readdir(mediaDir)).toEqual([]);
  });

  it('a revoked session is not swallowed as a file failure', async () => {
    const download = downloadMessageMedia(
      {
        mediaDir,
        limits: { maxBytes: 1_000, kinds: ['photo'] },
        fetch: async () => {
          throw new AppError('TELEGRAM_SESSION_INVALID', { detail: 'logged out' });
        },
      },
      post(1001, 3, { media: photo }),
      '1001',
    );
    await expect(download).rejects.toMatchObject({ code: 'TELEGRAM_SESSION_INVALID' });
  });

  it('a kind the scan does not use is not downloaded', async () => {
    let fetched = 0;
    const refs = await downloadMessageMedia(
      {
        mediaDir,
        limits: { maxBytes: 1_000, kinds: ['video'] },
        fetch: async () => {
          fetched++;
          return Buffer.alloc(1);
        },
      },
      post(1001, 3, { media: photo }),
      '1001',
    );
    expect(fetched).toBe(0);
    expect(refs[0]).toMatchObject({ kind: 'photo', status: 'remote' });
  });
});
