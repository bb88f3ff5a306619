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
const SPACE = 0x20;
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

/**
 * Word tokens as spans of `text`: token `i` is `text.slice(spans[2i], spans[2i + 1])`. Runs of
 * word characters, with a leading `#` or `@` kept on the word. Spans, not strings: slicing every
 * token cost more than hashing it. Returns the token count; `spans` grows as needed (`out.spans`).
 */
function tokenSpans(text: string, out: { spans: Int32Array }): number {
  const n = Math.min(text.length, MAX_FEATURE_CHARS);
  let spans = out.spans;
  let count = 0;
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
    if (2 * count + 2 > spans.length) {
      const grown = new Int32Array(spans.length * 2);
      grown.set(spans);
      spans = grown;
      out.spans = spans;
    }
    spans[2 * count] = start;
    spans[2 * count + 1] = i;
    count++;
  }
  return count;
}

/** Word tokens of a text: runs of word characters, with a leading `#` or `@` kept on the word. */
export function tokenize(text: string): string[] {
  const scratch = { spans: new Int32Array(64) };
  const count = tokenSpans(text, scratch);
  const tokens: string[] = [];
  for (let t = 0; t < count; t++) tokens.push(text.slice(scratch.spans[2 * t], scratch.spans[2 * t + 1]));
  return tokens;
}

/**
 * The hash of the word bigram "a b" from the spans of a and b: FNV-1a is a left fold over the
 * units, so hashing a, then a space, then b from where a stopped is the hash of the joined
 * string, without building it.
 */
function bigramHash(text: string, a0: number, a1: number, b0: number, b1: number): number {
  let h = fnvStep(hashRange(text, a0, a1, SEED_BIGRAM), SPACE);
  for (let i = b0; i < b1; i++) h = fnvStep(h, text.charCodeAt(i));
  return h;
}

/**
 * Calls `emit(hash, name)` for every feature, in the order the featuriser counts them. Names
 * cost a string each, so they are built only when asked: for every feature when `named` is
 * true, or only for hashes `named(hash)` accepts (explanations want a handful).
 */
export function forEachFeature(
  text: string,
  config: FeatureConfig,
  emit: (hash: number, name?: string) => void,
  named: boolean | ((hash: number) => boolean) = false,
): void {
  const scratch = { spans: new Int32Array(64) };
  const count = tokenSpans(text, scratch);
  const spans = scratch.spans;
  const wants = (hash: number) => (typeof named === 'function' ? named(hash) : named);
  for (let t = 0; t < count; t++) {
    const s = spans[2 * t] as number;
    const e = spans[2 * t + 1] as number;
    const n = e - s + 2;
    for (let start = 0; start < n; start++) {
      let h = (FNV_OFFSET ^ SEED_CHAR) >>> 0;
      const stop = Math.min(n, start + config.charMax);
      for (let end = start; end < stop; end++) {
        h = fnvStep(h, end === 0 ? WORD_START : end === n - 1 ? WORD_END : text.charCodeAt(s + end - 1));
        if (end - start + 1 < config.charMin) continue;
        const hash = mix(h);
        emit(hash, wants(hash) ? `c:${`\u0002${text.slice(s, e)}\u0003`.slice(start, end + 1)}` : undefined);
      }
    }
  }
  if (config.words) {
    for (let t = 0; t < count; t++) {
      const s = spans[2 * t] as number;
      const e = spans[2 * t + 1] as number;
      const hash = mix(hashRange(text, s, e, SEED_WORD));
      emit(hash, wants(hash) ? `w:${text.slice(s, e)}` : undefined);
    }
  }
  if (config.wordBigrams) {
    for (let t = 1; t < count; t++) {
      const a0 = spans[2 * t - 2] as number;
      const a1 = spans[2 * t - 1] as number;
      const b0 = spans[2 * t] as number;
      const b1 = spans[2 * t + 1] as number;
      const hash = mix(bigramHash(text, a0, a1, b0, b1));
      emit(hash, wants(hash) ? `b:${text.slice(a0, a1)} ${text.slice(b0, b1)}` : undefined);
    }
  }
}

