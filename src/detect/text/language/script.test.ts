import { describe, expect, it } from 'vitest';
import { countScripts, dominantScript, languageText } from './script.js';

describe('script pre-pass', () => {
  it('counts letters per script and ignores digits, marks, punctuation and emoji', () => {
    expect(countScripts('abc مرحبا где 中文 123 ! 😀 \u064e')).toEqual({ arabic: 5, latin: 3, cyrillic: 3, other: 2 });
  });

  it('breaks ties toward Arabic, then Latin', () => {
    expect(dominantScript({ arabic: 3, latin: 3, cyrillic: 0, other: 0 })).toBe('arabic');
    expect(dominantScript({ arabic: 0, latin: 2, cyrillic: 2, other: 0 })).toBe('latin');
    expect(dominantScript({ arabic: 0, latin: 0, cyrillic: 0, other: 0 })).toBe('none');
  });

  it('blanks links, addresses and handles, and folds presentation forms', () => {
    const t = languageText('نص https://example.org/a و www.example.org و t.me/x و a@example.org و @user و /start', 100);
    expect(t).not.toMatch(/[a-z]/i);
    expect(languageText('ﺻﺒﺎﺡ', 100)).toBe('صباح');
    expect(languageText('x'.repeat(50), 10)).toHaveLength(10);
  });
});
