import type { Tactic } from '../../../core/index.js';
import { codePointEnd } from './buffer.js';
import type { TacticHit, TacticSpan } from './types.js';

/**
 * The text tactics this normaliser can report, in `TACTICS` order. Indexes are used on the hot
 * path instead of strings; a test checks every id exists in the core registry.
 */
export const TEXT_TACTICS = [
  'zero-width',
  'bidi-control',
  'homoglyph',
  'arabic-letter-variant',
  'tatweel',
  'diacritics-flood',
  'letter-splitting',
  'leet',
  'fullwidth-presentation-forms',
  'arabizi',
  'reversed-text',
  'repeated-letters',
  'combining-marks',
  'emoji-substitution',
] as const satisfies readonly Tactic[];

export const T_ZERO_WIDTH = 0;
export const T_BIDI = 1;
export const T_HOMOGLYPH = 2;
export const T_VARIANT = 3;
export const T_TATWEEL = 4;
export const T_DIACRITICS = 5;
export const T_SPLIT = 6;
export const T_LEET = 7;
export const T_FULLWIDTH = 8;
export const T_ARABIZI = 9;
export const T_REVERSED = 10;
export const T_REPEATED = 11;
export const T_COMBINING = 12;
export const T_EMOJI = 13;

const COUNT = TEXT_TACTICS.length;

/**
 * Collects tactic occurrences during one `normalize` call. Created per call so the module keeps
 * no state; when tactics are not wanted every method returns at once.
 */
export class Recorder {
  // Allocated on the first occurrence: most messages have none.
  private counts: number[] | null = null;
  private strengths: number[] = [];
  private spans: (number[] | undefined)[] = [];

  constructor(
    readonly enabled: boolean,
    private readonly maxSpans: number,
  ) {}

  /** Records `count` occurrences of tactic `t` over original offsets [start, end). */
  add(t: number, start: number, end: number, strength: number, count = 1): void {
    if (!this.enabled) return;
    if (this.counts === null) {
      this.counts = new Array<number>(COUNT).fill(0);
      this.strengths = new Array<number>(COUNT).fill(0);
      this.spans = new Array(COUNT);
    }
    this.counts[t] = (this.counts[t] as number) + count;
    if (strength > (this.strengths[t] as number)) this.strengths[t] = strength;
    let list = this.spans[t];
    if (list === undefined) {
      list = [];
      this.spans[t] = list;
    }
    const last = list.length - 1;
    // Adjacent or overlapping occurrences (a run of zero-width characters) are one span.
    if (last > 0 && start <= (list[last] as number) && start >= (list[last - 1] as number)) {
      if (end > (list[last] as number)) list[last] = end;
      return;
    }
    if (list.length < this.maxSpans * 2) list.push(start, end);
  }

  /**
   * Adds what `other` recorded on an intermediate text whose offsets `map` sends into `orig`.
   */
  merge(other: Recorder, map: Int32Array, orig: string): void {
    if (other.counts === null) return;
    for (let t = 0; t < COUNT; t++) {
      const count = other.counts[t] as number;
      if (count === 0) continue;
      const list = other.spans[t] ?? [];
      const strength = other.strengths[t] as number;
      // Every recorded tactic has at least one span: the first carries the count.
      for (let j = 0; j < list.length; j += 2) {
        const start = map[list[j] as number] as number;
        const last = map[Math.max(list[j] as number, (list[j + 1] as number) - 1)] as number;
        const end = Math.max(start + 1, codePointEnd(orig, last));
        this.add(t, start, end, strength, j === 0 ? count : 0);
      }
    }
  }

  hits(): TacticHit[] {
    if (this.counts === null) return [];
    const out: TacticHit[] = [];
    for (let t = 0; t < COUNT; t++) {
      const count = this.counts[t] as number;
      if (count === 0) continue;
      const list = this.spans[t] ?? [];
      const spans: TacticSpan[] = [];
      for (let j = 0; j < list.length; j += 2) spans.push({ start: list[j] as number, end: list[j + 1] as number });
      // Steps record in their own order (deferred decisions come last): report in text order.
      spans.sort((x, y) => x.start - y.start || x.end - y.end);
      out.push({ tactic: TEXT_TACTICS[t] as Tactic, count, spans, strength: this.strengths[t] as number });
    }
    return out;
  }
}
