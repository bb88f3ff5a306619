import { LINK_TRICKS, type LinkTrick } from './types.js';

/**
 * A rewritten text that remembers, for each UTF-16 unit, which span of the original produced it
 * and which disguises were undone on the way. Links are found in the rewritten text and
 * reported with offsets into the original, so a reviewer's highlight lands on what was posted.
 *
 * `start`/`end`/`tricks` are null while the text is still the original (the common case: most
 * messages hide nothing), so a plain message costs no allocation.
 */
export interface MappedText {
  readonly text: string;
  readonly start: Int32Array | null;
  readonly end: Int32Array | null;
  readonly tricks: Uint16Array | null;
}

const TRICK_BITS = new Map<LinkTrick, number>(LINK_TRICKS.map((trick, i) => [trick, 1 << i]));

export function trickBit(trick: LinkTrick): number {
  return TRICK_BITS.get(trick) ?? 0;
}

export function tricksOf(bits: number): LinkTrick[] {
  return LINK_TRICKS.filter((trick) => (bits & trickBit(trick)) !== 0);
}

export function identity(text: string): MappedText {
  return { text, start: null, end: null, tricks: null };
}

/** Original offset where rewritten unit `i` begins. */
export function originalStart(m: MappedText, i: number): number {
  return m.start ? (m.start[i] ?? i) : i;
}

/** Original offset (exclusive) where rewritten unit `i` ends. */
export function originalEnd(m: MappedText, i: number): number {
  return m.end ? (m.end[i] ?? i + 1) : i + 1;
}

/** Trick bits over rewritten units [from, to). */
export function tricksIn(m: MappedText, from: number, to: number): number {
  if (!m.tricks) return 0;
  let bits = 0;
  for (let i = from; i < to; i++) bits |= m.tricks[i] ?? 0;
  return bits;
}

/** Accumulates a rewritten text unit by unit, composing maps with the text it rewrites. */
export class MappedBuilder {
  private readonly parts: string[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly bits: number[] = [];
  /** Bits waiting for the next unit written: a removed invisible character marks its successor. */
  private pendingBits = 0;

  constructor(private readonly source: MappedText) {}

  /** Copies source units [from, to) unchanged. */
  copy(from: number, to: number): void {
    if (to <= from) return;
    this.parts.push(this.source.text.slice(from, to));
    for (let i = from; i < to; i++) {
      this.starts.push(originalStart(this.source, i));
      this.ends.push(originalEnd(this.source, i));
      this.bits.push((this.source.tricks?.[i] ?? 0) | this.pendingBits);
      this.pendingBits = 0;
    }
  }

  /** Replaces source units [from, to) with `text`, every new unit spanning the whole original range. */
  replace(from: number, to: number, text: string, extraBits: number): void {
    if (text.length === 0) return;
    const start = originalStart(this.source, from);
    const end = to > from ? originalEnd(this.source, to - 1) : start;
    const bits = tricksIn(this.source, from, to) | extraBits;
    this.parts.push(text);
    for (let i = 0; i < text.length; i++) {
      this.starts.push(start);
      this.ends.push(end);
      this.bits.push(bits);
    }
  }

  /** Adds trick bits to the next unit written (a removed character leaves no unit of its own). */
  markNext(bits: number): void {
    this.pendingBits |= bits;
  }

  /** Writes one unit copied from source unit `i`, with its character replaced. */
  char(i: number, ch: string, extraBits: number): void {
    this.parts.push(ch);
    this.starts.push(originalStart(this.source, i));
    this.ends.push(originalEnd(this.source, i));
    this.bits.push((this.source.tricks?.[i] ?? 0) | extraBits | this.pendingBits);
    this.pendingBits = 0;
  }

  build(): MappedText {
    return {
      text: this.parts.join(''),
      start: Int32Array.from(this.starts),
      end: Int32Array.from(this.ends),
      tricks: Uint16Array.from(this.bits),
    };
  }
}

export interface Replacement {
  text: string;
  trick: LinkTrick;
}

/**
 * Runs `pattern` (global) over the text and replaces each match `decide` accepts. Returns the
 * input itself when nothing was replaced, so passes that find nothing cost one regex scan.
 */
export function rewrite(
  m: MappedText,
  pattern: RegExp,
  decide: (match: RegExpExecArray, m: MappedText) => Replacement | null,
): MappedText {
  let builder: MappedBuilder | null = null;
  let copied = 0;
  // matchAll works on a copy of the pattern, so the shared module-level RegExp keeps no state.
  for (const match of m.text.matchAll(pattern)) {
    if (match[0].length === 0) continue;
    const replacement = decide(match, m);
    if (!replacement) continue;
    builder ??= new MappedBuilder(m);
    builder.copy(copied, match.index);
    builder.replace(match.index, match.index + match[0].length, replacement.text, trickBit(replacement.trick));
    copied = match.index + match[0].length;
  }
  if (!builder) return m;
  builder.copy(copied, m.text.length);
  return builder.build();
}
