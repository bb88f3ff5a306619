import { describe, expect, it } from 'vitest';
import type { LineageCandidate } from '../../analysis/network-types.js';
import { DEFAULT_POLICY_PATH } from '../../config/index.js';
import { type Item, itemSchema, Registry } from '../../core/index.js';
import { loadPolicy } from '../policy/index.js';
import { createScanner } from '../scanner.js';
import { type LineageView, lineageProvider } from './lineage.js';

const item = (chatId: string, messageId: string): Item =>
  itemSchema.parse({
    chat: { id: chatId, username: `chat_${chatId.replace('-', '')}`, type: 'channel' },
    messageId,
    postedAt: '2026-01-10T09:00:00Z',
    text: 'the market opens at nine',
  });

const candidate = (score: number): LineageCandidate => ({
  closed: 'chat:-1001',
  candidate: 'chat:-1002',
  score,
  reasons: [
    { factor: 'name', value: 0.9, detail: 'handle @nashir_news2 is like @nashir_news' },
    { factor: 'timing', value: 1, detail: 'first seen 1 day after the closure' },
  ],
});

/** A network where chat -1002 succeeds the closed chat -1001 and nothing else does. */
const view = (score: number): LineageView => ({
  lineageFor: (i) => (i.chat.id === '-1002' ? candidate(score) : undefined),
});

describe('lineage provider with the default policy', () => {
  const policy = loadPolicy(DEFAULT_POLICY_PATH);
  const scan = (v: LineageView, i: Item) =>
    createScanner({ providers: new Registry('p', [lineageProvider(v)]), policy }).scan(i);

  it("sends a likely successor's items to review, with the closed chat and the factors as evidence", async () => {
    const { assessment } = await scan(view(0.8), item('-1002', '5'));
    expect(assessment.verdict).toBe('review');
    expect(assessment.rules).toEqual(['lineage-successor']);
    expect(assessment.needsReview).toBe(true);
    const [signal] = assessment.signals;
    expect(signal).toMatchObject({ provider: 'lineage', kind: 'lineage', score: 0.8 });
    expect(signal?.evidence).toEqual([
      { type: 'entry', entry: 'chat:-1001', source: 'closed-chat' },
      { type: 'feature', name: 'name', weight: 0.9 },
      { type: 'feature', name: 'timing', weight: 1 },
    ]);
  });

  it('never finds an item violating on lineage alone', async () => {
    const { assessment } = await scan(view(1), item('-1002', '6'));
    expect(assessment.verdict).toBe('review');
    expect(assessment.requestedActions).toEqual([]);
  });

  it("leaves an unrelated chat's items clear, without a lineage signal", async () => {
    const { assessment } = await scan(view(0.8), item('-1003', '7'));
    expect(assessment.verdict).toBe('clear');
    expect(assessment.signals).toEqual([]);
  });
});
