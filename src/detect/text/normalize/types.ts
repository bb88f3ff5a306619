import type { Tactic } from '../../../core/index.js';

/** A range of the original text, in UTF-16 code units, end exclusive. */
export interface TacticSpan {
  start: number;
  end: number;
}

/** One evasion tactic the normaliser undid: how often, where, and how strong the worst case was. */
export interface TacticHit {
  tactic: Tactic;
  /** Occurrences (characters, tokens or runs, depending on the tactic). */
  count: number;
  /** Original-text spans, merged when adjacent, at most `maxSpans` kept. */
  spans: TacticSpan[];
  /**
   * 0..1: how unusual the strongest occurrence is for ordinary text (an LRM mark is weak, an
   * override or tag-character payload strong). `toTacticSignals` turns it and `count` into a score.
   */
  strength: number;
}

/** The canonical form of a message, with the way back to the original and what was undone. */
export interface Normalized {
  /** Canonical form for matching and features. */
  text: string;
  /** `map[i]` is the UTF-16 offset in the original of the code point that produced `text[i]`; non-decreasing. */
  map: Int32Array;
  /** The tactics that were undone, in `TACTICS` order. Empty for ordinary text. */
  tactics: TacticHit[];
  /**
   * Present when the message is written in Arabizi: `text` with every Latin word transliterated to
   * Arabic letters (already in canonical Arabic form), so Arabic lexicon terms can match it.
   */
  arabizi?: string;
  /** Like `map`, for `arabizi`. */
  arabiziMap?: Int32Array;
}

export interface NormalizeOptions {
  /** Record tactics (default true). The lexicon fold turns it off: it needs only text and map. */
  tactics?: boolean;
  /** Produce `arabizi` when the message is Arabizi (default true). */
  arabizi?: boolean;
  /** Spans kept per tactic (default 20). Counts are always exact. */
  maxSpans?: number;
}
