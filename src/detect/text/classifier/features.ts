import { FNV_OFFSET, fnvStep, hashRange, mix } from './hash.js';

/**
 * Hashed character and word n-grams of a normalised text, as a sparse, L2-normalised vector.
 * Character n-grams (within words, padded with boundary marks) carry spelling and morphology,
 * which is what survives partial obfuscation and Arabic clitics; word unigrams and bigrams carry
 * phrasing. Counts are damped (1 + ln tf) so a repeated word cannot dominate.
 */
export interface FeatureConfig {
  /** log2 of the number of buckets. */
  bits: number;
  charMin: number;
  charMax: number;
  words: boolean;
  wordBigrams: boolean;
}

export const DEFAULT_FEATURES: FeatureConfig = { bits: 18, charMin: 2, charMax: 4, words: true, wordBigrams: true };

export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

const SEED_CHAR = 0x9e3779b1;
const SEED_WORD = 0x85ebca77;
const SEED_BIGRAM = 0xc2b2ae3d;
const WORD_START = 0x02;
const WORD_END = 0x03;
/** Longest text featurised; the rest adds little and would let one message cost unbounded time. */
export const MAX_FEATURE_CHARS = 4000;

/**
 * Word characters without a regex per character: ASCII letters/digits/underscore, and any
 * non-ASCII BMP character except spaces, punctuation blocks and surrogates (emoji stand alone).
 */
function isWordChar(c: number): boolean {
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
  if (c === 0xa0 || (c >= 0x2000 && c <= 0x206f) || (c >= 0x3000 && c <= 0x303f)) return false;
  if (c === 0x060c || c === 0x061b || c === 0x061f || c === 0x06d4 || c === 0x066a || c === 0x066b || c === 0x066c)
    return false;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  return !(c >= 0xfe10 && c <= 0xfe6f) && !(c >= 0xff00 && c <= 0xff0f) && c !== 0xab && c !== 0xbb;
}

/** Word tokens of a text: runs of word characters, with a leading `#` or `@` kept on the word. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const n = Math.min(text.length, MAX_FEATURE_CHARS);
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const prefixed = (c === 0x23 || c === 0x40) && i + 1 < n && isWordChar(text.charCodeAt(i + 1));
    if (!prefixed && !isWordChar(c)) {
      i++;
      continue;
    }
    const start = i;
    i += prefixed ? 2 : 1;
    while (i < n && isWordChar(text.charCodeAt(i))) i++;
    tokens.push(text.slice(start, i));
  }
  return tokens;
}

/** Calls `emit(hash, name)` for every feature; names are built only when asked (explanations). */
export function forEachFeature(
  text: string,
  config: FeatureConfig,
  emit: (hash: number, name?: string) => void,
  named = false,
): void {
  const tokens = tokenize(text);
  for (const token of tokens) {
    const n = token.length + 2;
    for (let start = 0; start < n; start++) {
      let h = (FNV_OFFSET ^ SEED_CHAR) >>> 0;
      const stop = Math.min(n, start + config.charMax);
      for (let end = start; end < stop; end++) {
        h = fnvStep(h, end === 0 ? WORD_START : end === n - 1 ? WORD_END : token.charCodeAt(end - 1));
        if (end - start + 1 >= config.charMin)
          emit(mix(h), named ? `c:${`\u0002${token}\u0003`.slice(start, end + 1)}` : undefined);
      }
    }
  }
  if (config.words)
    for (const t of tokens) emit(mix(hashRange(t, 0, t.length, SEED_WORD)), named ? `w:${t}` : undefined);
  if (config.wordBigrams) {
    for (let i = 1; i < tokens.length; i++) {
      const pair = `${tokens[i - 1]} ${tokens[i]}`;
      emit(mix(hashRange(pair, 0, pair.length, SEED_BIGRAM)), named ? `b:${pair}` : undefined);
    }
  }
}

