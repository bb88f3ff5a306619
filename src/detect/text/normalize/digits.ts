import { LEET } from './confusables.js';
import {
  ARABIZI,
  B_ARABIZI_SHAPE,
  B_LEET_SHAPE,
  B_LOOSE,
  B_MARKER,
  B_VOWEL_NEXT,
  classifyWord,
  EITHER,
  isLeetChar,
  isLooseLeet,
  isNumberWithUnit,
  LEETSPEAK,
  NONE,
} from './digit-shape.js';
import { T_ARABIZI, T_LEET } from './recorder.js';
import { C_DIGIT, C_LATIN, CLS, isLetterClass, LOWER } from './tables.js';
import { hashStart, hashUnit, W_COMMON, W_ENGLISH, W_MARKER, W_NOT_ARABIZI, WORDS } from './words.js';
import { TF_CHAIN, type Work } from './work.js';

export interface LatinDecision {
  /** The Latin words read as a reversed sentence. */
  reversed: boolean;
  /** The message is Arabizi. */
  arabizi: boolean;
}

const NOTHING: LatinDecision = { reversed: false, arabizi: false };

/**
 * Decides, word by word, whether digits and symbols inside Latin words are leetspeak (undone in
 * the canonical text) or Arabizi (kept; the message gets an Arabic transliteration), and whether
 * the Latin words read better backwards. Context counts use each word's output form (leet
 * decoded, runs collapsed), so the decisions come out the same on the output.
 */
export class DigitPass {
  private readonly seq: number[] = [];
  private readonly form: number[] = [];
  private m = 0;
  private letters = 0;
  private foreign = 0;
  private hash = 0;
  private runFree = true;
  /** Latin words, as token indexes, and per Latin word: kind | shape << 2, forward hash, length. */
  private readonly words: number[] = [];
  private readonly kinds: number[] = [];
  private readonly fwd: number[] = [];
  private readonly len: number[] = [];

  constructor(private readonly w: Work) {}

  run(): LatinDecision {
    const w = this.w;
    if (!w.has(C_LATIN)) return NOTHING;
    let counted = 0;
    let hits = 0;
    let special = false;
    for (let t = 0; t < w.tokS.length; t++) {
      this.gather(t);
      if (this.letters === 0 || this.foreign > 0) continue;
      const chain = (w.flags(t) & TF_CHAIN) !== 0;
      let kind = this.m > this.letters ? classifyWord(this.seq, this.m, chain) : NONE;
      if (this.m > this.letters && ((kind & 3) === NONE || (kind & 3) === EITHER) && this.readsAsEnglish())
        kind = (kind & ~3) | LEETSPEAK;
      // A word of plain letters without a run was hashed while gathered.
      const n =
        kind === NONE && this.runFree ? this.m : this.hashSeq((kind & 3) === LEETSPEAK || (kind & 3) === EITHER, false);
      const bits = WORDS.get(this.hash);
      // Codes on the not-Arabizi list (mp3, b2b) are not leet either.
      if (
        kind === NONE &&
        this.m > this.letters &&
        (bits & W_NOT_ARABIZI) === 0 &&
        isLooseLeet(this.seq, this.m, this.letters)
      )
        kind = B_LOOSE << 2;
      if (n >= 2) {
        counted++;
        if (bits & W_ENGLISH) hits++;
      }
      special ||= kind !== NONE || (bits & W_MARKER) !== 0;
      this.words.push(t);
      this.kinds.push(kind);
      this.fwd.push(this.hash);
      this.len.push(n);
    }
    // Reversed sentences are rare: read backwards only when few words read forwards.
    const reversed = counted >= 3 && hits * 3 < counted && this.readsBackwards(hits);
    if (!special && !reversed) return NOTHING;
    return this.resolve(reversed);
  }

