import { UnitBuffer } from './buffer.js';
import { type Recorder, T_EMOJI, T_HOMOGLYPH, T_VARIANT, T_ZERO_WIDTH } from './recorder.js';
import {
  astralClass,
  bidiStrength,
  enclosedLetter,
  isEmojiAt,
  isEmojiLetter,
  isWordAt,
  pairAt,
  TAG_END,
} from './scan-helpers.js';
import { MarkTracker } from './scan-marks.js';
import { wordHasArabicLetter } from './scan-words.js';
import {
  A_ARABIC_SPECIFIC,
  A_PERSIAN_ONLY,
  ARABIC_MATH,
  ATTR,
  C_APOS,
  C_ARABIC,
  C_DIGIT,
  C_EMOJI,
  C_LATIN,
  C_LEET,
  C_LETTER,
  C_MARK,
  C_NUM,
  C_OTHER,
  C_SPACE,
  CLS,
  isWordClass,
  K_BIDI,
  K_BLANK,
  K_COMBINING,
  K_HARAKA,
  K_HIGH,
  K_INVISIBLE,
  K_KEEP,
  K_LOW,
  K_REPLACE,
  K_SPACE,
  K_TATWEEL,
  KIND,
  MATH,
  REP1,
  REPN,
  RTAC,
} from './tables.js';

/** A bit of `seen` for '|', which is a separator but may be a leet l. */
export const SEEN_PIPE = 1 << C_LEET;

/** Shared empty list, never written: stands for "none yet" until a first offset is recorded. */
const NO_OFFSETS = Object.freeze([]) as unknown as number[];

/** Bidi events the character pass leaves for the reversal step: kind, buffer position, source offset. */
export const BIDI_RLO = 1;
export const BIDI_LRO = 2;
export const BIDI_POP = 3;
export const BIDI_PARA = 4;

/** Strength of a replacement's tactic: styled or look-alike letters are rarer than presentation forms. */
const REPLACE_STRENGTH = [0.3, 0.3, 0.5, 0.3, 0.2, 0.5, 0.4, 0.4, 0.3, 0.1, 0.6, 0.1, 0.5, 0.5];

/**
 * The character pass: one walk over the code points of the input that applies NFKC and the
 * canonical folds, drops invisible characters, bidi controls, harakat, tatweel and combining
 * marks, and collapses whitespace, recording each tactic with its original offsets. Its output
 * keeps letter case (homoglyph decisions need it) for the token pass.
 */
export class CharScanner {
  readonly buf: UnitBuffer;
  /** Bidi override events, as triples (kind, buffer position, source offset); null when none. */
  bidi: number[] | null = null;
  /** Regional indicators were spelled as letters: neighbours may read differently on the output. */
  spelled = false;
  /** Word tokens of the output, as the token pass would find them (see `tokenize`). */
  readonly tokS: number[] = [];
  readonly tokE: number[] = [];
  /** Bit `1 << cls` for every class of unit written: gates the token steps. */
  seen = 0;
  private readonly n: number;
  private pendingSpace = -1;
  private lastCls = C_SPACE;
  private tagContext = false;
  private tokStart = -1;
  private aposAt = -1;
  /** Harakat, tatweel and combining marks; created at the first mark (most messages have none). */
  private marks: MarkTracker | null = null;
  // Message-level evidence of Arabic versus Persian/Urdu text.
  private specific = 0;
  private persian = 0;
  private lookalikes = 0;
  // Offsets of look-alike letters and of joiners after Arabic letters; allocated when seen.
  private candidates: number[] = NO_OFFSETS;
  private joiners: number[] = NO_OFFSETS;

  constructor(
    private readonly s: string,
    private readonly rec: Recorder,
  ) {
    this.n = s.length;
    this.buf = new UnitBuffer(s.length + 16);
  }

  run(): void {
    const s = this.s;
    const n = this.n;
    let i = 0;
    while (i < n) {
      const c = s.charCodeAt(i);
      const kind = KIND[c] as number;
      if (kind === K_KEEP) {
        this.emit(c, i, CLS[c] as number);
        if (ATTR[c] !== 0) this.attr(c, i);
        i++;
      } else if (kind === K_REPLACE) {
        this.replace(c, i);
        i++;
      } else if (kind === K_SPACE) {
        this.space(i, c);
        i++;
      } else i = this.special(c, kind, i);
    }
    this.finish();
  }

  private special(c: number, kind: number, i: number): number {
    switch (kind) {
      case K_HIGH:
        return this.astral(c, i);
      case K_INVISIBLE:
        this.invisible(c, i);
        break;
      case K_BLANK:
        // Renders as a blank: it separates words like a space, but it is a trick, not whitespace.
        this.rec.add(T_ZERO_WIDTH, i, i + 1, 0.4);
        this.space(i, 0x20);
        break;
      case K_BIDI:
        this.bidiControl(c, i);
        break;
      case K_HARAKA:
        this.markTracker().haraka(c, i, this.lastCls, this.buf.length);
        break;
      case K_TATWEEL:
        this.markTracker().tatweel(i, this.buf.length);
        break;
      case K_COMBINING:
        this.markTracker().combining(c, i, this.lastCls, this.buf);
        break;
      case K_LOW:
        this.emit(0xfffd, i, C_OTHER); // a lone surrogate is noise; as U+FFFD it cannot pair up later
        break;
    }
    return i + 1;
  }

