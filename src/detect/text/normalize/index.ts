/**
 * The evasion-proof text normaliser: `normalize(text)` → canonical text, a map back to the
 * original, the tactics undone (and an Arabic reading of Arabizi); `toTacticSignals` turns the
 * tactics into `tactic` signals for the policy. Pure and synchronous.
 */
export { foldNormalized, normalize } from './normalize.js';
export { TEXT_TACTICS } from './recorder.js';
export { NORMALIZER_PROVIDER, tacticScore, toTacticSignals } from './signals.js';
export type { Normalized, NormalizeOptions, TacticHit, TacticSpan } from './types.js';