  /** Copies token `t`'s canonical units into `seq`, counting Latin and other letters. */
  private gather(t: number): void {
    const w = this.w;
    const seq = this.seq;
    const plain = w.del === null && w.ovr === null && w.prot === null;
    let m = 0;
    let letters = 0;
    let foreign = 0;
    let h = hashStart();
    let runFree = true;
    for (let i = w.tokS[t] as number; i < (w.tokE[t] as number); i++) {
      let u: number;
      if (plain) u = LOWER[w.units[i] as number] as number;
      else if (w.deleted(i)) continue;
      else u = w.formAt(i);
      if (m >= 2 && u === seq[m - 1] && u === seq[m - 2]) runFree = false;
      seq[m++] = u;
      h = hashUnit(h, u);
      const c = CLS[u] as number;
      if (c === C_LATIN) letters++;
      else if (c !== C_DIGIT && isLetterClass(c)) foreign++;
    }
    this.m = m;
    this.letters = letters;
    this.foreign = foreign;
    this.hash = h;
    this.runFree = runFree;
  }

  /**
   * Whether the gathered word, its leet characters decoded, is a frequent English word (th3,
   * 4nd, 477ack5): leet whatever its shape. Needs a leet character that is not trailing
   * punctuation (`hi!` is not `hii`), no quantity (5th), and two letters decoded. Leaves
   * `hash` as gathered.
   */
  private readsAsEnglish(): boolean {
    let end = this.m;
    while (end > 0 && (this.seq[end - 1] === 0x21 || this.seq[end - 1] === 0x7c)) end--;
    let leet = 0;
    for (let k = 0; k < end; k++) if (isLeetChar(this.seq[k] as number)) leet++;
    if (leet === 0 || isNumberWithUnit(this.seq, this.m)) return false;
    const gathered = this.hash;
    const n = this.hashSeq(true, false);
    // Two-letter words only from the short curated list (0f, 1s, 7o): the long one has too many.
    const bits = WORDS.get(this.hash);
    let english = n >= 3 ? (bits & W_COMMON) !== 0 : n === 2 && (bits & W_ENGLISH) !== 0;
    // Plurals and third persons (5t0rms, s4ys) are often missing from a frequency list.
    if (!english && n >= 4 && this.form[n - 1] === 0x73) {
      let h = hashStart();
      for (let k = 0; k < n - 1; k++) h = hashUnit(h, this.form[k] as number);
      english = (WORDS.get(h) & W_COMMON) !== 0;
    }
    this.hash = gathered;
    return english;
  }

  /** Hashes `seq` as it will be output (leet decoded if asked, runs of 3+ letters as one). */
  private hashSeq(decode: boolean, backwards: boolean): number {
    const seq = this.seq;
    const form = this.form;
    let n = 0;
    let prev = -1;
    let run = 0;
    for (let k = 0; k < this.m; k++) {
      let u = seq[k] as number;
      if (decode && isLeetChar(u) && seq[k + 1] !== 0x27) u = LEET[u] as number;
      if (u === prev && isLetterClass(CLS[u] as number)) {
        if (++run === 3) n--;
        if (run >= 3) continue;
      } else {
        prev = u;
        run = 1;
      }
      form[n++] = u;
    }
    let h = hashStart();
    for (let k = 0; k < n; k++) h = hashUnit(h, form[backwards ? n - 1 - k : k] as number);
    this.hash = h;
    return n;
  }

  private rev: number[] = [];

  /** Backward hashes for every Latin word; true when the words read markedly better backwards. */
  private readsBackwards(forwardHits: number): boolean {
    let back = 0;
    for (let j = 0; j < this.words.length; j++) {
      this.gather(this.words[j] as number);
      const k = (this.kinds[j] as number) & 3;
      this.hashSeq(k === LEETSPEAK || k === EITHER, true);
      this.rev.push(this.hash);
      // Palindromes read the same both ways and prove nothing.
      const english = (WORDS.get(this.hash) & W_ENGLISH) !== 0;
      if ((this.len[j] as number) >= 2 && this.hash !== this.fwd[j] && english) back++;
    }
    return back >= 3 && back >= 2 * forwardHits + 1;
  }

