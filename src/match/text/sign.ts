import { distinctCount, MINHASH_K, minhashInto, type TextSignature } from './minhash.js';
import { type ShingleKind, shapeOf, shingleHashes, type TextShape } from './shingles.js';
import { type Tokens, tokenize } from './tokens.js';

/** Why a text was not signed. */
export type UnsignedReason = 'too-short';

export type SignOutcome = { signature: TextSignature; shape: TextShape } | { reason: UnsignedReason; shape: TextShape };

/**
 * The signature of a shingle kind over tokenised, normalised text, written into `out` (a fresh
 * array by default; the query path passes a reused one).
 */
export function signTokens(
  normalized: string,
  tokens: Tokens,
  kind: ShingleKind,
  out: Uint32Array = new Uint32Array(MINHASH_K),
): TextSignature {
  const { hashes, count } = shingleHashes(normalized, kind, tokens);
  return { kind, size: distinctCount(hashes, count), values: minhashInto(hashes, count, out) };
}

/**
 * The bank signature of a normalised text, in the kind its shape calls for, or why there is
 * none: texts under `MIN_CONTENT_CHARS` content characters, or under `MIN_WORDS` words unless
 * unsegmented, are neither banked nor matched (a greeting or a slogan would match too much).
 */
export function signText(normalized: string): SignOutcome {
  const tokens = tokenize(normalized);
  const shape = shapeOf(tokens);
  if (!shape.eligible) return { reason: 'too-short', shape };
  return { signature: signTokens(normalized, tokens, shape.kind), shape };
}