  private markTracker(): MarkTracker {
    if (this.marks === null) this.marks = new MarkTracker(this.s, this.rec);
    return this.marks;
  }

  /** Appends a unit (flushing a pending space) and keeps the word tokens of the output. */
  private emit(u: number, i: number, cls: number): void {
    if (this.pendingSpace >= 0) {
      this.push(0x20, this.pendingSpace, C_SPACE);
      this.pendingSpace = -1;
    }
    this.push(u, i, cls);
  }

  private push(u: number, i: number, cls: number): void {
    const k = this.buf.length;
    if (cls >= C_LATIN && cls <= C_NUM) {
      if (this.tokStart < 0) this.tokStart = k;
      else if (this.aposAt >= 0) {
        // An apostrophe between a digit and a letter belongs to the word (Arabizi 3'arab).
        if (cls === C_DIGIT || cls === C_NUM || cls === C_MARK) this.cut(this.aposAt, k);
        this.aposAt = -1;
      }
    } else if (this.tokStart >= 0) {
      if (cls === C_APOS && this.aposAt < 0 && this.lastCls === C_DIGIT) this.aposAt = k;
      else this.cut(this.aposAt >= 0 ? this.aposAt : k, -1);
    }
    // '|' separates split letters and stands for l in leet: the leet step must look.
    this.seen |= u === 0x7c ? SEEN_PIPE : 1 << cls;
    this.lastCls = cls;
    this.buf.push(u, i);
  }

  /** Ends the current token at `end`; starts a new one at `next` (or none when -1). */
  private cut(end: number, next: number): void {
    this.tokS.push(this.tokStart);
    this.tokE.push(end);
    this.tokStart = next;
    this.aposAt = -1;
  }

  private replace(c: number, i: number): void {
    const r = REP1[c] as number;
    if (r === 0x20) this.space(i, 0x20);
    else if (r !== 0) this.emit(r, i, CLS[r] as number);
    else {
      // By code point: a compatibility ideograph (U+FAD0) expands to an astral letter.
      const str = REPN.get(c) ?? '';
      for (let j = 0; j < str.length; j++) {
        const u = str.charCodeAt(j);
        const cp = pairAt(str, j);
        if (u === 0x20) this.space(i, 0x20);
        else if (cp < 0) this.emit(u, i, CLS[u] as number);
        else {
          this.emit(u, i, astralClass(cp));
          this.buf.push(str.charCodeAt(++j), i);
        }
      }
    }
    if (ATTR[c] !== 0) this.attr(c, i);
    const t = (RTAC[c] as number) - 1;
    if (t >= 0 && t !== T_VARIANT) this.rec.add(t, i, i + 1, REPLACE_STRENGTH[t] as number);
  }

  private space(i: number, c: number): void {
    if (this.bidi !== null && (c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2029)) this.event(BIDI_PARA, i);
    if (this.buf.length > 0 && this.pendingSpace < 0 && this.buf.last() !== 0x20) this.pendingSpace = i;
    if (this.tokStart >= 0) this.cut(this.aposAt >= 0 ? this.aposAt : this.buf.length, -1);
    this.lastCls = C_SPACE;
  }

  private attr(c: number, i: number): void {
    const a = ATTR[c] as number;
    if (a === A_ARABIC_SPECIFIC) this.specific++;
    else if (a === A_PERSIAN_ONLY) this.persian++;
    else {
      this.lookalikes++;
      if (this.candidates === NO_OFFSETS) this.candidates = [];
      this.candidates.push(i);
    }
  }

  private invisible(c: number, i: number): void {
    if (c === 0xfeff && i === 0) return; // a byte-order mark, not a trick
    if (c === 0x200d && this.lastCls === C_EMOJI && isEmojiAt(this.s, i + 1)) {
      this.emit(c, i, C_OTHER); // emoji ZWJ sequence: part of the emoji
      this.lastCls = C_EMOJI;
      return;
    }
    if (c === 0x200c || c === 0x200d) {
      // Persian writes ZWNJ inside words; decided once the whole message is seen.
      if (this.lastCls === C_ARABIC) {
        if (this.joiners === NO_OFFSETS) this.joiners = [];
        this.joiners.push(i);
        return;
      }
      // Indic and other scripts use joiners in ordinary spelling.
      if (this.lastCls === C_LETTER || this.lastCls === C_MARK) return;
    }
    this.rec.add(T_ZERO_WIDTH, i, i + 1, 0.3);
  }

