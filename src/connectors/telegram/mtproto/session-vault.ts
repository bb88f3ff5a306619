import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';
import { AppError, invalidConfig } from '../../../core/index.js';
import { writeAtomically } from '../atomic-file.js';

/**
 * The MTProto session (GramJS StringSession) is a full login to a Telegram account, so it is
 * kept encrypted at rest: AES-256-GCM with a random 12-byte IV and the key from the environment
 * secret RASD_TELEGRAM_SESSION_KEY. The secret is either a key (64 hex characters, or base64 of
 * 32 bytes) used as is, or a passphrase (at least 12 characters) stretched with scrypt
 * (N=2^15, r=8, p=1) and a random 16-byte salt stored in the file. The file is a small JSON
 * `{ v: 1, kdf, salt?, iv, tag, data }` (base64 fields), written 0600 via a temporary file and a
 * rename so a crash never leaves half a session. The session string is never logged.
 */

export const SESSION_KEY_VARIABLE = 'RASD_TELEGRAM_SESSION_KEY';
const AAD = Buffer.from('rasd-telegram-session-v1');
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const MAX_FILE_BYTES = 64 * 1024;
const MIN_PASSPHRASE = 12;

const b64 = z
  .string()
  .regex(/^[A-Za-z0-9+/]*={0,2}$/)
  .max(MAX_FILE_BYTES);
const sealedSchema = z.object({
  v: z.literal(1),
  kdf: z.enum(['raw', 'scrypt']),
  salt: b64.optional(),
  iv: b64,
  tag: b64,
  data: b64,
});
export type SealedSession = z.infer<typeof sealedSchema>;

type KeySource = { kdf: 'raw'; key: Buffer } | { kdf: 'scrypt'; passphrase: string };

/** Reads the secret: a 32-byte key as hex or base64, or else a passphrase for scrypt. */
export function keySourceOf(secret: string): KeySource {
  const trimmed = secret.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return { kdf: 'raw', key: Buffer.from(trimmed, 'hex') };
  if (/^[A-Za-z0-9+/]{43}=$/.test(trimmed)) return { kdf: 'raw', key: Buffer.from(trimmed, 'base64') };
  if (trimmed.length < MIN_PASSPHRASE) {
    throw invalidConfig(
      SESSION_KEY_VARIABLE,
      `is too short: use 64 hex characters (openssl rand -hex 32) or a passphrase of at least ${MIN_PASSPHRASE} characters`,
    );
  }
  return { kdf: 'scrypt', passphrase: trimmed };
}

function keyFor(source: KeySource, salt: Buffer | undefined): Buffer {
  if (source.kdf === 'raw') return source.key;
  if (salt === undefined) throw sessionInvalid('the file has no salt for its passphrase key');
  return scryptSync(source.passphrase, salt, 32, SCRYPT);
}

/** Encrypts a session string with the secret. */
export function sealSession(session: string, secret: string): SealedSession {
  const source = keySourceOf(secret);
  const salt = source.kdf === 'scrypt' ? randomBytes(16) : undefined;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(source, salt), iv);
  cipher.setAAD(AAD);
  const data = Buffer.concat([cipher.update(session, 'utf8'), cipher.final()]);
  return {
    v: 1,
    kdf: source.kdf,
    ...(salt !== undefined && { salt: salt.toString('base64') }),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

/** Decrypts a sealed session; a wrong key or a changed byte is TELEGRAM_SESSION_INVALID. */
export function openSession(sealed: SealedSession, secret: string): string {
  const source = keySourceOf(secret);
  if (source.kdf !== sealed.kdf) {
    throw sessionInvalid(
      `it was sealed with a ${sealed.kdf === 'raw' ? 'key' : 'passphrase'}, not the kind of secret now set`,
    );
  }
  try {
    const salt = sealed.salt === undefined ? undefined : Buffer.from(sealed.salt, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', keyFor(source, salt), Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(AAD);
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw sessionInvalid('the key is wrong or the file was changed', error);
  }
}

function sessionInvalid(why: string, cause?: unknown): AppError {
  return new AppError('TELEGRAM_SESSION_INVALID', {
    detail: `the saved session cannot be opened: ${why}; set ${SESSION_KEY_VARIABLE} to the secret it was saved with, or run \`rasd telegram login\` again`,
    pointer: SESSION_KEY_VARIABLE,
    ...(cause !== undefined && { cause }),
  });
}

/** Seals and writes the session file (0600, atomically). */
export async function saveSession(path: string, session: string, secret: string): Promise<void> {
  const sealed = sealSession(session, secret);
  await writeAtomically(path, `${JSON.stringify(sealed)}\n`, { dirMode: 0o700 });
}

/** Reads and opens the session file; undefined when there is none yet (first login). */
export async function loadSession(path: string, secret: string): Promise<string | undefined> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (info === undefined) return undefined;
  if (info.size > MAX_FILE_BYTES) throw sessionInvalid(`the file is larger than ${MAX_FILE_BYTES} bytes`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw sessionInvalid('the file is not the JSON Rasd writes', error);
  }
  const sealed = sealedSchema.safeParse(parsed);
  if (!sealed.success) throw sessionInvalid('the file is not the JSON Rasd writes');
  return openSession(sealed.data, secret);
}
