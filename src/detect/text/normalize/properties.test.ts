import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalize } from './normalize.js';
import type { Normalized } from './types.js';

/** Pieces that exercise every rule and their interactions (tricks next to tricks). */
const PIECES = [
  ..."aAbIisSdeHhlotwxv1350@$|!.-_ '",
  'а',
  'е',
  'о',
  'і',
  'ѕ',
  'α',
  'ο',
  'Σ',
  'ς',
  'ж',
  'ا',
  'د',
  'ع',
  'ش',
  'ي',
  'ی',
  'ک',
  'ہ',
  'ة',
  'أ',
  '\u064E',
  '\u0651',
  '\u0670',
  'ـ',
  '\u200B',
  '\u200C',
  '\u200D',
  '\u202E',
  '\u202D',
  '\u202C',
  '\u0301',
  '\u0336',
  '\n',
  '😀',
  '🔥',
  '🇮',
  '🇸',
  '🅰',
  '🅿',
  'Ｉ',
  'ﺩ',
  'ﷺ',
  '𝐢',
  'ⓢ',
  'ᴅ',
  '٣',
  'İ',
  '\uD800',
  '\uDC00',
  ' . ',
  'https://x.com/AbC',
  'a@b.co',
  '@user',
  'the ',
  'olleh ',
  'el ',
  'da3esh',
  'I S I S',
  'www',
  'III',
];

const adversarial = fc.array(fc.constantFrom(...PIECES), { maxLength: 24 }).map((parts) => parts.join(''));
const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  adversarial,
);

/** The first way `n` breaks the contract for `input`, or null. Plain loops: inputs can be large. */
function contractBreach(input: string, n: Normalized): string | null {
  if (n.map.length !== n.text.length) return 'map length';
  for (let i = 0; i < n.map.length; i++) {
    const at = n.map[i] as number;
    if (at < (i > 0 ? (n.map[i - 1] as number) : 0)) return `map decreases at ${i}`;
    if (at >= input.length) return `map out of bounds at ${i}`;
    // Never the second half of a surrogate pair.
    const c = input.charCodeAt(at);
    const prev = at > 0 ? input.charCodeAt(at - 1) : 0;
    if (c >= 0xdc00 && c <= 0xdfff && prev >= 0xd800 && prev <= 0xdbff) return `map splits a pair at ${i}`;
  }
  for (const hit of n.tactics) {
    if (hit.count <= 0 || hit.spans.length === 0) return `${hit.tactic}: empty`;
    for (const s of hit.spans) {
      if (s.start < 0 || s.end <= s.start || s.end > input.length) return `${hit.tactic}: bad span`;
    }
  }
  if (n.arabizi !== undefined) {
    const map = n.arabiziMap;
    if (map === undefined || map.length !== n.arabizi.length) return 'arabizi map length';
    for (let i = 1; i < map.length; i++) if ((map[i] as number) < (map[i - 1] as number)) return 'arabizi map order';
  }
  return null;
}

function checkContract(input: string, n: Normalized): void {
  expect(contractBreach(input, n)).toBeNull();
}

describe('normalize: properties', () => {
  it('never throws and keeps the map and span contract', () => {
    fc.assert(
      fc.property(anyString, (input) => {
        checkContract(input, normalize(input));
      }),
      { numRuns: 1500 },
    );
  });

  it('is idempotent on its own output', () => {
    fc.assert(
      fc.property(anyString, (input) => {
        const once = normalize(input).text;
        expect(normalize(once).text).toBe(once);
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the same text with tactics off', () => {
    fc.assert(
      fc.property(anyString, (input) => {
        const bare = normalize(input, { tactics: false, arabizi: false });
        expect(bare.text).toBe(normalize(input).text);
        expect(bare.tactics).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(adversarial, (input) => {
        expect(normalize(input)).toEqual(normalize(input));
      }),
      { numRuns: 300 },
    );
  });
});

describe('normalize: scale', () => {
  it('stays linear on adversarial inputs', () => {
    for (const input of [
      '1 '.repeat(20_000),
      'a.'.repeat(20_000),
      `ك${'ی'.repeat(20_000)}`,
      `${'a'.repeat(20_000)}.b`,
      'a.b'.repeat(7_000),
      '\u200B'.repeat(40_000),
      `a${'\u0301'.repeat(40_000)}`,
      'ـ'.repeat(40_000),
      '🇮'.repeat(20_000),
    ]) {
      const t0 = performance.now();
      const n = normalize(input);
      // Generous: these take tens of milliseconds; quadratic behaviour would take seconds.
      expect(performance.now() - t0, input.slice(0, 8)).toBeLessThan(3000);
      expect(contractBreach(input, n)).toBeNull();
    }
  });

  it('processes a large input in full and caps only the spans', () => {
    const unit = 'd\u200Ba\u200Be\u200Bs\u200Bh I S I S داااعش https://x.com/Q ';
    const input = unit.repeat(Math.ceil(200_000 / unit.length));
    const n = normalize(input);
    checkContract(input, n);
    expect(n.text.startsWith('daesh isis داعش https://x.com/Q daesh')).toBe(true);
    const zw = n.tactics.find((t) => t.tactic === 'zero-width');
    expect(zw?.count).toBe(4 * Math.ceil(200_000 / unit.length));
    for (const hit of n.tactics) expect(hit.spans.length).toBeLessThanOrEqual(20);
    expect(normalize(n.text).text).toBe(n.text);
  });
});
