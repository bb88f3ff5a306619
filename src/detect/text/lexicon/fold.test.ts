import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { basicFold, foldForLexicon } from './fold.js';

const fold = (s: string) => basicFold(s).text;

describe('basicFold', () => {
  it('lower-cases Latin, Greek and Cyrillic', () => {
    expect(fold('ISIS Daesh')).toBe('isis daesh');
    expect(fold('ΣΟΦΙΑ σοφίας')).toBe('σοφια σοφιασ');
    expect(fold('РУССКОЕ Движение')).toBe('русское движение');
  });

  it('strips Latin combining marks, precomposed or not', () => {
    expect(fold('État islamique')).toBe('etat islamique');
    expect(fold('Al-Qaïda')).toBe('al-qaida');
    expect(fold('Völkische')).toBe('volkische');
    expect(fold('E\u0301tat')).toBe('etat');
    expect(fold('Dāʿish')).toBe("da'ish");
  });

  it('applies compatibility decomposition (full-width, ligatures, presentation forms)', () => {
    expect(fold('ＩＳＩＳ')).toBe('isis');
    expect(fold('ﬁne')).toBe('fine');
    // Arabic presentation forms of داعش.
    expect(fold('\uFEA9\uFE8D\uFECB\uFEB6')).toBe('داعش');
  });

  it('strips Arabic diacritics, tatweel and invisible characters', () => {
    expect(fold('دَاعِشٌ')).toBe('داعش');
    expect(fold('داعـــش')).toBe('داعش');
    expect(fold('دا\u200Cع\u200Bش\uFEFF')).toBe('داعش');
    expect(fold('\u202Bداعش\u202C')).toBe('داعش');
    expect(fold('ٱلْقُرْآن')).toBe('القران');
  });

  it('folds Arabic letter variants', () => {
    expect(fold('أإآٱ')).toBe('اااا');
    expect(fold('على')).toBe('علي');
    expect(fold('الدولة')).toBe('الدوله');
    expect(fold('مؤسسة هيئة')).toBe('موسسه هييه');
  });

  it('folds Persian and Urdu look-alikes to Arabic letters', () => {
    expect(fold('لشکر طیبہ')).toBe(fold('لشكر طيبة'));
    expect(fold('ھ')).toBe('ه');
  });

  it('folds Arabic-Indic digits and dash/apostrophe variants', () => {
    expect(fold('١٨ ۱۸')).toBe('18 18');
    expect(fold('Da’esh Daʿish Da`esh al—Qaida')).toBe("da'esh da'ish da'esh al-qaida");
  });

  it('maps each folded char to the start of its source code point', () => {
    const input = 'دَاعـِش';
    const { text, map } = basicFold(input);
    expect(text).toBe('داعش');
    expect([...map]).toEqual([0, 2, 3, 6]);
  });

  it('maps expansions and astral characters to one source offset', () => {
    const { text, map } = basicFold('a\uFDFAb😀c');
    expect(text.startsWith('a')).toBe(true);
    expect(map[0]).toBe(0);
    // Every unit of the ligature's expansion points at offset 1.
    const expansion = text.length - 1 /* a */ - 1 /* b */ - 2 /* emoji */ - 1; /* c */
    expect(expansion).toBeGreaterThan(1);
    for (let i = 1; i <= expansion; i++) expect(map[i]).toBe(1);
    expect(map[text.length - 3]).toBe(3);
    expect(map[text.length - 2]).toBe(3);
    expect(map[text.length - 1]).toBe(5);
  });

  it('keeps the map contract for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (input) => {
        const { text, map } = basicFold(input);
        expect(map.length).toBe(text.length);
        for (let i = 0; i < map.length; i++) {
          const at = map[i] as number;
          expect(at).toBeGreaterThanOrEqual(0);
          expect(at).toBeLessThan(input.length);
          if (i > 0) expect(at).toBeGreaterThanOrEqual(map[i - 1] as number);
          // Never points into the middle of a surrogate pair.
          const c = input.charCodeAt(at);
          expect(
            c >= 0xdc00 &&
              c <= 0xdfff &&
              at > 0 &&
              input.charCodeAt(at - 1) >= 0xd800 &&
              input.charCodeAt(at - 1) <= 0xdbff,
          ).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent on its own output', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (input) => {
        const once = fold(input);
        expect(fold(once)).toBe(once);
      }),
      { numRuns: 300 },
    );
  });

  it('does not keep state between calls', () => {
    const long = 'داعش '.repeat(2000);
    expect(fold(long).length).toBe(long.length);
    const { map } = basicFold('ab');
    expect([...map]).toEqual([0, 1]);
  });

  it('foldForLexicon is the default fold', () => {
    expect(foldForLexicon('ISIS').text).toBe('isis');
  });
});
