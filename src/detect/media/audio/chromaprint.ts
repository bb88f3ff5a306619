import { AppError, invalidInput } from '../../../core/errors.js';
import { fpcalc } from '../native/fpcalc.js';

/**
 * Chromaprint fingerprints of audio files, voice messages (Ogg Opus) and the soundtracks of
 * videos: one 32-bit item per ≈0.124 s, each bit a comparison of chroma energies, so a re-encoded
 * or trimmed copy keeps most bits at a shifted position (see audio-match.ts).
 */
export interface FingerprintOptions {
  timeoutMs?: number;
  /** Seconds fingerprinted from the start (fpcalc `-length`); a bank entry and a probe should agree. */
  maxSeconds?: number;
  /** File size above which the file is refused unread; videos are the large case. */
  maxBytes?: number;
}

export interface AudioFingerprint {
  /** Seconds of the whole file as the container states it (not only the part fingerprinted). */
  duration: number;
  fingerprint: Uint32Array;
}

export const FINGERPRINT_DEFAULTS = {
  timeoutMs: 60_000,
  // fpcalc's own default, and what AcoustID stores: two minutes identify a recording.
  maxSeconds: 120,
  maxBytes: 512 * 1024 * 1024,
} as const;

/**
 * Debian bookworm's fpcalc 1.5.1 exits 3 after a complete fingerprint whenever the decoder reports
 * end-of-file as an error; the print on stdout is good, so 3 counts as success when one is there.
 */
const SUCCESS_CODES = new Set([0, 3]);
/** fpcalc's code when it cannot open or decode the input (no audio stream, corrupt, too short). */
const INPUT_ERROR_CODE = 2;

export async function fingerprintAudio(path: string, options: FingerprintOptions = {}): Promise<AudioFingerprint> {
  const { stdout, stderr, code } = await fpcalc(path, {
    timeoutMs: options.timeoutMs ?? FINGERPRINT_DEFAULTS.timeoutMs,
    maxSeconds: options.maxSeconds ?? FINGERPRINT_DEFAULTS.maxSeconds,
    maxBytes: options.maxBytes ?? FINGERPRINT_DEFAULTS.maxBytes,
  });
  const parsed = SUCCESS_CODES.has(code) ? parseFpcalcJson(stdout.toString('utf8')) : undefined;
  if (parsed && parsed.fingerprint.length > 0) return parsed;
  const said = fpcalcMessage(stderr);
  if (parsed || code === INPUT_ERROR_CODE) {
    throw invalidInput(`audio cannot be fingerprinted: ${said || 'the fingerprint is empty (too short?)'}`, path);
  }
  throw new AppError('PROVIDER_FAILED', { detail: `fpcalc exited with code ${code}: ${said}`, retryable: false });
}

/**
 * Reads `{"duration": 20.00, "fingerprint": [1589029380, …]}` as `fpcalc -raw -json` prints it.
 * Returns undefined for anything else, so a half-written print is never taken for a whole one.
 */
export function parseFpcalcJson(output: string): AudioFingerprint | undefined {
  let value: unknown;
  try {
    value = JSON.parse(output);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { duration, fingerprint } = value as { duration?: unknown; fingerprint?: unknown };
  if (typeof duration !== 'number' || !Number.isFinite(duration) || duration < 0) return undefined;
  if (!Array.isArray(fingerprint)) return undefined;
  const items = new Uint32Array(fingerprint.length);
  for (let i = 0; i < fingerprint.length; i++) {
    const item: unknown = fingerprint[i];
    // -signed prints would be negative; both are the same 32 bits.
    if (!Number.isInteger(item) || (item as number) < -0x80000000 || (item as number) > 0xffffffff) return undefined;
    items[i] = (item as number) >>> 0;
  }
  return { duration, fingerprint: items };
}

function fpcalcMessage(stderr: string): string {
  const lines = stderr.split('\n').map((line) => line.replace(/^ERROR:\s*/, '').trim());
  // Debian's end-of-file complaint appears on every run; the line after it is the real reason.
  const useful = lines.filter((line) => line !== '' && !line.includes('(End of file)'));
  return (useful.at(-1) ?? '').slice(0, 300);
}
