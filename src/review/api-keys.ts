import { createHash, randomBytes } from 'node:crypto';
import { newId } from '../core/ids.js';

/**
 * API keys for machines: 32 random bytes, shown once at creation. Only their SHA-256 is stored;
 * a key has 256 bits of entropy, so a fast hash is enough (unlike a password, it cannot be
 * guessed from a dictionary), and it lets the server find a key by its hash in one lookup.
 */

const PREFIX = 'rasd_';

export interface NewApiKeySecret {
  id: string;
  /** The key itself: print it once, store only `keyHash`. */
  key: string;
  keyHash: string;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function generateApiKey(): NewApiKeySecret {
  const key = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  return { id: newId('key'), key, keyHash: hashApiKey(key) };
}

/** Session ids are stored hashed for the same reason: a copy of the database logs nobody in. */
export function generateSessionId(): { id: string; idHash: string } {
  const id = randomBytes(32).toString('base64url');
  return { id, idHash: hashApiKey(id) };
}