  /**
   * Settles the message: English words and Arabizi markers over words whose reading is fixed;
   * EITHER words by dictionary, then by the message's leaning, then by shape; then applies.
   */
  private resolve(reversed: boolean): LatinDecision {
    const hashes = reversed ? this.rev : this.fwd;
    let english = 0;
    let markers = 0;
    let strong = 0;
    for (let j = 0; j < this.words.length; j++) {
      const k = (this.kinds[j] as number) & 3;
      if (k === EITHER) continue;
      const bits = WORDS.get(hashes[j] as number);
      if (k === ARABIZI && (WORDS.get(this.fwd[j] as number) & W_NOT_ARABIZI) !== 0) this.setKind(j, NONE);
      else if (k === ARABIZI) strong++;
      if (bits & W_ENGLISH) english++;
      if (bits & W_MARKER) {
        markers++;
        this.kinds[j] = (this.kinds[j] as number) | (B_MARKER << 2);
      }
    }
    const pending: number[] = [];
    for (let j = 0; j < this.words.length; j++) {
      if (((this.kinds[j] as number) & 3) !== EITHER) continue;
      const bits = WORDS.get(hashes[j] as number);
      if (bits & W_ENGLISH) {
        this.setKind(j, LEETSPEAK);
        english++;
      } else if (bits & W_MARKER || this.isMarkerAsWritten(j, reversed)) this.setKind(j, ARABIZI);
      else pending.push(j);
    }
    const lean = 2 * strong + markers - english;
    for (const j of pending) {
      const shape = (this.kinds[j] as number) >> 2;
      const leet = (shape & B_LEET_SHAPE) !== 0 ? LEETSPEAK : NONE;
      const arabiziLike = (shape & B_ARABIZI_SHAPE) !== 0 && (shape & B_VOWEL_NEXT) !== 0;
      this.setKind(j, lean > 0 ? ARABIZI : lean < 0 ? leet : arabiziLike ? ARABIZI : leet);
    }
    let arabiziWords = 0;
    for (const kind of this.kinds) if ((kind & 3) === ARABIZI) arabiziWords++;
    const arabizi = (arabiziWords >= 1 && 2 * arabiziWords + markers > english) || (markers >= 2 && markers > english);
    if (!arabizi) {
      for (let j = 0; j < this.words.length; j++) {
        const kind = this.kinds[j] as number;
        if ((kind & 3) === NONE && ((kind >> 2) & B_LOOSE) !== 0) this.setKind(j, LEETSPEAK);
      }
    }
    this.apply(arabizi);
    return { reversed, arabizi };
  }

  private setKind(j: number, kind: number): void {
    this.kinds[j] = ((this.kinds[j] as number) & ~3) | kind;
  }

  /** An EITHER word that is itself an Arabizi marker as written (ya3ni, 3ala). */
  private isMarkerAsWritten(j: number, reversed: boolean): boolean {
    this.gather(this.words[j] as number);
    this.hashSeq(false, reversed);
    return (WORDS.get(this.hash) & W_MARKER) !== 0;
  }

  private apply(arabizi: boolean): void {
    const w = this.w;
    for (let j = 0; j < this.words.length; j++) {
      const t = this.words[j] as number;
      const a = w.tokS[t] as number;
      const b = w.tokE[t] as number;
      const kind = (this.kinds[j] as number) & 3;
      if (kind === LEETSPEAK) this.decode(a, b);
      else if (arabizi && (kind === ARABIZI || (((this.kinds[j] as number) >> 2) & B_MARKER) !== 0)) {
        // Arabizi is how millions write Arabic: reported, weakly, so the policy can combine it.
        w.report(T_ARABIZI, a, b, kind === ARABIZI ? 0.2 : 0.1, 1);
      }
    }
  }

  private decode(a: number, b: number): void {
    const w = this.w;
    let changed = 0;
    for (let i = a; i < b; i++) {
      if (w.deleted(i)) continue;
      // A digit before an apostrophe is an Arabizi letter (3' غ): decoding it would change the token.
      if (i + 1 < b && w.units[i + 1] === 0x27) continue;
      const u = w.formAt(i);
      if (isLeetChar(u)) {
        w.setForm(i, LEET[u] as number);
        changed++;
      }
    }
    if (changed > 0) w.report(T_LEET, a, b, 0.4, 1);
  }
}
