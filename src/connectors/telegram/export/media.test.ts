import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  chatExport,
  errorsOf,
  itemsOf,
  message,
  readAll,
  tempDir,
  writeExport,
  writeFile,
} from './fixtures/export-dir.js';

/**
 * The outside "secret" is a FIFO: opening it for reading blocks until a writer comes, and none
 * ever does, so a reader that opened it would hang and time the test out. stat and realpath
 * never open, which is all a correct reader may do with it.
 */
const FIFO_TIMEOUT = 10_000;

function outsideFifo(dir: string): string {
  const path = join(dir, 'secret.fifo');
  execFileSync('mkfifo', [path]);
  return path;
}

describe('readTelegramExport media', () => {
  let tmp: ReturnType<typeof tempDir>;
  let exportDir: string;
  beforeEach(() => {
    tmp = tempDir();
    exportDir = join(tmp.dir, 'export');
    mkdirSync(exportDir);
  });
  afterEach(() => tmp.remove());

  async function single(extra: Record<string, unknown>, options = {}) {
    writeExport(exportDir, chatExport([message(1, extra)]));
    const records = await readAll(exportDir, options);
    return { item: itemsOf(records)[0], errors: errorsOf(records) };
  }

  it('reports a present photo with its size from disk and its dimensions', async () => {
    writeFile(exportDir, 'photos/photo_1.jpg', Buffer.alloc(321));
    const { item, errors } = await single({
      photo: 'photos/photo_1.jpg',
      photo_file_size: 999,
      width: 800,
      height: 600,
    });
    expect(errors).toEqual([]);
    expect(item?.media).toEqual([
      { kind: 'photo', status: 'present', path: 'photos/photo_1.jpg', size: 321, width: 800, height: 600 },
    ]);
  });

  it('reports a document with its name, mime type and thumbnail', async () => {
    writeFile(exportDir, 'files/notes.pdf', 'pdf');
    writeFile(exportDir, 'files/notes.pdf_thumb.jpg', 'jpg');
    const { item } = await single({
      file: 'files/notes.pdf',
      file_name: 'notes.pdf',
      file_size: 3,
      mime_type: 'application/pdf',
      thumbnail: 'files/notes.pdf_thumb.jpg',
    });
    expect(item?.media).toEqual([
      {
        kind: 'document',
        status: 'present',
        path: 'files/notes.pdf',
        fileName: 'notes.pdf',
        mime: 'application/pdf',
        size: 3,
        thumbnailPath: 'files/notes.pdf_thumb.jpg',
      },
    ]);
  });

  it.each([
    ['video_file', 'video'],
    ['animation', 'animation'],
    ['voice_message', 'voice'],
    ['audio_file', 'audio'],
    ['video_message', 'video-note'],
    ['sticker', 'sticker'],
  ])('maps media_type %s to %s', async (mediaType, kind) => {
    writeFile(exportDir, 'files/a.bin', 'x');
    const { item } = await single({ file: 'files/a.bin', media_type: mediaType, duration_seconds: 5 });
    expect(item?.media[0]).toMatchObject({ kind, status: 'present', durationSeconds: 5 });
  });

  it('marks a file the exporter skipped as not-exported and keeps the declared size', async () => {
    const { item, errors } = await single({
      file: '(File not included. Change data exporting settings to download.)',
      file_size: 1234,
      media_type: 'video_file',
      mime_type: 'video/mp4',
    });
    expect(errors).toEqual([]);
    expect(item?.media).toEqual([
      { kind: 'video', status: 'not-exported', mime: 'video/mp4', size: 1234, note: expect.any(String) },
    ]);
  });

  it('still emits the item when a named file is missing', async () => {
    const { item, errors } = await single({ photo: 'photos/gone.jpg' });
    expect(errors).toEqual([]);
    expect(item?.text).toBe('hello');
    expect(item?.media).toEqual([
      { kind: 'photo', status: 'missing', path: 'photos/gone.jpg', note: 'file not found in the export folder' },
    ]);
  });

  it(
    'refuses a ../ escape without touching it',
    async () => {
      outsideFifo(tmp.dir);
      const { item, errors } = await single({ file: '../secret.fifo' });
      expect(item?.media).toEqual([{ kind: 'document', status: 'rejected', note: expect.stringContaining("'..'") }]);
      expect(errors.map((e) => e.code)).toEqual(['MEDIA_PATH_ESCAPE']);
      expect(errors[0]?.record).toBe(`${join(exportDir, 'result.json')}#1001/0 id=1`);
    },
    FIFO_TIMEOUT,
  );

  it(
    'refuses an absolute path without touching it',
    async () => {
      const fifo = outsideFifo(tmp.dir);
      const { item, errors } = await single({ photo: fifo });
      expect(item?.media[0]).toMatchObject({ status: 'rejected', note: expect.stringContaining('absolute') });
      expect(item?.media[0]?.path).toBeUndefined();
      expect(errors.map((e) => e.code)).toEqual(['MEDIA_PATH_ESCAPE']);
    },
    FIFO_TIMEOUT,
  );

  it(
    'refuses a symlink that leads outside, and never opens its target',
    async () => {
      const fifo = outsideFifo(tmp.dir);
      mkdirSync(join(exportDir, 'files'));
      symlinkSync(fifo, join(exportDir, 'files', 'innocent.mp4'));
      const { item, errors } = await single({ file: 'files/innocent.mp4', media_type: 'video_file' });
      expect(item?.media[0]).toMatchObject({
        kind: 'video',
        status: 'rejected',
        note: expect.stringContaining('symbolic link'),
      });
      expect(errors.map((e) => e.code)).toEqual(['MEDIA_PATH_ESCAPE']);
      expect(errors[0]?.message).not.toContain('hello');
    },
    FIFO_TIMEOUT,
  );

  it('refuses a path through a symlinked folder that leads outside', async () => {
    const outside = join(tmp.dir, 'elsewhere');
    mkdirSync(outside);
    writeFile(outside, 'x.jpg', 'x');
    symlinkSync(outside, join(exportDir, 'photos'));
    const { item, errors } = await single({ photo: 'photos/x.jpg' });
    expect(item?.media[0]?.status).toBe('rejected');
    expect(errors.map((e) => e.code)).toEqual(['MEDIA_PATH_ESCAPE']);
  });

  it('accepts a symlink that stays inside the export, and an export reached through a link', async () => {
    writeFile(exportDir, 'files/real.jpg', 'abcd');
    symlinkSync('real.jpg', join(exportDir, 'files', 'alias.jpg'));
    symlinkSync(exportDir, join(tmp.dir, 'linked'));
    writeExport(exportDir, chatExport([message(1, { photo: 'files/alias.jpg' })]));
    const records = await readAll(join(tmp.dir, 'linked'));
    expect(errorsOf(records)).toEqual([]);
    expect(itemsOf(records)[0]?.media[0]).toMatchObject({ status: 'present', size: 4 });
  });

  it('refuses a thumbnail that escapes but keeps the file', async () => {
    writeFile(exportDir, 'files/a.mp4', 'x');
    const { item, errors } = await single({
      file: 'files/a.mp4',
      media_type: 'video_file',
      thumbnail: '../../etc/passwd',
    });
    expect(item?.media[0]).toMatchObject({ status: 'present' });
    expect(item?.media[0]?.thumbnailPath).toBeUndefined();
    expect(errors.map((e) => e.code)).toEqual(['MEDIA_PATH_ESCAPE']);
  });

  it('refuses something that is not a regular file', async () => {
    mkdirSync(join(exportDir, 'files', 'dir.jpg'), { recursive: true });
    const { item, errors } = await single({ photo: 'files/dir.jpg' });
    expect(item?.media[0]).toMatchObject({ status: 'rejected', note: expect.stringContaining('not a regular file') });
    expect(errors).toEqual([]);
  });

  it('only checks paths lexically when statMedia is off', async () => {
    const { item, errors } = await single({ photo: 'photos/unchecked.jpg', file: '../x' }, { statMedia: false });
    expect(item?.media.map((m) => m.status)).toEqual(['present', 'rejected']);
    expect(errors.map((e) => e.code)).toEqual(['MEDIA_PATH_ESCAPE']);
  });
});
