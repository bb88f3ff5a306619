import { describe, expect, it } from 'vitest';
import { textFingerprint } from './text-fingerprint.js';

const RELEASE = 'Weekly bulletin about the regional weather and the market prices';

describe('textFingerprint', () => {
  it('is a text: key of 16 hex digits', () => {
    expect(textFingerprint(RELEASE)).toMatch(/^text:[0-9a-f]{16}$/);
  });

  it('ignores links, mentions, digits, spacing, case and evasion characters', () => {
    const key = textFingerprint(RELEASE);
    expect(textFingerprint(`${RELEASE} https://t.me/chan_one @chan_one`)).toBe(key);
    expect(textFingerprint(`${RELEASE.toUpperCase()}  2026 t.me/+Abc123456 example.org/page`)).toBe(key);
    expect(textFingerprint(RELEASE.replace(/ /g, '\n  ').replace('weather', 'wea\u200bther'))).toBe(key);
  });

  it('tells different texts apart', () => {
    expect(textFingerprint(`${RELEASE} extra`)).not.toBe(textFingerprint(RELEASE));
  });

  it('folds Arabic letter variants and tatweel', () => {
    const plain = 'نشرة الطقس الاسبوعية واسعار السوق في المنطقة';
    expect(textFingerprint('نشـــرة الطقس الأسبوعية وأسعار السوق في المنطقة')).toBe(textFingerprint(plain));
  });

  it('gives nothing for short texts or texts that are only links', () => {
    expect(textFingerprint('hi')).toBeUndefined();
    expect(textFingerprint('new post 12345678901234567890')).toBeUndefined();
    expect(
      textFingerprint('https://t.me/some_channel_name_here https://example.org/a/b/c @another_one'),
    ).toBeUndefined();
  });
});
