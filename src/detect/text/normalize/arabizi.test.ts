import { describe, expect, it } from 'vitest';
import { transliterate } from './arabizi.js';

const identity = (s: string) => Int32Array.from({ length: s.length }, (_, i) => i);
const read = (s: string) => transliterate(s, identity(s)).text;

describe('transliterate (Arabizi → Arabic)', () => {
  it('reads the Arabizi digits', () => {
    expect(read('3ala')).toBe('عالا');
    expect(read('7ob')).toBe('حوب');
    expect(read('5eir')).toBe('خير');
    expect(read("3'ali")).toBe('غالي');
    expect(read('9aba7')).toBe('صاباح');
    expect(read('2ana')).toBe('انا');
  });

  it('reads digraphs and drops short vowels as Arabic does', () => {
    expect(read('shams')).toBe('شامس');
    expect(read('khalid')).toBe('خاليد');
    expect(read('da3esh')).toBe('داعش');
    expect(read('dawla')).toBe('دوله');
    expect(read('mo7ammed')).toBe('موحامد');
    expect(read('mohammed')).toBe('موهامد'); // h is ه; Arabizi writes ح as 7
  });

  it('joins the article to the next word only', () => {
    expect(read('el dawla')).toBe('الدوله');
    expect(read('al-sham')).toBe('الشام');
    expect(read('el')).toBe('ال');
  });

  it('copies what is not Arabizi and maps every letter back', () => {
    const input = 'marhaba 🙂 ya sadiq!';
    const out = transliterate(input, identity(input));
    // Lossy by design: a final a of a longer word is read as ta marbuta.
    expect(out.text).toBe('مارهابه 🙂 يا ساديق!');
    expect(out.map.length).toBe(out.text.length);
    expect(out.map[0]).toBe(0);
    expect(out.map[out.map.length - 1]).toBe(input.length - 1);
  });
});
