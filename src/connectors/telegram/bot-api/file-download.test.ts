import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Api } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../../core/index.js';
import { downloadFile } from './file-download.js';
import { type FakeBotApi, startFakeBotApi } from './testing/fake-bot-api.js';

let fake: FakeBotApi;
let dir: string;
beforeEach(async () => {
  fake = await startFakeBotApi();
  dir = mkdtempSync(join(tmpdir(), 'rasd-bot-files-'));
});
afterEach(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

const api = () => new Api(fake.token, { apiRoot: fake.url });
const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 251));

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error('expected an AppError');
  return error;
}

describe('downloadFile', () => {
  it('downloads a file by id and returns its path, size and sha256', async () => {
    fake.addFile('ph1', bytes, 'photos/file_1.jpg');
    const got = await downloadFile(api(), 'ph1', { dir, name: 'ph1-u', maxBytes: 10_000 });
    expect(got).toEqual({
      path: join(dir, 'ph1-u'),
      size: 3000,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    expect(readFileSync(got.path)).toEqual(bytes);
    expect(fake.fileGets).toEqual(['photos/file_1.jpg']);
    expect(readdirSync(dir)).toEqual(['ph1-u']);
  });

  it('refuses a file declared over the limit without downloading it', async () => {
    fake.addFile('big', bytes, 'documents/file_2.pdf');
    const error = await refusal(downloadFile(api(), 'big', { dir, name: 'big', maxBytes: 2999 }));
    expect(error.code).toBe('INPUT_INVALID');
    expect(error.detail).toContain('over the download limit of 2999 bytes');
    expect(fake.callsOf('getFile')).toHaveLength(1);
    expect(fake.fileGets).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('stops a download whose bytes exceed the limit though the declared size fit', async () => {
    // Telegram declares the size; a claim that is too small must not let a larger body through.
    fake.addFile('liar', bytes, 'documents/file_3.pdf', { declaredSize: 100 });
    const error = await refusal(downloadFile(api(), 'liar', { dir, name: 'liar', maxBytes: 1000 }));
    expect(error.code).toBe('INPUT_INVALID');
    expect(fake.fileGets).toEqual(['documents/file_3.pdf']);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a name that would leave the folder', async () => {
    fake.addFile('ph1', bytes, 'photos/file_1.jpg');
    for (const name of ['../escape', 'a/b', '..', '']) {
      expect((await refusal(downloadFile(api(), 'ph1', { dir, name, maxBytes: 10_000 }))).code).toBe('INPUT_INVALID');
    }
    expect(fake.calls).toEqual([]);
  });

  it('says so when Telegram does not know the file id', async () => {
    const error = await refusal(downloadFile(api(), 'nope', { dir, name: 'x', maxBytes: 10 }));
    expect(error.code).toBe('INPUT_INVALID');
    expect(error.detail).toContain('invalid file_id');
  });
});
