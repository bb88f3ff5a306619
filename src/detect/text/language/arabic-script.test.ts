import { describe, expect, it } from 'vitest';
import { guessArabicScript, scoreArabicScript } from './arabic-script.js';

describe('Arabic-script languages', () => {
  it('weighs letters that belong to one language above shared ones', () => {
    // ے and ں are Urdu only; ی and ک are shared by Persian and Urdu.
    const scores = scoreArabicScript('میں ہوں');
    expect(scores.ur).toBeGreaterThan(scores.fa);
  });

  it('counts function words typed on either keyboard', () => {
    expect(scoreArabicScript('خيلي').fa).toBe(2);
    expect(scoreArabicScript('خیلی').fa).toBe(4);
  });

  it('counts the Arabic article as Arabic evidence', () => {
    expect(scoreArabicScript('المدرسة').ar).toBeGreaterThan(0);
  });

  it('calls text without evidence Arabic with low confidence', () => {
    expect(guessArabicScript('سلام')).toEqual({ lang: 'ar', confidence: 0.4 });
  });

  it('is more confident with more evidence', () => {
    const short = guessArabicScript('شكرا جدا');
    const long = guessArabicScript('شكرا جدا على القهوة، كانت لذيذة في هذا الصباح الجميل');
    expect(short.lang).toBe('ar');
    expect(long.lang).toBe('ar');
    expect(long.confidence).toBeGreaterThan(short.confidence);
  });
});
