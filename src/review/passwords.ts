import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Password hashes: scrypt with a per-user random salt. The parameters travel inside the stored
 * string (`scrypt$N$r$p$salt$hash`), so they can be raised later without breaking old hashes.
 * Never log a password or a hash.
 */

const PREFIX = 'scrypt';
/** 2^15 × 8 × 128 bytes = 32 MiB per hash: slow for a guesser, tolerable for a login. */
const DEFAULT = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** Refuses stored parameters that would make one verification eat the machine. */
const MAX_N = 2 ** 20;
const MAX_RP = 16;

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

function derive(password: string, salt: Buffer, params: ScryptParams, length: number): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params, KEY_BYTES);
  return [PREFIX, params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

interface Parsed {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

function parse(stored: string): Parsed | undefined {
  const [prefix, n, r, p, salt, key, ...rest] = stored.split('$');
  if (prefix !== PREFIX || rest.length > 0 || salt === undefined || key === undefined) return undefined;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const sane =
    Number.isSafeInteger(params.N) &&
    params.N > 1 &&
    params.N <= MAX_N &&
    (params.N & (params.N - 1)) === 0 &&
    [params.r, params.p].every((v) => Number.isSafeInteger(v) && v >= 1 && v <= MAX_RP);
  if (!sane) return undefined;
  const parsed = { params, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') };
  return parsed.key.length >= 16 && parsed.salt.length >= 8 ? parsed : undefined;
}

/** Constant-time compare of the derived key; false (never a throw) for a malformed stored hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (parsed === undefined) return false;
  const key = await derive(password, parsed.salt, parsed.params, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

let dummy: Promise<string> | undefined;

/**
 * Burns the same time as a real check, for a login naming an unknown user, so the response
 * time does not tell a guesser which usernames exist.
 */
export async function verifyAgainstNobody(password: string): Promise<false> {
  dummy ??= hashPassword('rasd-no-such-user');
  await verifyPassword(password, await dummy);
  return false;
}
