import { invalidInput } from '../../../core/errors.js';

/**
 * The text form of an audio fingerprint in a bank: `cp1:` followed by standard base64 (with
 * padding) of the fingerprint's 32-bit items, each little-endian, in order. `cp1` names Chromaprint
 * algorithm 2 (fpcalc's default) raw items; a different algorithm or layout gets a new prefix, so a
 * bank never compares prints that were made differently. Base64 keeps a 120 s print (≈970 items)
 * under 5.2 kB, four times smaller than the comma-separated decimals fpcalc prints.
 */
export const FINGERPRINT_TEXT_PREFIX = 'cp1:';

/** One hour of audio is ≈29 000 items; anything far larger is not a fingerprint we made. */
const MAX_ITEMS = 1 << 20;

export function serializeFingerprint(fingerprint: Uint32Array): string {
  const bytes = Buffer.alloc(fingerprint.length * 4);
  for (let i = 0; i < fingerprint.length; i++) bytes.writeUInt32LE(fingerprint[i]!, i * 4);
  return FINGERPRINT_TEXT_PREFIX + bytes.toString('base64');
}

export function parseFingerprint(text: string): Uint32Array {
  if (!text.startsWith(FINGERPRINT_TEXT_PREFIX)) {
    const prefix = /^[a-z0-9]{1,8}:/.exec(text)?.[0];
    throw invalidInput(
      prefix
        ? `audio fingerprint version "${prefix}" is not supported; this Rasd reads "${FINGERPRINT_TEXT_PREFIX}"`
        : `audio fingerprint text must start with "${FINGERPRINT_TEXT_PREFIX}"`,
    );
  }
  const body = text.slice(FINGERPRINT_TEXT_PREFIX.length);
  if (body.length > 4 * Math.ceil((MAX_ITEMS * 4) / 3)) throw invalidInput('audio fingerprint text is too long');
  const bytes = Buffer.from(body, 'base64');
  // Buffer's decoder skips what it does not know; only the canonical encoding round-trips exactly.
  if (bytes.toString('base64') !== body) throw invalidInput('audio fingerprint text is not canonical padded base64');
  if (bytes.length % 4 !== 0) throw invalidInput('audio fingerprint bytes are not a whole number of 32-bit items');
  const items = new Uint32Array(bytes.length / 4);
  for (let i = 0; i < items.length; i++) items[i] = bytes.readUInt32LE(i * 4);
  return items;
}
