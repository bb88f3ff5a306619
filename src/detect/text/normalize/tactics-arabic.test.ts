import { describe, expect, it } from 'vitest';
import { normalize } from './normalize.js';

function reported(input: string, tactic: string): { count: number; spans: string[] } | undefined {
  const hit = normalize(input).tactics.find((t) => t.tactic === tactic);
  return hit && { count: hit.count, spans: hit.spans.map((s) => input.slice(s.start, s.end)) };
}

const text = (s: string) => normalize(s).text;

/** Opening verses of al-Fatiha, fully vocalised (Uthmani and simple spellings). */
const FATIHA = [
  'بِسْمِ ٱللَّهِ ٱلرَّحْمَـٰنِ ٱلرَّحِيمِ',
  'ٱلْحَمْدُ لِلَّهِ رَبِّ ٱلْعَـٰلَمِينَ',
  'ٱلرَّحْمَـٰنِ ٱلرَّحِيمِ',
  'مَـٰلِكِ يَوْمِ ٱلدِّينِ ۝٤',
  'بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ',
];

describe('Arabic canonical folding (not reported)', () => {
  it('folds alef and hamza forms, alef maqsura, ta marbuta and hamza carriers', () => {
    expect(text('أحمد إبراهيم آمنة ٱلله')).toBe('احمد ابراهيم امنه الله');
    expect(text('مسؤول هيئة على')).toBe('مسوول هييه علي');
    expect(normalize('أحمد إبراهيم آمنة مسؤول هيئة على').tactics).toEqual([]);
  });

  it('turns Arabic-Indic and Persian digits into ASCII digits', () => {
    expect(text('٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789 0123456789');
    expect(normalize('٢٥ مليون').tactics).toEqual([]);
  });
});

describe('diacritics', () => {
  it('removes ordinary vocalisation without reporting it', () => {
    expect(text('دَاعِشٌ')).toBe('داعش');
    expect(text('مُحَمَّدٌ رَسُولُ اللَّهِ')).toBe('محمد رسول الله');
    expect(normalize('مُحَمَّدٌ رَسُولُ اللَّهِ').tactics).toEqual([]);
  });

  it('keeps a Qur’an verse intact and reports nothing', () => {
    expect(text(FATIHA[0] as string)).toBe('بسم الله الرحمن الرحيم');
    expect(text(FATIHA[4] as string)).toBe('بسم الله الرحمن الرحيم');
    // The superscript (dagger) alef is a mark and goes with the harakat, as in the lexicon fold.
    expect(text(FATIHA[1] as string)).toBe('الحمد لله رب العلمين');
    expect(text(FATIHA[3] as string)).toBe('ملك يوم الدين 4');
    for (const verse of FATIHA) expect(normalize(verse).tactics, verse).toEqual([]);
    expect(normalize(FATIHA.join(' ')).tactics).toEqual([]);
  });

  it('reports stacked vowel signs on one letter as a flood', () => {
    const input = 'قال دٌٌٌاعش اليوم';
    expect(text(input)).toBe('قال داعش اليوم');
    expect(reported(input, 'diacritics-flood')).toEqual({ count: 1, spans: ['دٌٌٌاعش'] });
  });

  it('reports two vowels on one letter and marks with no letter to carry them', () => {
    expect(reported('دَُاعش', 'diacritics-flood')?.spans).toEqual(['دَُاعش']);
    expect(reported('ISIS\u064E\u064F', 'diacritics-flood')?.spans).toEqual(['ISIS\u064E\u064F']);
  });

  it('reports padding far above one sign per letter', () => {
    const input = 'دّْاّْعّْشّْ';
    expect(text(input)).toBe('داعش');
    expect(reported(input, 'diacritics-flood')?.count).toBe(1);
  });
});

describe('tatweel', () => {
  it('removes stretching and reports each tatweel', () => {
    expect(text('داعـــش')).toBe('داعش');
    expect(reported('داعـــش', 'tatweel')).toEqual({ count: 3, spans: ['ـــ'] });
    expect(reported('الشـام', 'tatweel')).toEqual({ count: 1, spans: ['ـ'] });
  });

  it('does not report a tatweel that carries a mark in Uthmani script', () => {
    expect(text('ٱلرَّحْمَـٰنِ')).toBe('الرحمن');
    expect(reported('ٱلرَّحْمَـٰنِ', 'tatweel')).toBeUndefined();
  });
});

describe('Arabic letter variants (Persian and Urdu look-alikes)', () => {
  it('folds them always', () => {
    expect(text('لشکر طیبہ')).toBe('لشكر طيبه');
    for (const [variant, letter] of [
      ['ھ', 'ه'],
      ['ۃ', 'ه'],
      ['ې', 'ي'],
      ['ٸ', 'ي'],
      ['ڪ', 'ك'],
    ]) {
      expect(text(variant as string)).toBe(letter);
    }
  });

  it('reports them inside Arabic text', () => {
    const input = 'ذكر التقرير الدولہ اليوم';
    expect(text(input)).toBe('ذكر التقرير الدوله اليوم');
    expect(reported(input, 'arabic-letter-variant')).toEqual({ count: 1, spans: ['ہ'] });
    expect(reported('هذا كتاب جدید مفيد', 'arabic-letter-variant')?.spans).toEqual(['ی']);
  });

  it('reports them inside a word that also uses Arabic-only letters', () => {
    expect(reported('کتابي', 'arabic-letter-variant')?.spans).toEqual(['ک']);
  });

  it('leaves Persian and Urdu text alone', () => {
    for (const s of ['این کتاب خوب است', 'کتاب', 'پاکستان زندہ باد', 'لشکر طیبہ', 'من یک کتاب دارم']) {
      expect(normalize(s).tactics, s).toEqual([]);
    }
  });
});
