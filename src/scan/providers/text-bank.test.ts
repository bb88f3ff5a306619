import { describe, expect, it } from 'vitest';
import type { Item, Signal } from '../../core/index.js';
import { EN } from '../../match/fixtures/texts.js';
import { createTextBankIndex, defaultTextBankNormalize as normalize, signForBank } from '../../match/index.js';
import { extractScanInput } from '../extract.js';
import { textBankProvider } from './text-bank.js';

const item = (text: string): Item => ({
  platform: 'telegram',
  chat: { id: '-100', type: 'channel' },
  messageId: '1',
  version: 0,
  postedAt: '2024-03-01T12:00:00Z',
  text,
  entities: [],
  media: [],
});

function value(text: string): string {
  const signed = signForBank(text, normalize);
  if (!('value' in signed)) throw new Error('fixture too short');
  return signed.value;
}

describe('text-bank provider', () => {
  const index = createTextBankIndex({
    normalize,
    entries: [
      { id: 'be_1', bank: 'EXAMPLE_BANK', value: value(EN.cookingA), org: 'example-org', category: 'praise' },
      { id: 'be_2', bank: 'OTHER_BANK', value: value(EN.sportsA), category: 'not-a-category' },
    ],
  });
  const provider = textBankProvider(index, 'banks-7');
  /** The provider answers synchronously: an in-memory index needs no waiting. */
  const signalsOf = (text: string): Signal[] => provider.provide(extractScanInput(item(text))) as Signal[];

  it('emits a bank-match signal scored by similarity, naming the entry and its bank', () => {
    const reposted = `Forwarded\n${EN.cookingA.replace('lentil soup', 'lentil stew')}`;
    const signals = signalsOf(reposted);
    expect(signals).toHaveLength(1);
    const s = signals[0] as Signal;
    expect(s).toMatchObject({
      provider: 'text-bank',
      kind: 'bank-match',
      org: 'example-org',
      category: 'praise',
      label: 'text-minhash',
      version: 'text-bank@banks-7',
      evidence: [{ type: 'entry', entry: 'be_1', source: 'EXAMPLE_BANK' }],
    });
    expect(s.score).toBeGreaterThan(0.5);
    expect(s.score).toBeLessThan(1);
    expect(s.evidence[0]).toMatchObject({ distance: 1 - s.score });
  });

  it('leaves off a category outside the taxonomy, and says nothing about unrelated text', () => {
    const [s] = signalsOf(EN.sportsA);
    expect(s?.score).toBe(1);
    expect(s).not.toHaveProperty('category');
    expect(signalsOf(EN.weatherB)).toEqual([]);
    expect(signalsOf('')).toEqual([]);
  });

  it('can match the text the pipeline normalised already', () => {
    const shared = textBankProvider(index, 'banks-7', { useScanNormalized: true });
    const base = extractScanInput(item(EN.cookingA));
    const input = { ...base, normalized: { ...base.normalized, text: normalize(EN.cookingA) } };
    expect((shared.provide(input) as Signal[]).map((s) => s.score)).toEqual([1]);
    const unnormalised = extractScanInput(item(EN.cookingA.toUpperCase()));
    expect(shared.provide(unnormalised)).toEqual([]);
    expect((provider.provide(unnormalised) as Signal[]).map((s) => s.score)).toEqual([1]);
  });

  it('declares its id, kinds and version', () => {
    expect(provider).toMatchObject({ id: 'text-bank', kinds: ['bank-match'], version: 'text-bank@banks-7' });
  });
});
