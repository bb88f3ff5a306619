import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultTextBankNormalize as normalize } from './default-normalize.js';
import {
  arabicVariants,
  harakat,
  lastSentenceFirst,
  replaceWords,
  swapWords,
  tatweel,
  zeroWidth,
} from './fixtures/edits.js';
import { AR, EN, SHORT } from './fixtures/texts.js';
import { signForBank } from './sign-for-bank.js';
import { createTextBankIndex, type TextBankEntry, type TextBankIndex } from './text-bank.js';

let next = 0;
function entry(text: string, bank = 'TEST_BANK', extra: Partial<TextBankEntry> = {}): TextBankEntry {
  const signed = signForBank(text, normalize);
  if (!('value' in signed)) throw new Error('fixture text too short to bank');
  next += 1;
  return { id: `e${next}`, bank, value: signed.value, source: `fixture#${next}`, ...extra };
}

function indexOf(
  texts: Record<string, string>,
  bank = 'TEST_BANK',
): { index: TextBankIndex; ids: Record<string, string> } {
  const ids: Record<string, string> = {};
  const entries = Object.entries(texts).map(([name, text]) => {
    const e = entry(text, bank);
    ids[name] = e.id;
    return e;
  });
  return { index: createTextBankIndex({ normalize, entries }), ids };
}

const bank = indexOf({ ...EN, ...Object.fromEntries(Object.entries(AR).map(([k, v]) => [`ar_${k}`, v])) });

function best(text: string, index: TextBankIndex = bank.index) {
  return index.match(text)[0];
}

describe('text bank: re-posts still match', () => {
  const cases: [string, string, string][] = [
    ['identical', EN.weatherA, 'weatherA'],
    [
      'three words changed',
      replaceWords(EN.weatherA, [
        ['clear', 'sunny'],
        ['Farmers', 'Growers'],
        ['cooler', 'colder'],
      ]),
      'weatherA',
    ],
    [
      'five words changed',
      replaceWords(EN.cookingA, [
        ['rinse', 'wash'],
        ['chopped', 'diced'],
        ['crushed', 'minced'],
        ['six', 'seven'],
        ['fresh', 'chopped'],
      ]),
      'cookingA',
    ],
    ['last sentence moved first', lastSentenceFirst(EN.sportsA), 'sportsA'],
    ['two word pairs swapped', swapWords(swapWords(EN.sportsA, 10), 40), 'sportsA'],
    [
      'prefixed and suffixed lines',
      `Forwarded from the channel\n\n${EN.cookingA}\n\nShare with your friends and follow us for more posts every day`,
      'cookingA',
    ],
    ['upper case and zero-width', zeroWidth(EN.weatherA.toUpperCase()), 'weatherA'],
    ['ar: identical', AR.weatherA, 'ar_weatherA'],
    ['ar: tatweel', tatweel(AR.weatherA), 'ar_weatherA'],
    ['ar: letter variants', arabicVariants(AR.cookingA), 'ar_cookingA'],
    ['ar: harakat and zero-width', zeroWidth(harakat(AR.sportsA), 3), 'ar_sportsA'],
    [
      'ar: three words changed',
      replaceWords(AR.sportsA, [
        ['الشاب', 'الصاعد'],
        ['الأحد', 'الجمعة'],
        ['مثيرة', 'حماسية'],
      ]),
      'ar_sportsA',
    ],
    [
      'ar: prefixed and suffixed lines',
      `منقول من القناة\n${AR.cookingA}\nشاركوا المنشور مع أصدقائكم وتابعونا`,
      'ar_cookingA',
    ],
    [
      'ar: all at once',
      `منقول\n${tatweel(arabicVariants(lastSentenceFirst(replaceWords(AR.weatherA, [['صحوا', 'مشمسا']]))))}`,
      'ar_weatherA',
    ],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => {
      const hit = best(text);
      expect(hit?.entryId).toBe(bank.ids[expected]);
      expect(hit?.similarity).toBeGreaterThanOrEqual(0.5);
    });
  }
});

describe('text bank: different texts do not match', () => {
  it('each fixture matches itself only, though pairs share a topic and many words', () => {
    for (const [name, id] of Object.entries(bank.ids)) {
      const text = name.startsWith('ar_') ? AR[name.slice(3) as keyof typeof AR] : EN[name as keyof typeof EN];
      expect(bank.index.match(text).map((m) => m.entryId)).toEqual([id]);
    }
  });

  it('a same-topic text finds nothing when its twin is not banked', () => {
    const { index } = indexOf({ weatherA: EN.weatherA, sportsA: AR.sportsA });
    expect(index.match(EN.weatherB)).toEqual([]);
    expect(index.match(AR.sportsB)).toEqual([]);
  });

  it('the rows of the sample channel export match only themselves', () => {
    const path = fileURLToPath(new URL('../../examples/sample-export/result.json', import.meta.url));
    const messages = (JSON.parse(readFileSync(path, 'utf8')) as { messages: { id: number; text: unknown }[] }).messages;
    const textOf = (t: unknown): string =>
      typeof t === 'string'
        ? t
        : Array.isArray(t)
          ? t.map((p) => (typeof p === 'string' ? p : (p as { text: string }).text)).join('')
          : '';
    const entries: TextBankEntry[] = [];
    for (const m of messages) {
      const signed = signForBank(textOf(m.text), normalize);
      if ('value' in signed)
        entries.push({ id: `row${m.id}`, bank: 'SAMPLE', value: signed.value, source: `sample#${m.id}` });
    }
    expect(entries.length).toBeGreaterThan(25);
    const index = createTextBankIndex({ normalize, entries });
    for (const m of messages) {
      const expected = entries.some((e) => e.id === `row${m.id}`) ? [`row${m.id}`] : [];
      expect(
        index.match(textOf(m.text)).map((hit) => hit.entryId),
        `row ${m.id}`,
      ).toEqual(expected);
    }
  });
});

