import { describe, expect, it } from 'vitest';
import { defaultTextBankNormalize as normalize } from '../default-normalize.js';
import { EN, SHORT } from '../fixtures/texts.js';
import { charShingles, shapeOf, shingleKindOf, shingles, wordShingles } from './shingles.js';
import { tokenize } from './tokens.js';

const shape = (text: string) => shapeOf(tokenize(normalize(text)));

describe('tokens', () => {
  it('are runs of letters, marks and digits; everything else separates', () => {
    const text = 'rain-fall #weather @bot 2024 ok🙂ok مطر_غزير';
    const t = tokenize(text);
    const words = Array.from({ length: t.count }, (_, i) => text.slice(t.starts[i], t.ends[i]));
    expect(words).toEqual(['rain', 'fall', 'weather', 'bot', '2024', 'ok', 'ok', 'مطر', 'غزير']);
    expect(t.chars).toBe(words.join('').length);
  });
});

describe('shingle kind and eligibility', () => {
  it('signs ordinary text of 8 words or more by word 3-grams', () => {
    expect(shape(EN.weatherA)).toMatchObject({ kind: 'w3', eligible: true, segmented: true });
    expect(shape('one two three four five six seven eight nine')).toMatchObject({ kind: 'w3', words: 9 });
  });

  it('signs short text by character 5-grams', () => {
    expect(shape(SHORT.bakery)).toMatchObject({ kind: 'c5', eligible: true, words: 6 });
    expect(shingleKindOf(normalize(SHORT.arBakery))).toBe('c5');
  });

  it('signs unsegmented text (long runs without spaces) by character 5-grams', () => {
    const thai = 'ภาษาไทยเขียนติดกันโดยไม่เว้นวรรคระหว่างคำในประโยค';
    expect(shape(thai)).toMatchObject({ kind: 'c5', segmented: false, eligible: true, words: 1 });
  });

  it('refuses texts under 30 content characters, or under 5 words unless unsegmented', () => {
    expect(shape('Good morning everyone').eligible).toBe(false);
    expect(shape('Weekly bulletin attached here now').eligible).toBe(false); // 5 words, 29 characters
    expect(shape('Extraordinary circumstances necessitate reconsideration').eligible).toBe(false); // 4 words
    expect(shape('Bakery opens at seven tomorrow morning').eligible).toBe(true);
    expect(shape('').eligible).toBe(false);
  });
});

describe('shingles', () => {
  it('ignore punctuation, emoji and spacing', () => {
    const plain = 'the home team won the cup final by two goals to one';
    const noisy = 'The home team — won the CUP final!!! 🙂 by two goals ... to one';
    expect(wordShingles(normalize(noisy))).toEqual(wordShingles(plain));
    expect(charShingles('bakery opens at seven')).toEqual(charShingles('bak ery  opens at-seven'));
  });

  it('are distinct and sorted, one per 3-word window or 5-character window', () => {
    const words = 'a b c a b c a b c d';
    expect(wordShingles(words)).toHaveLength(4); // abc, bca, cab repeat; bcd once
    const set = charShingles('abcdefgh');
    expect(set).toHaveLength(4);
    expect([...set]).toEqual([...set].sort((x, y) => x - y));
  });

  it('give one shingle of the whole for texts shorter than a window', () => {
    expect(wordShingles('two words')).toHaveLength(1);
    expect(charShingles('abc')).toHaveLength(1);
    expect(wordShingles('')).toHaveLength(0);
    expect(shingles('!!!', 'c5')).toHaveLength(0);
  });

  it('are the same on every run (the values are stored and exchanged)', () => {
    expect([...wordShingles('the cup final')]).toEqual([...wordShingles('the cup final')]);
    expect(wordShingles('the cup final')[0]).toMatchInlineSnapshot(`3604222542`);
    expect(charShingles('final')[0]).toMatchInlineSnapshot(`4178528713`);
  });
});
