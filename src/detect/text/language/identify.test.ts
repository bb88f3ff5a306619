import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { identifyLanguage } from './identify.js';
import { PHRASES, SENTENCES } from './sentences.fixture.js';

const SCRIPT_OF: Record<string, string> = { ar: 'arabic', fa: 'arabic', ur: 'arabic', ru: 'cyrillic' };

describe('identifyLanguage: everyday sentences', () => {
  for (const [lang, sentences] of Object.entries(SENTENCES)) {
    it.each(sentences)(`${lang}: %s`, (sentence) => {
      const guess = identifyLanguage(sentence);
      expect(guess).toMatchObject({ lang, script: SCRIPT_OF[lang] ?? 'latin' });
      expect(guess.confidence).toBeGreaterThanOrEqual(0.4);
    });
  }

  for (const [lang, phrases] of Object.entries(PHRASES)) {
    it.each(phrases)(`${lang} phrase: %s`, (phrase) => {
      expect(identifyLanguage(phrase).lang).toBe(lang);
    });
  }
});

describe('identifyLanguage: more languages by their letters', () => {
  it.each([
    ['ps', 'نن ورځ هوا ډېره ښه ده'],
    ['ps', 'سهار مو پخير، څنګه یاست؟'],
    ['ku', 'ئەمڕۆ کەشوهەوا زۆر خۆشە'],
    ['uk', 'Сьогодні гарна погода'],
    ['uk', 'Доброго ранку, як справи?'],
    ['be', 'Добры дзень, як справы ў цябе?'],
    ['sr', 'Добро јутро, како си?'],
    ['tg', 'Салом, шумо чӣ хел?'],
    ['he', 'בוקר טוב, מה שלומך?'],
    ['el', 'Καλημέρα, τι κάνεις;'],
    ['zh', '早上好，你好吗？'],
  ])('%s: %s', (lang, sentence) => {
    expect(identifyLanguage(sentence).lang).toBe(lang);
  });

  it('reads Persian and Urdu typed on an Arabic keyboard', () => {
    expect(identifyLanguage('امروز هوا خيلي خوب است').lang).toBe('fa');
    expect(identifyLanguage('اج موسم بهت اچها هے').lang).toBe('ur');
  });

  it('reads Arabic presentation forms and fullwidth Latin', () => {
    expect(identifyLanguage('ﺻﺒﺎﺡ ﺍﻟﺨﻴﺮ').lang).toBe('ar');
    expect(identifyLanguage('ＧＯＯＤ ｍｏｒｎｉｎｇ ｆｒｉｅｎｄｓ').lang).toBe('en');
  });
});

describe('identifyLanguage: mixed and short text', () => {
  it('ignores links, handles and e-mail addresses', () => {
    const arabic = 'صباح الخير، شوفوا الرابط https://example.org/news/today/weather-report';
    expect(identifyLanguage(arabic)).toMatchObject({ lang: 'ar', script: 'arabic' });
    expect(identifyLanguage('الطقس جميل اليوم @example_user someone@example.org').lang).toBe('ar');
    expect(identifyLanguage('الطقس جميل اليوم t.me/example_news www.example.org').lang).toBe('ar');
  });

  it('follows the script that carries most letters, and is less sure when scripts mix', () => {
    const mostlyEnglish = identifyLanguage('Check this out please, مرحبا');
    expect(mostlyEnglish.lang).toBe('en');
    expect(mostlyEnglish.confidence).toBeLessThan(identifyLanguage('Check this out please').confidence);
  });

  it.each([
    ['', 'none'],
    ['   ', 'none'],
    ['😀😀😀 !!!', 'none'],
    ['12345 678', 'none'],
    ['ok', 'latin'],
    ['هه', 'arabic'],
    ['@example_user t.me/example_news', 'none'],
  ])('calls %j undetermined', (text, script) => {
    expect(identifyLanguage(text)).toEqual({ lang: 'und', script, confidence: 0 });
  });

  it('calls a lone Arabic-script word Arabic, without much confidence', () => {
    const guess = identifyLanguage('سلام');
    expect(guess.lang).toBe('ar');
    expect(guess.confidence).toBeLessThan(0.5);
  });

  it('never throws and always answers in shape', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), (text) => {
        const guess = identifyLanguage(text);
        expect(guess.lang).toMatch(/^(?:[a-z]{2}|und)$/);
        expect(['arabic', 'latin', 'cyrillic', 'other', 'none']).toContain(guess.script);
        expect(guess.confidence).toBeGreaterThanOrEqual(0);
        expect(guess.confidence).toBeLessThanOrEqual(1);
      }),
      { numRuns: 1000 },
    );
    expect(identifyLanguage(undefined as unknown as string).lang).toBe('und');
    expect(identifyLanguage('a'.repeat(1_000_000)).script).toBe('latin');
  });
});
