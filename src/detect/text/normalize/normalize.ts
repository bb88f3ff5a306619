import { transliterate } from './arabizi.js';
import { codePointEnd, decodeAll } from './buffer.js';
import { DigitPass } from './digits.js';
import { emitCanonical } from './emit.js';
import { undoHomoglyphs } from './homoglyph.js';
import { protectSpans } from './protect.js';
import { Recorder, T_REVERSED } from './recorder.js';
import { applyBidiOverrides, reverseRange } from './reverse.js';
import { CharScanner } from './scan.js';
import { int32s } from './slab.js';
import { carveProtected, joinChains, mergeLeetSymbols, tokenize } from './tokens.js';
import type { Normalized, NormalizeOptions } from './types.js';
import { Work } from './work.js';

const DEFAULT_MAX_SPANS = 20;
/** A link or address needs `@`, `:` or a dot followed by something other than a space. */
const LINK_HINT = /[@:.\u2024\uFF0E\uFF1A\uFF20\uFE52\uFE55\uFE6B][^\s]/;
/** Extra rounds at most when a round rewrote words (one is almost always enough). */
const MAX_EXTRA_ROUNDS = 2;

interface Round {
  text: string;
  map: Int32Array;
  changed: boolean;
  arabizi: boolean;
  reversed: boolean;
}

/** One round of the pipeline over `input`, recording tactics in `rec` with offsets into `input`. */
function round(input: string, rec: Recorder): Round {
  const scanner = new CharScanner(input, rec);
  scanner.run();
  const buf = scanner.buf;
  const bidiReversed = scanner.bidi !== null && applyBidiOverrides(buf, scanner.bidi, input.length, rec);
  const w = new Work(buf, input, rec);
  if (LINK_HINT.test(input)) w.prot = protectSpans(w.units, w.n);
  // The character pass found the words already, unless a reversal moved them.
  if (bidiReversed) tokenize(w);
  else {
    w.adoptTokens(scanner);
    carveProtected(w);
  }
  joinChains(w);
  mergeLeetSymbols(w);
  undoHomoglyphs(w);
  const decision = new DigitPass(w).run();
  const out = emitCanonical(w);
  const reversed = decision.reversed && out.length > 1;
  if (reversed) {
    reverseRange(out.units, out.map, 0, out.length);
    rec.add(T_REVERSED, out.map[0] as number, codePointEnd(input, out.map[out.length - 1] as number), 0.6);
  }
  return {
    text: decodeAll(out.units, out.length),
    map: out.map,
    changed: w.changed || bidiReversed || reversed || scanner.spelled,
    arabizi: decision.arabizi,
    reversed,
  };
}

/**
 * The evasion-proof canonical form of a message, with a map back to the original and the
 * evasion tactics that were undone. Pure, deterministic, idempotent on its own output, and
 * total: it never throws, whatever the string (lone surrogates, megabytes). Every input is
 * processed in full; only the tactic spans are capped (`maxSpans` per tactic).
 *
 * A round is: a character pass (NFKC and canonical folds, invisible and bidi characters,
 * harakat, tatweel, combining marks, whitespace); bidi-override reversal; links protected; word
 * tokens, split letters joined, look-alikes and leetspeak undone, Arabizi recognised; repeated
 * letters collapsed; reversed Latin sentences turned round. Undoing one trick can expose another
 * (a leet digit that was a split letter, a look-alike inside a run), so when a round rewrote
 * words the result goes round again until nothing changes; ordinary text takes one round.
 */
export function normalize(text: string, options: NormalizeOptions = {}): Normalized {
  const input = typeof text === 'string' ? text : String(text ?? '');
  const enabled = options.tactics !== false;
  const maxSpans = options.maxSpans ?? DEFAULT_MAX_SPANS;
  const rec = new Recorder(enabled, maxSpans);
  let r = round(input, rec);
  for (let extra = 0; extra < MAX_EXTRA_ROUNDS && r.changed; extra++) {
    const inner = new Recorder(enabled, maxSpans);
    const next = round(r.text, inner);
    if (next.text === r.text) break;
    rec.merge(inner, r.map, input);
    const map = int32s(next.map.length);
    for (let i = 0; i < map.length; i++) map[i] = r.map[next.map[i] as number] as number;
    r = { ...next, map };
  }
  const result: Normalized = { text: r.text, map: r.map, tactics: rec.hits() };
  if (r.arabizi && !r.reversed && options.arabizi !== false) {
    const arabic = transliterate(r.text, r.map);
    result.arabizi = arabic.text;
    result.arabiziMap = arabic.map;
  }
  return result;
}

/**
 * The normaliser as a lexicon fold (`Fold` of `lexicon/fold.ts`): canonical text and map only,
 * no tactics and no Arabizi reading. Every shipped lexicon term folds to the same text as under
 * `basicFold`, so a lexicon compiled with it keeps its rules and also sees through the tricks.
 */
export function foldNormalized(text: string): { text: string; map: Int32Array } {
  const n = normalize(text, { tactics: false, arabizi: false });
  return { text: n.text, map: n.map };
}
