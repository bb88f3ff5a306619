import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../core/index.js';
import { keySourceOf, loadSession, openSession, saveSession, sealSession } from './session-vault.js';

const HEX_KEY = 'a1'.repeat(32);
const OTHER_HEX_KEY = 'b2'.repeat(32);
const BASE64_KEY = Buffer.alloc(32, 7).toString('base64');
const SESSION = '1BAAOMTQ5LjE1NC4xNjcuOTEAUEXAMPLE-session-string-not-real';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rasd-vault-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? error.code : 'not-app-error';
  }
  return undefined;
}

describe('session vault', () => {
  it('round-trips through the file, which does not contain the session in clear', async () => {
    const path = join(dir, 'sub', 'session.json');
    await saveSession(path, SESSION, HEX_KEY);
    const raw = await readFile(path, 'utf8');
    expect(raw).not.toContain(SESSION);
    expect(raw).not.toContain(Buffer.from(SESSION).toString('base64'));
    expect(JSON.parse(raw)).toMatchObject({ v: 1, kdf: 'raw' });
    await expect(loadSession(path, HEX_KEY)).resolves.toBe(SESSION);
  });

  it('writes the file with mode 0600 and leaves no temporary file', async () => {
    const path = join(dir, 'session.json');
    await saveSession(path, SESSION, HEX_KEY);
    await saveSession(path, `${SESSION}-2`, HEX_KEY);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['session.json']);
    await expect(loadSession(path, HEX_KEY)).resolves.toBe(`${SESSION}-2`);
  });

  it('uses a fresh IV each time', () => {
    expect(sealSession(SESSION, HEX_KEY).iv).not.toBe(sealSession(SESSION, HEX_KEY).iv);
  });

  it('a wrong key is TELEGRAM_SESSION_INVALID saying to log in again', async () => {
    const path = join(dir, 'session.json');
    await saveSession(path, SESSION, HEX_KEY);
    const error = await loadSession(path, OTHER_HEX_KEY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('TELEGRAM_SESSION_INVALID');
    expect((error as AppError).detail).toContain('rasd telegram login');
    expect(String((error as AppError).message)).not.toContain(SESSION);
  });

  it('a tampered byte is refused', () => {
    const sealed = sealSession(SESSION, HEX_KEY);
    const data = Buffer.from(sealed.data, 'base64');
    data[3] = (data[3] ?? 0) ^ 0x01;
    const tampered = { ...sealed, data: data.toString('base64') };
    expect(codeOf(() => openSession(tampered, HEX_KEY))).toBe('TELEGRAM_SESSION_INVALID');
    const tag = Buffer.from(sealed.tag, 'base64');
    tag[0] = (tag[0] ?? 0) ^ 0x80;
    expect(codeOf(() => openSession({ ...sealed, tag: tag.toString('base64') }, HEX_KEY))).toBe(
      'TELEGRAM_SESSION_INVALID',
    );
  });

  it('a file that is not the vault format is refused, a missing file is no session yet', async () => {
    const path = join(dir, 'session.json');
    await writeFile(path, '{"v":2}');
    await expect(loadSession(path, HEX_KEY)).rejects.toMatchObject({ code: 'TELEGRAM_SESSION_INVALID' });
    await expect(loadSession(join(dir, 'none.json'), HEX_KEY)).resolves.toBeUndefined();
  });

  it('a passphrase is stretched with scrypt and a stored salt', async () => {
    const passphrase = 'correct horse battery staple';
    const path = join(dir, 'session.json');
    await saveSession(path, SESSION, passphrase);
    const sealed = JSON.parse(await readFile(path, 'utf8'));
    expect(sealed.kdf).toBe('scrypt');
    expect(Buffer.from(sealed.salt, 'base64')).toHaveLength(16);
    await expect(loadSession(path, passphrase)).resolves.toBe(SESSION);
    await expect(loadSession(path, 'another long passphrase')).rejects.toMatchObject({
      code: 'TELEGRAM_SESSION_INVALID',
    });
  });

  it('reads hex and base64 keys as 32 raw bytes and refuses a short secret', () => {
    expect(keySourceOf(HEX_KEY)).toMatchObject({ kdf: 'raw' });
    const fromBase64 = keySourceOf(BASE64_KEY);
    expect(fromBase64.kdf === 'raw' && fromBase64.key.equals(Buffer.alloc(32, 7))).toBe(true);
    expect(codeOf(() => keySourceOf('short'))).toBe('CONFIG_INVALID');
    expect(openSession(sealSession(SESSION, BASE64_KEY), BASE64_KEY)).toBe(SESSION);
  });
});
