import { describe, expect, it } from 'vitest';
import { charWbNgrams, TfidfSvm, TfidfVectorizer } from '../bench/baseline/tfidf-svm.js';

// Harmless synthetic data: sentences about apples (the positive class) and oranges.
const APPLE = ['crisp apples', 'apple pie recipe', 'green apples in the orchard', 'an apple a day', 'apple cider'];
const ORANGE = ['fresh orange juice', 'oranges from the grove', 'peel an orange', 'orange marmalade', 'navel oranges'];

describe('char_wb n-grams', () => {
  it('pads each word with spaces and yields every 2–5 character substring, short words once', () => {
    expect(charWbNgrams('Ab c').sort()).toEqual([' a', ' ab', ' ab ', ' c', ' c ', 'ab', 'ab ', 'b ', 'c '].sort());
  });

  it('splits words on whitespace only as Python does: a zero-width no-break space stays inside the word', () => {
    expect(charWbNgrams('a\ufeffb', 3, 3)).toContain('a\ufeffb');
  });
});

describe('TF-IDF', () => {
  it('gives a term found in every document the lowest weight, 1, and rarer terms more', () => {
    const docs = ['fruit apples', 'fruit oranges', 'fruit pears', 'fruit apples again'];
    const v = new TfidfVectorizer().fit(docs);
    expect(v.idfOf('fruit')).toBeCloseTo(1, 12);
    expect(v.idfOf('appl')).toBeGreaterThan(1);
    // min_df = 2: an n-gram in a single document is not in the vocabulary.
    expect(v.idfOf('pear')).toBeUndefined();
  });

  it('L2-normalises every row', () => {
    const v = new TfidfVectorizer().fit(['apples and oranges', 'apples and pears']);
    const x = v.transform('apples and apples');
    expect(x.values.reduce((s, value) => s + value * value, 0)).toBeCloseTo(1, 12);
  });
});

describe('TF-IDF + linear SVM', () => {
  const texts = [...APPLE, ...ORANGE];
  const labels = texts.map((_, i) => i < APPLE.length);

  it('learns separable data and generalises to unseen sentences', () => {
    for (const loss of ['squared_hinge', 'hinge'] as const) {
      const model = new TfidfSvm({}, { loss });
      expect(model.fit(texts, labels).converged).toBe(true);
      expect(texts.map((t) => model.predict(t))).toEqual(labels);
      expect(model.predict('baked apples')).toBe(true);
      expect(model.predict('sliced oranges')).toBe(false);
    }
  });

  it('gives identical margins for the same seed', () => {
    const margins = () => {
      const model = new TfidfSvm({}, { seed: 7 });
      model.fit(texts, labels);
      return ['apple tart', 'orange zest', 'mixed fruit'].map((t) => model.margin(t));
    };
    expect(margins()).toEqual(margins());
  });
});
