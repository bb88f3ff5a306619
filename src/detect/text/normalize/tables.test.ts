import { describe, expect, it } from 'vitest';
import { LOWER as _LOWER, CLS, isLetterClass, K_KEEP, K_REPLACE, K_SPACE, KIND, LOWER, REP1, REPN } from './tables.js';

/**
 * The tables are the normaliser's Unicode knowledge; these invariants are what make one pass
 * idempotent: whatever a replacement produces, the next pass keeps as it is.
 */
describe('character tables', () => {
  it('replaces every character with characters it keeps', () => {
    const bad: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      if (KIND[c] !== K_REPLACE) continue;
      const out = REP1[c] !== 0 ? String.fromCharCode(REP1[c] as number) : (REPN.get(c) ?? '');
      for (const ch of out) {
        const u = ch.charCodeAt(0);
        const kind = ch.length === 2 ? K_KEEP : KIND[u];
        if (kind !== K_KEEP && kind !== K_SPACE) bad.push(c.toString(16));
      }
    }
    expect(bad).toEqual([]);
  });

  it('lower-cases letters into letters it keeps, and lower case is stable', () => {
    const bad: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      if (KIND[c] !== K_KEEP || !isLetterClass(CLS[c] as number)) continue;
      const l = LOWER[c] as number;
      if (KIND[l] !== K_KEEP || LOWER[l] !== l) bad.push(c.toString(16));
    }
    expect(bad).toEqual([]);
    expect(_LOWER).toBe(LOWER);
  });

  it('folds the Arabic letters the lexicon relies on', () => {
    const fold = (ch: string) => String.fromCharCode(REP1[ch.charCodeAt(0)] as number);
    expect(['أ', 'إ', 'آ', 'ٱ'].map(fold)).toEqual(['ا', 'ا', 'ا', 'ا']);
    expect([fold('ى'), fold('ة'), fold('ؤ'), fold('ئ'), fold('ی'), fold('ک')]).toEqual(['ي', 'ه', 'و', 'ي', 'ي', 'ك']);
  });
});
