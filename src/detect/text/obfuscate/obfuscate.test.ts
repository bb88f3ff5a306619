import { describe, expect, it } from 'vitest';
import { normalize } from '../normalize/index.js';
import {
  applicableObfuscations,
  LAYERED,
  OBFUSCATIONS,
  obfuscate,
  obfuscatedCopies,
  obfuscateLayered,
} from './index.js';

const latin = 'the weather report for tomorrow morning';
const arabic = 'نشرة الطقس ليوم غد في المدينة';
const canon = (t: string) => normalize(t, { tactics: false, arabizi: false }).text;

describe('obfuscate', () => {
  it('changes the text for every applicable evasion, deterministically', () => {
    for (const text of [latin, arabic]) {
      for (const tactic of applicableObfuscations(text)) {
        const disguised = obfuscate(text, tactic, 3);
        expect(disguised, tactic).not.toBe(text);
        expect(obfuscate(text, tactic, 3)).toBe(disguised);
      }
    }
  });

  it('picks evasions by script', () => {
    expect(applicableObfuscations(latin)).not.toContain('tatweel');
    expect(applicableObfuscations(arabic)).toContain('tatweel');
    expect(applicableObfuscations(arabic)).not.toContain('leet');
    expect(OBFUSCATIONS.length).toBeGreaterThanOrEqual(10);
  });

  it('is undone by the normaliser for the character-level evasions', () => {
    for (const tactic of ['zero-width', 'homoglyph', 'fullwidth-presentation-forms', 'combining-marks'] as const) {
      expect(canon(obfuscate(latin, tactic, 5)), tactic).toBe(canon(latin));
    }
    for (const tactic of ['tatweel', 'diacritics-flood'] as const) {
      expect(canon(obfuscate(arabic, tactic, 5)), tactic).toBe(canon(arabic));
    }
  });

  it('reports the tactic it applied when the normaliser undoes it', () => {
    const n = normalize(obfuscate(latin, 'zero-width', 2));
    expect(n.tactics.map((t) => t.tactic)).toContain('zero-width');
  });
});

describe('layered obfuscation', () => {
  it('stacks two evasions on a word, deterministically, and unlike any single evasion', () => {
    const layered = obfuscateLayered(latin, 4);
    expect(layered).not.toBe(latin);
    expect(obfuscateLayered(latin, 4)).toBe(layered);
    // Two evasions on every word of a short text change more of it than either one alone.
    expect(layered).not.toBe(obfuscate(latin, 'leet', 4));
  });

  it('keeps Arabic evasions on Arabic words and Latin ones on Latin words', () => {
    for (let seed = 1; seed <= 20; seed++) {
      // Leet digits, fullwidth forms, Cyrillic homoglyphs and Latin combining marks never land on Arabic...
      expect(obfuscateLayered(arabic, seed)).not.toMatch(/[0-9\uff10-\uff5e\u0400-\u04ff]|\u0301|\u0308/);
      // ...and tatweel, harakat and Persian letter forms never on Latin.
      expect(obfuscateLayered(latin, seed)).not.toMatch(/[\u0600-\u06ff]/);
    }
  });

  it('gives every row one copy per fitting evasion and one layered copy, with seeds by position', () => {
    const rows = [{ text: latin }, { text: arabic }];
    const copies = obfuscatedCopies(rows);
    expect(copies.filter((c) => c.tactic === LAYERED)).toHaveLength(2);
    expect(copies).toHaveLength(applicableObfuscations(latin).length + applicableObfuscations(arabic).length + 2);
    expect(copies.find((c) => c.tactic === 'leet')?.text).toBe(obfuscate(latin, 'leet', 1));
    expect(copies.find((c) => c.tactic === 'tatweel')?.text).toBe(obfuscate(arabic, 'tatweel', 2));
  });
});

describe('what obfuscation leaves alone', () => {
  it('never disguises @handles or links, which would then point elsewhere, but does disguise hashtags', () => {
    const text = 'RT @weather_desk: forecast at https://example.org/forecast and www.example.org #weatherreport';
    for (let seed = 1; seed <= 10; seed++) {
      for (const copy of [obfuscate(text, 'leet', seed), obfuscateLayered(text, seed)]) {
        expect(copy).toContain('@weather_desk:');
        expect(copy).toContain('https://example.org/forecast');
        expect(copy).toContain('www.example.org');
      }
    }
    const seeds = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(seeds.some((seed) => !obfuscate(text, 'letter-splitting', seed).includes('#weatherreport'))).toBe(true);
  });
});

describe('heavy obfuscation', () => {
  it('changes every letter the tactic can reach in every word', () => {
    const leet = obfuscate(latin, 'leet', 1, 'heavy');
    expect(leet).not.toMatch(/[aeiost]/i);
    const homoglyph = obfuscate(latin, 'homoglyph', 1, 'heavy');
    expect(homoglyph).not.toMatch(/[aeopcxiysj]/);
    // Light copies leave some of them.
    expect(obfuscate(latin, 'leet', 1)).toMatch(/[aeiost]/i);
  });

  it('is still undone by the normaliser for the character-level evasions', () => {
    for (const tactic of ['zero-width', 'homoglyph', 'fullwidth-presentation-forms', 'combining-marks'] as const) {
      expect(canon(obfuscate(latin, tactic, 5, 'heavy')), tactic).toBe(canon(latin));
    }
    expect(canon(obfuscate(latin, 'leet', 5, 'heavy'))).toBe(canon(latin));
  });
});