/** `1 + ln(count)` for small counts, computed once: the same doubles, without a log per feature. */
const DAMPED = Float64Array.from({ length: 256 }, (_, c) => 1 + Math.log(c));

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
  /** Token spans of the current text (see `tokenSpans`). */
  readonly #tokens = { spans: new Int32Array(256) };
  /** Word and bigram hashes of the current text, counted after all character n-grams. */
  #wordHashes = new Uint32Array(128);
  #bigramHashes = new Uint32Array(128);
  /** The last vector, written here and copied out (or lent, see `view`). */
  #indices = new Int32Array(1024);
  #values = new Float32Array(1024);

  constructor(readonly config: FeatureConfig) {
    this.#mask = (1 << config.bits) - 1;
  }

  vector(text: string): SparseVector {
    const k = this.#featurize(text);
    return { indices: this.#indices.slice(0, k), values: this.#values.slice(0, k) };
  }

  /**
   * The same vector as `vector`, as views of this featuriser's scratch: valid only until its next
   * call. For scoring, which reads the vector once; two typed arrays per message cost more than
   * the dot products.
   */
  view(text: string): SparseVector {
    const k = this.#featurize(text);
    return { indices: this.#indices.subarray(0, k), values: this.#values.subarray(0, k) };
  }

  /**
   * Counts features in the order the vector lists them (character n-grams token by token, then
   * words, then bigrams: the order fixes the float sums downstream) and writes the vector.
   */
  #featurize(text: string): number {
    this.#size = 0;
    const count = tokenSpans(text, this.#tokens);
    const spans = this.#tokens.spans;
    const { charMin, charMax, words, wordBigrams } = this.config;
    const mask = this.#mask;
    if (this.#wordHashes.length < count) {
      this.#wordHashes = new Uint32Array(count * 2);
      this.#bigramHashes = new Uint32Array(count * 2);
    }
    const wordHashes = this.#wordHashes;
    const bigramHashes = this.#bigramHashes;
    // The bigram state after "previous token + space", carried into the next token.
    let left = 0;
    for (let t = 0; t < count; t++) {
      const s = spans[2 * t] as number;
      const e = spans[2 * t + 1] as number;
      const n = e - s + 2;
      for (let start = 0; start < n; start++) {
        let h = (FNV_OFFSET ^ SEED_CHAR) >>> 0;
        const stop = Math.min(start + charMax, n);
        for (let end = start; end < stop; end++) {
          h =
            Math.imul(
              h ^ (end === 0 ? WORD_START : end === n - 1 ? WORD_END : text.charCodeAt(s + end - 1)),
              0x01000193,
            ) >>> 0;
          if (end - start + 1 >= charMin) this.#add(mix(h) & mask);
        }
      }
      let word = (FNV_OFFSET ^ SEED_WORD) >>> 0;
      let own = (FNV_OFFSET ^ SEED_BIGRAM) >>> 0;
      let pair = left;
      for (let i = s; i < e; i++) {
        const c = text.charCodeAt(i);
        word = Math.imul(word ^ c, 0x01000193) >>> 0;
        own = Math.imul(own ^ c, 0x01000193) >>> 0;
        pair = Math.imul(pair ^ c, 0x01000193) >>> 0;
      }
      wordHashes[t] = word;
      bigramHashes[t] = pair;
      left = Math.imul(own ^ SPACE, 0x01000193) >>> 0;
    }
    if (words) for (let t = 0; t < count; t++) this.#add(mix(wordHashes[t] as number) & mask);
    if (wordBigrams) for (let t = 1; t < count; t++) this.#add(mix(bigramHashes[t] as number) & mask);
    return this.#write();
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

  /** Writes the damped, L2-normalised counts into the output scratch and clears the table. */
  #write(): number {
    const size = this.#size;
    if (this.#indices.length < size) {
      this.#indices = new Int32Array(size * 2);
      this.#values = new Float32Array(size * 2);
    }
    const indices = this.#indices;
    const values = this.#values;
    const keys = this.#keys;
    const counts = this.#counts;
    let norm = 0;
    for (let i = 0; i < size; i++) {
      const s = this.#slots[i] as number;
      const key = keys[s] as number;
      keys[s] = 0;
      indices[i] = key - 1;
      const c = counts[s] as number;
      const v = c < DAMPED.length ? (DAMPED[c] as number) : 1 + Math.log(c);
      values[i] = v;
      norm += v * v;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < size; i++) values[i] = (values[i] as number) * scale;
    return size;
  }
}

/** One-off convenience; hot paths keep a `Featurizer`. */
export function featurize(text: string, config: FeatureConfig): SparseVector {
  return new Featurizer(config).vector(text);
}
