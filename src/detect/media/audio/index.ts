export {
  AUDIO_MATCH_THRESHOLD,
  AUDIO_MIN_OVERLAP,
  AUDIO_MIN_OVERLAP_FLOOR,
  type AudioMatch,
  type AudioMatchOptions,
  FINGERPRINT_ITEM_SECONDS,
  matchAudio,
} from './audio-match.js';
export {
  type AudioFingerprint,
  FINGERPRINT_DEFAULTS,
  type FingerprintOptions,
  fingerprintAudio,
  parseFpcalcJson,
} from './chromaprint.js';
export { FINGERPRINT_TEXT_PREFIX, parseFingerprint, serializeFingerprint } from './fingerprint-text.js';
