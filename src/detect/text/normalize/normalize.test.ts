import { describe, expect, it } from 'vitest';
import { normalize } from './normalize.js';
import type { Normalized } from './types.js';

const text = (s: string) => normalize(s).text;

/** The original substrings each canonical character came from, for map assertions. */
function sources(input: string, n: Normalized): string[] {
  return [...n.map].map((at) => input.slice(at, at + 1));
}

describe('normalize: canonical form', () => {
  it('lower-cases Latin, Greek and Cyrillic and keeps other scripts', () => {
    expect(text('Hello WORLD')).toBe('hello world');
    expect(text('ΚΑΛΗΜΕΡΑ')).toBe('καλημερα');
    expect(text('ПРИВЕТ мир')).toBe('привет мир');
    expect(text('مرحبا بالعالم')).toBe('مرحبا بالعالم');
    expect(text('שלום 你好')).toBe('שלום 你好');
  });

  it('applies compatibility folding and strips Latin accents like the lexicon fold', () => {
    expect(text('État Völkische Dāʿish')).toBe("etat volkische da'ish");
    expect(text('½ m² ™')).toBe('1⁄2 m2 tm');
    expect(text('İstanbul')).toBe('istanbul');
    expect(text('ΣΟΦΙΑ σοφίας')).toBe('σοφια σοφιασ');
  });

  it('collapses every whitespace run to one space and trims the ends', () => {
    const input = '  hello \t\n\n  world\u00a0\u3000again  ';
    const n = normalize(input);
    expect(n.text).toBe('hello world again');
    expect(n.map[5]).toBe(7); // the space stands where the whitespace run began
    expect(text('')).toBe('');
    expect(text(' \n\t ')).toBe('');
  });

  it('folds dashes and apostrophes as the lexicon expects', () => {
    expect(text('Da’esh al—Qaida Da`esh')).toBe("da'esh al-qaida da'esh");
  });

  it('keeps the test marker', () => {
    expect(text('RASD-TEST-MARKER:praise:0.9')).toBe('rasd-test-marker:praise:0.9');
    expect(normalize('RASD-TEST-MARKER').tactics).toEqual([]);
  });

  it('reports nothing for ordinary text', () => {
    for (const s of [
      'The weather in Aleppo is sunny today.',
      'الطقس في حلب مشمس اليوم ودرجة الحرارة معتدلة',
      'Meeting at 10:30 on 2024-01-05, budget $1,200.',
      'Москва — столица России.',
      'Η Αθήνα είναι όμορφη.',
      'صباح الخير 🙂👍',
    ]) {
      expect(normalize(s).tactics, s).toEqual([]);
    }
  });
});

describe('normalize: the map', () => {
  it('points every canonical character at its source', () => {
    const input = 'AB\u200Bc';
    const n = normalize(input);
    expect(n.text).toBe('abc');
    expect([...n.map]).toEqual([0, 1, 3]);
  });

  it('maps expansions to one source and counts astral characters as two units', () => {
    const input = 'x\uFDFAy😀z';
    const n = normalize(input);
    expect(n.text.startsWith('xصلي الله')).toBe(true);
    const ligature = n.text.length - 1 - 1 - 2 - 1;
    for (let i = 1; i <= ligature; i++) expect(n.map[i]).toBe(1);
    expect(n.map[n.text.length - 1]).toBe(5);
    expect(sources(input, n).at(-1)).toBe('z');
  });

  it('maps Arabic letters past removed harakat and tatweel', () => {
    const input = 'دَاعـِش';
    const n = normalize(input);
    expect(n.text).toBe('داعش');
    expect([...n.map]).toEqual([0, 2, 3, 6]);
  });

  it('is a fresh result per call', () => {
    const a = normalize('ab');
    normalize('something else entirely, much longer than the first one');
    expect([...a.map]).toEqual([0, 1]);
    expect(a.text).toBe('ab');
  });
});

describe('normalize: options', () => {
  it('can skip tactics and the Arabizi reading without changing the text', () => {
    const input = 'da3esh I S I S d\u200Baesh';
    const full = normalize(input);
    const bare = normalize(input, { tactics: false, arabizi: false });
    expect(bare.text).toBe(full.text);
    expect([...bare.map]).toEqual([...full.map]);
    expect(bare.tactics).toEqual([]);
    expect(bare.arabizi).toBeUndefined();
    expect(full.tactics.length).toBeGreaterThan(0);
  });

  it('caps spans per tactic but keeps exact counts', () => {
    const input = Array.from({ length: 50 }, () => 'a\u200Bb').join(' ');
    const n = normalize(input, { maxSpans: 5 });
    const zw = n.tactics.find((t) => t.tactic === 'zero-width');
    expect(zw?.count).toBe(50);
    expect(zw?.spans).toHaveLength(5);
  });

  it('accepts a non-string at runtime without throwing', () => {
    expect(normalize(undefined as unknown as string).text).toBe('');
    expect(normalize(42 as unknown as string).text).toBe('42');
  });
});