describe('text bank: short texts', () => {
  const short = indexOf({ bakery: SHORT.bakery, library: SHORT.library, arBakery: SHORT.arBakery });

  it('are signed by characters and still match small edits', () => {
    const hit = short.index.match(SHORT.bakeryEdited)[0];
    expect(hit?.entryId).toBe(short.ids.bakery);
    expect(short.index.match(tatweel(SHORT.arBakery))[0]?.entryId).toBe(short.ids.arBakery);
  });

  it('are neither banked nor matched below the minimum length', () => {
    expect(signForBank('Good morning everyone', normalize)).toEqual({ reason: 'too-short', words: 3 });
    expect(short.index.match('Bakery opens')).toEqual([]);
  });

  it('match across the word/character line: an 8-word entry re-posted with a word cut', () => {
    const { index, ids } = indexOf({ market: 'The market square fills with fruit sellers daily' });
    expect(index.match('the market square fills with fruit sellers')[0]?.entryId).toBe(ids.market);
    const { index: shortIndex, ids: shortIds } = indexOf({ seven: 'The market square fills with fruit sellers' });
    expect(shortIndex.match('The market square fills with fruit sellers daily')[0]?.entryId).toBe(shortIds.seven);
  });
});

describe('text bank: entries and banks', () => {
  it('reports bank, entry, similarity, organisation, category and source', () => {
    const e = entry(EN.sportsA, 'EXAMPLE_BANK', { org: 'example-org', category: 'praise', source: 'file.jsonl#7' });
    const index = createTextBankIndex({ normalize, entries: [e] });
    expect(index.match(EN.sportsA)).toEqual([
      {
        bank: 'EXAMPLE_BANK',
        entryId: e.id,
        similarity: 1,
        org: 'example-org',
        category: 'praise',
        source: 'file.jsonl#7',
      },
    ]);
  });

  it('skips disabled banks, and matches them again once enabled', () => {
    const a = entry(EN.cookingA, 'BANK_A');
    const b = entry(EN.cookingA, 'BANK_B');
    const index = createTextBankIndex({ normalize, entries: [a, b], disabledBanks: ['BANK_B'] });
    expect(index.match(EN.cookingA).map((m) => m.bank)).toEqual(['BANK_A']);
    index.setBankEnabled('BANK_A', false);
    expect(index.match(EN.cookingA)).toEqual([]);
    index.setBankEnabled('BANK_A', true);
    index.setBankEnabled('BANK_B', true);
    expect(index.match(EN.cookingA).map((m) => m.bank)).toEqual(['BANK_A', 'BANK_B']);
  });

  it('removes and replaces entries, and caps the matches per text', () => {
    const entries = Array.from({ length: 15 }, (_, n) => ({
      ...entry(EN.weatherA),
      id: `w${String(n).padStart(2, '0')}`,
    }));
    const index = createTextBankIndex({ normalize, entries, maxMatches: 4 });
    expect(index.size).toBe(15);
    expect(index.match(EN.weatherA).map((m) => m.entryId)).toEqual(['w00', 'w01', 'w02', 'w03']);
    expect(index.remove('w00')).toBe(true);
    expect(index.remove('w00')).toBe(false);
    index.add({ ...entry(EN.sportsB), id: 'w01' });
    expect(index.match(EN.weatherA).map((m) => m.entryId)).toEqual(['w02', 'w03', 'w04', 'w05']);
    expect(index.match(EN.sportsB).map((m) => m.entryId)).toEqual(['w01']);
    expect(index.size).toBe(14);
  });

  it('refuses an entry whose value is not an mh1 signature', () => {
    const index = createTextBankIndex({ normalize });
    expect(() => index.add({ id: 'x', bank: 'B', value: 'd41d8cd98f00b204e9800998ecf8427e' })).toThrow(
      expect.objectContaining({ code: 'INPUT_INVALID' }),
    );
    expect(index.size).toBe(0);
    expect(index.match(EN.weatherA)).toEqual([]);
  });

  it('uses the normaliser it is given, for banking and matching alike', () => {
    const identity = (t: string) => t;
    const value = signForBank(EN.weatherA, identity);
    if (!('value' in value)) throw new Error('unexpected');
    const index = createTextBankIndex({ normalize: identity, entries: [{ id: 'raw', bank: 'B', value: value.value }] });
    expect(index.match(EN.weatherA)).toHaveLength(1);
    // Without folding, upper case and zero-width characters make a different text.
    expect(index.match(zeroWidth(EN.weatherA.toUpperCase()))).toEqual([]);
    expect(index.matchNormalized(normalize(EN.weatherA))[0]?.similarity).toBeLessThan(1);
  });
});

describe('text bank: built from stored entries', () => {
  it('keeps only what a match reports when given a whole stored entry', () => {
    const stored = {
      ...entry(EN.cookingB, 'STORED'),
      signalType: 'text-minhash',
      addedBy: 'cli',
      addedAt: '2024-01-01T00:00:00Z',
    };
    const index = createTextBankIndex({ normalize, entries: [stored] });
    expect(index.match(EN.cookingB)).toEqual([
      { bank: 'STORED', entryId: stored.id, similarity: 1, source: stored.source },
    ]);
  });
});
