import { serializeSignature } from './text/minhash.js';
import { signText, type UnsignedReason } from './text/sign.js';
import type { Normalize } from './text-bank.js';

export type BankSignOutcome = { value: string; words: number } | { reason: UnsignedReason; words: number };

/**
 * The `text-minhash` bank value of a raw text: normalised with `normalize`, signed, serialised.
 * Texts too short to bank give a reason instead.
 */
export function signForBank(text: string, normalize: Normalize): BankSignOutcome {
  const outcome = signText(normalize(text));
  if ('reason' in outcome) return { reason: outcome.reason, words: outcome.shape.words };
  return { value: serializeSignature(outcome.signature), words: outcome.shape.words };
}
