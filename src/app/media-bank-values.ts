import { parseFingerprint, serializeFingerprint } from '../detect/media/audio/index.js';
import { formatVpdq, parseVpdq, type VpdqFrame } from '../detect/media/video/index.js';
import { parseTmkText, type TmkHash } from '../detect/media/video/tmk/index.js';
import type { MediaBankSignalType } from '../scan/providers/media-bank.js';

/**
 * A media bank value read once, into the canonical text it is indexed under and, for the types
 * compared by more than equality, the parsed form the index keeps (vPDQ frames, a Chromaprint
 * print, a TMK hash). Values nobody could compare become undefined: skipped, not fatal.
 */
export type ParsedMediaValue =
  | { signalType: 'pdq' | 'md5' | 'sha256'; value: string }
  | { signalType: 'vpdq'; value: string; frames: VpdqFrame[] }
  | { signalType: 'audio-fingerprint'; value: string; print: Uint32Array }
  | { signalType: 'tmk'; value: string; hash: TmkHash };

const HEX: Record<'pdq' | 'md5' | 'sha256', RegExp> = {
  pdq: /^[0-9a-f]{64}$/,
  md5: /^[0-9a-f]{32}$/,
  sha256: /^[0-9a-f]{64}$/,
};

export function parseMediaValue(signalType: MediaBankSignalType, value: string): ParsedMediaValue | undefined {
  try {
    switch (signalType) {
      case 'vpdq': {
        const frames = parseVpdq(value);
        return { signalType, value: formatVpdq(frames), frames };
      }
      case 'audio-fingerprint': {
        const print = parseFingerprint(value.trim());
        return { signalType, value: serializeFingerprint(print), print };
      }
      case 'tmk': {
        const { hash, text } = parseTmkText(value);
        return { signalType, value: text, hash };
      }
      default: {
        const v = value.trim().toLowerCase();
        return HEX[signalType].test(v) ? { signalType, value: v } : undefined;
      }
    }
  } catch {
    return undefined;
  }
}

/** A value in the canonical form its type is indexed in (lower-case hex, vPDQ lines, base64), or undefined. */
export function canonicalValue(signalType: MediaBankSignalType, value: string): string | undefined {
  return parseMediaValue(signalType, value)?.value;
}
