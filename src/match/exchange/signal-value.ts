import { type BankSignalType, isAppError } from '../../core/index.js';
import { parseFingerprint, serializeFingerprint } from '../../detect/media/audio/index.js';
import { parseTmkText } from '../../detect/media/video/tmk/index.js';
import { parseSignature } from '../text/minhash.js';

/**
 * Checks and normalises one bank value for its signal type, the way pytx's
 * `validate_signal_str` does for hashes (strip, lower-case, exact hex length), so the same
 * hash written in capitals by one exchange and in lower case by another is one entry.
 * Errors say what is wrong and what a valid value looks like; they quote at most the start of
 * a hex value (a hash is not content) and never a url, signature or fingerprint.
 */
export type SignalValueCheck = { value: string } | { error: string };

/** The store's own limit on a value (`bank_entry.value`). */
export const MAX_SIGNAL_VALUE_CHARS = 1 << 20;

const HEX_LENGTHS: Partial<Record<BankSignalType, { chars: number; what: string }>> = {
  pdq: { chars: 64, what: 'a PDQ hash is 256 bits: 64 hexadecimal characters' },
  md5: { chars: 32, what: 'an MD5 is 128 bits: 32 hexadecimal characters' },
  sha256: { chars: 64, what: 'a SHA-256 is 256 bits: 64 hexadecimal characters' },
};

function quoteStart(value: string): string {
  return JSON.stringify(value.length > 16 ? `${value.slice(0, 16)}…` : value);
}

function checkHex(value: string, spec: { chars: number; what: string }): SignalValueCheck {
  const v = value.toLowerCase();
  if (v.length === spec.chars && /^[0-9a-f]+$/.test(v)) return { value: v };
  const got = /^[0-9a-f]*$/.test(v)
    ? `${v.length} characters`
    : `${quoteStart(value)}, which is not hexadecimal (0-9, a-f)`;
  return { error: `${spec.what}; got ${got}` };
}

function checkUrl(value: string): SignalValueCheck {
  if (/\s/.test(value) || !URL.canParse(value)) {
    return { error: 'a url must be one absolute URL (scheme://host/…) with no spaces' };
  }
  return { value };
}

/** Runs a parser; its INPUT_INVALID detail (which never quotes the value) becomes the error. */
function checkParsed(parse: () => string, what: string): SignalValueCheck {
  try {
    return { value: parse() };
  } catch (error) {
    return { error: isAppError(error) && error.detail ? error.detail : what };
  }
}

export function checkSignalValue(type: BankSignalType, raw: unknown): SignalValueCheck {
  if (typeof raw !== 'string' && typeof raw !== 'number') return { error: `the ${type} value is missing` };
  const value = String(raw).trim();
  if (value === '') return { error: `the ${type} value is empty` };
  if (value.length > MAX_SIGNAL_VALUE_CHARS) {
    return { error: `the ${type} value is longer than ${MAX_SIGNAL_VALUE_CHARS} characters` };
  }
  const hex = HEX_LENGTHS[type];
  if (hex) return checkHex(value, hex);
  if (type === 'url') return checkUrl(value);
  if (type === 'text-minhash') {
    const keep = (): string => {
      parseSignature(value);
      return value;
    };
    return checkParsed(keep, 'not a Rasd text signature');
  }
  // Stored canonical, so the same print written twice is one entry, and what `rasd hash` prints is accepted.
  if (type === 'audio-fingerprint') {
    return checkParsed(() => serializeFingerprint(parseFingerprint(value)), 'not a cp1: audio fingerprint');
  }
  if (type === 'tmk') return checkParsed(() => parseTmkText(value).text, 'not the base64 of a .tmk file');
  // vpdq (pytx writes JSON): opaque here; the media banks skip lines they cannot read.
  return { value };
}
