import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Api } from 'telegram';
import { RPCError } from 'telegram/errors/index.js';
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
    const file = { messageId: 5, version: 0, n: 0 };
    expect(mediaPath(mediaDir, '1001', file, 'jpg')).toBe(join(mediaDir, '1001', '5-0-0.jpg'));
    expect(() => mediaPath(mediaDir, '../../etc', file, 'jpg')).toThrow(AppError);
    expect(() => mediaPath(mediaDir, '1001', file, '/../../x')).toThrow(AppError);
    expect(() => mediaPath(mediaDir, '1001', { ...file, version: -1 }, 'jpg')).toThrow(AppError);
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

  it("an edit that swaps the file keeps the earlier version's file", async () => {
    const fetch = async (source: Api.TypeMessageMedia) => Buffer.from(source === photo ? 'first picture' : 'second');
    const limits = { maxBytes: 1_000, kinds: ['photo' as const] };
    const swapped = new Api.MessageMediaPhoto({ photo: photo.photo });
    const [first] = await downloadMessageMedia({ mediaDir, limits, fetch }, post(1001, 3, { media: photo }), '1001');
    const [second] = await downloadMessageMedia(
      { mediaDir, limits, fetch },
      post(1001, 3, { media: swapped, editDate: 1_700_000_900 }),
      '1001',
    );
    expect(first?.path).not.toBe(second?.path);
    expect(first?.path).toBe('1001/3-0-0.jpg');
    expect(second?.path).toBe('1001/3-1700000900-0.jpg');
    expect(await readFile(join(mediaDir, first?.path as string), 'utf8')).toBe('first picture');
    expect(first?.sha256).not.toBe(second?.sha256);
  });

  it('any other download error (not a session one) costs the file only, noted by its code', async () => {
    const refs = await downloadMessageMedia(
      {
        mediaDir,
        limits: { maxBytes: 1_000, kinds: ['photo'] },
        fetch: async () => {
          throw new RPCError('MEDIA_EMPTY', undefined as never, 400);
        },
      },
      post(1001, 3, { media: photo }),
      '1001',
    );
    expect(refs[0]).toMatchObject({ kind: 'photo', status: 'remote' });
    expect(refs[0]?.note).toContain('MEDIA_EMPTY');
  });

  it('an expired file reference is renewed once by re-reading the message, then fetched', async () => {
    const fresh = new Api.MessageMediaPhoto({ photo: photo.photo });
    const asked: Api.TypeMessageMedia[] = [];
    let rereads = 0;
    const refs = await downloadMessageMedia(
      {
        mediaDir,
        limits: { maxBytes: 1_000, kinds: ['photo'] },
        fetch: async (source) => {
          asked.push(source);
          if (source !== fresh) throw new RPCError('FILE_REFERENCE_EXPIRED', undefined as never, 400);
          return Buffer.from('bytes');
        },
        reread: async () => {
          rereads++;
          return post(1001, 3, { media: fresh });
        },
      },
      post(1001, 3, { media: photo }),
      '1001',
    );
    expect(rereads).toBe(1);
    expect(asked).toEqual([photo, fresh]);
    expect(refs[0]).toMatchObject({ status: 'present', path: '1001/3-0-0.jpg' });
  });

  it('a file reference still expired after the re-read, or a message gone, is a note', async () => {
    for (const reread of [async () => post(1001, 3, { media: photo }), async () => new Api.MessageEmpty({ id: 3 })]) {
      const refs = await downloadMessageMedia(
        {
          mediaDir,
          limits: { maxBytes: 1_000, kinds: ['photo'] },
          fetch: async () => {
            throw new RPCError('FILE_REFERENCE_EXPIRED', undefined as never, 400);
          },
          reread,
        },
        post(1001, 3, { media: photo }),
        '1001',
      );
      expect(refs[0]).toMatchObject({ status: 'remote' });
      expect(refs[0]?.note).toContain('FILE_REFERENCE_EXPIRED');
    }
  });
});