/**
 * Turns texts into sparse vectors with a reusable dense scratch buffer: far cheaper than a Map
 * per message at tens of thousands of messages a second. One instance per thread of use.
 */
export class Featurizer {
  readonly #mask: number;
  /** Open-addressing table of (bucket + 1) and counts: small enough to stay in cache. */
  #keys = new Int32Array(2048);
  #counts = new Float32Array(2048);
  /** Occupied slots in insertion order, so reading out and clearing never scans the table. */
  #slots = new Int32Array(1024);
  #size = 0;

  constructor(readonly config: FeatureConfig) {
    this.#mask = (1 << config.bits) - 1;
  }

  vector(text: string): SparseVector {
    this.#size = 0;
    const tokens = tokenize(text);
    const { charMin, charMax } = this.config;
    for (const token of tokens) {
      const n = token.length + 2;
      for (let start = 0; start < n; start++) {
        let h = (FNV_OFFSET ^ SEED_CHAR) >>> 0;
        const stop = Math.min(start + charMax, n);
        for (let end = start; end < stop; end++) {
          h =
            Math.imul(
              h ^ (end === 0 ? WORD_START : end === n - 1 ? WORD_END : token.charCodeAt(end - 1)),
              0x01000193,
            ) >>> 0;
          if (end - start + 1 >= charMin) this.#add(mix(h) & this.#mask);
        }
      }
    }
    if (this.config.words) for (const t of tokens) this.#add(mix(hashRange(t, 0, t.length, SEED_WORD)) & this.#mask);
    if (this.config.wordBigrams) {
      for (let i = 1; i < tokens.length; i++) {
        const pair = `${tokens[i - 1]} ${tokens[i]}`;
        this.#add(mix(hashRange(pair, 0, pair.length, SEED_BIGRAM)) & this.#mask);
      }
    }
    return this.#take();
  }

  #add(index: number): void {
    if (this.#size * 2 >= this.#keys.length) this.#grow();
    const keys = this.#keys;
    const slotMask = keys.length - 1;
    let slot = index & slotMask;
    for (;;) {
      const k = keys[slot] as number;
      if (k === 0) {
        keys[slot] = index + 1;
        this.#counts[slot] = 1;
        this.#slots[this.#size++] = slot;
        return;
      }
      if (k === index + 1) {
        this.#counts[slot] = (this.#counts[slot] as number) + 1;
        return;
      }
      slot = (slot + 1) & slotMask;
    }
  }

  #grow(): void {
    const oldKeys = this.#keys;
    const oldCounts = this.#counts;
    const oldSlots = this.#slots.slice(0, this.#size);
    this.#keys = new Int32Array(oldKeys.length * 2);
    this.#counts = new Float32Array(oldKeys.length * 2);
    this.#slots = new Int32Array(oldKeys.length);
    this.#size = 0;
    for (const s of oldSlots) {
      const k = oldKeys[s] as number;
      this.#add(k - 1);
      this.#counts[this.#findSlot(k - 1)] = oldCounts[s] as number;
    }
  }

  #findSlot(index: number): number {
    const slotMask = this.#keys.length - 1;
    let slot = index & slotMask;
    while (this.#keys[slot] !== index + 1) slot = (slot + 1) & slotMask;
    return slot;
  }

  #take(): SparseVector {
    const indices = new Int32Array(this.#size);
    const values = new Float32Array(this.#size);
    const keys = this.#keys;
    let k = 0;
    let norm = 0;
    for (let i = 0; i < this.#size; i++) {
      const s = this.#slots[i] as number;
      const key = keys[s] as number;
      keys[s] = 0;
      indices[k] = key - 1;
      const v = 1 + Math.log(this.#counts[s] as number);
      values[k++] = v;
      norm += v * v;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < k; i++) values[i] = (values[i] as number) * scale;
    return { indices, values };
  }
}

/** One-off convenience; hot paths keep a `Featurizer`. */
export function featurize(text: string, config: FeatureConfig): SparseVector {
  return new Featurizer(config).vector(text);
}
