import { describe, expect, it } from 'vitest';
import { consonantSkeleton, handleKey, jaroWinkler, nameSimilarity, trigramDice } from './handle-key.js';

const DISGUISES = ['nashir_news', 'nashir_news2', 'n4shir-news', 'ناشر نيوز', 'Nashir.News.Backup', 'new_nashir_news'];
const UNRELATED = ['weather_daily', 'cooking_tips'];

describe('handleKey', () => {
  it.each([
    ['nashir_news2', 'nashirnews'],
    ['n4shir-news', 'nashirnews'],
    ['@Nashir.News_backup', 'nashirnews'],
    ['official_nashir_news_v2', 'nashirnews'],
    ['ＮＡＳＨＩＲ news', 'nashirnews'],
  ])('%s → %s', (input, key) => {
    expect(handleKey(input)).toBe(key);
  });

  it('keeps a lone marker word or number rather than emptying the key', () => {
    expect(handleKey('backup')).toBe('backup');
    expect(handleKey('news_2024')).toBe('news');
  });

  it('transliterates Arabic to a consonant skeleton that lines up with the Latin spelling', () => {
    expect(consonantSkeleton(handleKey('ناشر نيوز'))).toBe(consonantSkeleton(handleKey('nashir_news')));
    expect(consonantSkeleton('nasher')).toBe(consonantSkeleton('nashir'));
  });
});

describe('nameSimilarity', () => {
  it('rates every disguise of one name ≥ 0.8 against every other', () => {
    for (const a of DISGUISES)
      for (const b of DISGUISES) expect(nameSimilarity(a, b), `${a} ~ ${b}`).toBeGreaterThanOrEqual(0.8);
  });

  it('rates unrelated handles ≤ 0.5', () => {
    for (const a of UNRELATED) {
      for (const b of [...DISGUISES, ...UNRELATED])
        if (a !== b) expect(nameSimilarity(a, b), `${a} ~ ${b}`).toBeLessThanOrEqual(0.5);
    }
  });

  it('is symmetric and 0 for empty names', () => {
    expect(nameSimilarity('alpha_news', 'alfa_newz')).toBeCloseTo(nameSimilarity('alfa_newz', 'alpha_news'));
    expect(nameSimilarity('', 'nashir')).toBe(0);
  });
});

describe('string measures', () => {
  it('jaroWinkler matches the textbook values', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });

  it('trigramDice is 1 for equal strings and 0 for disjoint ones', () => {
    expect(trigramDice('nashir', 'nashir')).toBe(1);
    expect(trigramDice('abc', 'xyz')).toBe(0);
  });
});
