import type { UnitBuffer } from './buffer.js';
import { type Recorder, T_COMBINING, T_DIACRITICS, T_TATWEEL } from './recorder.js';
import { floodedWords } from './scan-words.js';
import { C_ARABIC, C_CYRILLIC, C_GREEK, isWordClass, K_HARAKA, K_QURANIC, KIND } from './tables.js';

/**
 * The marks of one message: Arabic harakat (is their density ordinary vocalisation or a
 * flood?), tatweel (stretching, or the carrier of a mark in Uthmani script?) and combining marks
 * on other letters (orthography or Zalgo decoration?). Fed by the character pass, which has
 * already dropped the marks from the canonical text.
 */
export class MarkTracker {
  // Harakat on the current carrier (the last letter, or a tatweel after it), reset lazily.
  private markKey = -1;
  private markMask = 0;
  private markCount = 0;
  private hasVowel = false;
  private tatweelKey = -1;
  private harakat = 0;
  private readonly flagged: number[] = [];
  // Combining marks on the current base, checked when the base changes.
  private combKey = -1;
  private combCount = 0;
  private combStart = 0;
  private combEnd = 0;
  private combMark = 0;
  private combCls = 0;

  constructor(
    private readonly s: string,
    private readonly rec: Recorder,
  ) {}

  /** Harakat: a letter carries at most one vowel sign, no sign twice, and few signs in all. */
  haraka(c: number, i: number, lastCls: number, emitted: number): void {
    this.harakat++;
    if (lastCls !== C_ARABIC) {
      this.flagged.push(i); // a haraka on a space, a digit or a Latin letter
      return;
    }
    const key = this.tatweelKey === emitted ? -emitted - 1 : emitted;
    if (this.markKey !== key) {
      this.markKey = key;
      this.markMask = 0;
      this.markCount = 0;
      this.hasVowel = false;
    }
    const bit = c === 0x0670 ? 21 : c >= 0x064b && c <= 0x065f ? c - 0x064b : 22;
    const vowel = c >= 0x064b && c <= 0x0652 && c !== 0x0651;
    if ((this.markMask & (1 << bit)) !== 0 || (vowel && this.hasVowel) || this.markCount >= 3) this.flagged.push(i);
    this.markMask |= 1 << bit;
    this.markCount++;
    if (vowel) this.hasVowel = true;
  }

  tatweel(i: number, emitted: number): void {
    // A tatweel is a new carrier for the marks that follow it.
    this.tatweelKey = emitted;
    const next = i + 1 < this.s.length ? (KIND[this.s.charCodeAt(i + 1)] as number) : -1;
    // In Uthmani script a tatweel carries a mark (ـٰ): part of scripture, not stretching.
    if (next === K_HARAKA || next === K_QURANIC) return;
    const run = i > 0 && this.s.charCodeAt(i - 1) === 0x0640;
    this.rec.add(T_TATWEEL, i, i + 1, run ? 0.3 : 0.15);
  }

  combining(c: number, i: number, lastCls: number, buf: UnitBuffer): void {
    const k = buf.length;
    if (k === 0 || !isWordClass(lastCls)) {
      this.rec.add(T_COMBINING, i, i + 1, 0.5); // a mark on nothing, or on a space
      return;
    }
    if (this.combKey !== k) {
      this.checkMarks();
      this.combKey = k;
      this.combStart = buf.map[k - 1] as number;
      this.combCls = lastCls;
    }
    this.combCount++;
    this.combEnd = i + 1;
    this.combMark = c;
  }

  /** Decides about the marks on the last base: orthography (é, ệ) or decoration (Zalgo). */
  private checkMarks(): void {
    if (this.combCount === 0) return;
    const count = this.combCount;
    this.combCount = 0;
    const nfc = this.s.slice(this.combStart, this.combEnd).normalize('NFC');
    const cps = nfc.length === 2 && nfc.charCodeAt(0) >= 0xd800 && nfc.charCodeAt(0) <= 0xdbff ? 1 : nfc.length;
    if (cps === 1) return;
    // A single stress accent on a Cyrillic or Greek vowel is dictionary orthography.
    const stress = this.combMark === 0x0301 || this.combMark === 0x0300;
    if (count === 1 && stress && (this.combCls === C_CYRILLIC || this.combCls === C_GREEK)) return;
    this.rec.add(T_COMBINING, this.combStart, this.combEnd, Math.min(1, 0.3 + 0.1 * count), count);
  }

  /** Reports what only the whole message can decide: the last base's marks, flooded words. */
  finish(): void {
    this.checkMarks();
    if (this.harakat === 0 || !this.rec.enabled) return;
    const words = floodedWords(this.s, this.flagged);
    for (let j = 0; j < words.length; j += 3) {
      this.rec.add(T_DIACRITICS, words[j] as number, words[j + 1] as number, words[j + 2] as number);
    }
  }
}