  private bidiControl(c: number, i: number): void {
    this.rec.add(1, i, i + 1, bidiStrength(c));
    if (c === 0x202e) this.event(BIDI_RLO, i);
    else if (c === 0x202d) this.event(BIDI_LRO, i);
    else if ((c === 0x202c || c === 0x2069) && this.bidi !== null) this.event(BIDI_POP, i);
  }

  private event(kind: number, i: number): void {
    if (this.pendingSpace >= 0) {
      this.push(0x20, this.pendingSpace, C_SPACE);
      this.pendingSpace = -1;
    }
    if (this.bidi === null) this.bidi = [];
    this.bidi.push(kind, this.buf.length, i);
  }

  private astral(c: number, i: number): number {
    const cp = pairAt(this.s, i);
    if (cp < 0) {
      this.emit(0xfffd, i, C_OTHER); // lone surrogate: see K_LOW
      return i + 1;
    }
    if (cp >= 0xe0000 && cp <= 0xe007f) {
      // Tag characters: part of a subdivision flag after 🏴, a hidden payload anywhere else.
      if (this.tagContext) this.tagContext = cp !== TAG_END;
      else this.rec.add(T_ZERO_WIDTH, i, i + 2, 0.8);
      return i + 2;
    }
    if (cp >= 0xe0100 && cp <= 0xe01ef) return i + 2; // variation selectors supplement
    const styled =
      cp >= 0x1d400 && cp <= 0x1d7ff
        ? MATH[cp - 0x1d400]
        : cp >= 0x1ee00 && cp <= 0x1eeff
          ? ARABIC_MATH[cp - 0x1ee00]
          : 0;
    if (styled !== undefined && styled !== 0) {
      this.emit(styled, i, CLS[styled] as number);
      this.rec.add(T_HOMOGLYPH, i, i + 2, 0.5);
      return i + 2;
    }
    const letter = enclosedLetter(cp);
    if (letter !== 0 && (!isEmojiLetter(cp) || isWordClass(this.lastCls) || isWordAt(this.s, i + 2))) {
      this.emit(letter, i, CLS[letter] as number);
      this.rec.add(T_EMOJI, i, i + 2, 0.5);
      this.spelled = true;
      return i + 2;
    }
    if (cp >= 0x1f1e6 && cp <= 0x1f1ff) return this.regional(i);
    this.emit(c, i, astralClass(cp));
    this.buf.push(this.s.charCodeAt(i + 1), i);
    this.tagContext = cp === 0x1f3f4;
    return i + 2;
  }

  /**
   * Regional indicators: a pair is a flag and stays one; an odd run, or a run touching a word
   * (🇩aesh), spells letters.
   */
  private regional(i: number): number {
    let j = i;
    while (j + 1 < this.n) {
      const cp = pairAt(this.s, j);
      if (cp < 0x1f1e6 || cp > 0x1f1ff) break;
      j += 2;
    }
    const count = (j - i) / 2;
    // Letters or digits: leet may turn a neighbouring digit into a letter, and the decision
    // must come out the same on the output.
    const spell = count % 2 === 1 || isWordClass(this.lastCls) || isWordAt(this.s, j);
    for (let k = i; k < j; k += 2) {
      if (spell) this.emit(0x61 + pairAt(this.s, k) - 0x1f1e6, k, CLS[0x61] as number);
      else {
        this.emit(this.s.charCodeAt(k), k, C_EMOJI);
        this.buf.push(this.s.charCodeAt(k + 1), k);
      }
    }
    if (spell) {
      this.spelled = true;
      this.rec.add(T_EMOJI, i, j, 0.5, count);
    }
    return j;
  }

  /** Message-level decisions: the last token, trailing space, and the word-level checks. */
  private finish(): void {
    this.marks?.finish();
    if (this.tokStart >= 0) this.cut(this.aposAt >= 0 ? this.aposAt : this.buf.length, -1);
    if (this.buf.last() === 0x20) this.buf.length--;
    if (!this.rec.enabled) return;
    // Persian/Urdu letters are reported only in Arabic text: in an Arabic word, or in a message
    // where Arabic-only letters outnumber Persian ones and the look-alikes together.
    const arabicText = this.specific > this.lookalikes + this.persian;
    let wordEnd = -1;
    let arabicWord = false;
    for (const at of this.candidates) {
      // Candidates come in order: look at each word once, however many look-alikes it holds.
      if (!arabicText && at >= wordEnd) [wordEnd, arabicWord] = wordHasArabicLetter(this.s, at);
      if (arabicText || arabicWord) this.rec.add(T_VARIANT, at, at + 1, 0.3);
    }
    // Persian writes ZWNJ inside words; elsewhere between Arabic letters it is a trick.
    const persianText = this.persian > 0 || this.lookalikes > this.specific;
    if (!persianText) for (const at of this.joiners) this.rec.add(T_ZERO_WIDTH, at, at + 1, 0.3);
  }
}
