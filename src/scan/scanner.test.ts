import { describe, expect, it } from 'vitest';
import { type Item, itemSchema, Registry } from '../core/index.js';
import { parsePolicy } from './policy/index.js';
import type { SignalProvider } from './provider.js';
import { testMarkerProvider } from './providers/test-marker.js';
import { createScanner } from './scanner.js';

const policy = parsePolicy({
  id: 'p',
  version: '7',
  rules: [
    {
      id: 'marker',
      when: { signal: { kind: 'test-marker', minScore: 0.9 } },
      verdict: 'violating',
      category: 'from-signals',
      actions: ['delete'],
    },
    { id: 'weak', when: { signal: { kind: 'test-marker', maxScore: 0.9 } }, verdict: 'review' },
  ],
});

const item = (text: string, entities: Item['entities'] = []): Item =>
  itemSchema.parse({ chat: { id: '-100' }, messageId: '1', postedAt: '2024-10-01T00:00:00Z', text, entities });

const broken: SignalProvider = {
  id: 'broken',
  kinds: ['classifier'],
  version: '0',
  provide: () => {
    throw new Error('boom');
  },
};
const slow: SignalProvider = {
  id: 'slow',
  kinds: ['lexicon'],
  version: '2',
  provide: async () => [{ provider: 'slow', kind: 'lexicon', score: 0.4, org: 'demo-org', evidence: [], version: '2' }],
};

describe('scanner', () => {
  it('produces an assessment with verdict, rules, policy version and the item key', () => {
    const scanner = createScanner({ providers: new Registry('p', [testMarkerProvider]), policy });
    const out = scanner.scan(item('x RASD-TEST-MARKER:praise'));
    if (out instanceof Promise) throw new Error('sync providers must give a sync result');
    expect(out.assessment).toMatchObject({
      itemKey: 'telegram/-100/1/0',
      verdict: 'violating',
      categories: ['praise'],
      rules: ['marker'],
      policyVersion: 'p@7',
      requestedActions: ['delete'],
      needsReview: false,
    });
    expect(out.assessment.signals).toHaveLength(1);
  });

  it('keeps other providers’ signals when one provider throws, and reports the failure', async () => {
    const scanner = createScanner({ providers: new Registry('p', [broken, testMarkerProvider, slow]), policy });
    const out = await scanner.scan(item('RASD-TEST-MARKER:incitement:0.5'));
    expect(out.failures).toEqual([expect.objectContaining({ provider: 'broken', code: 'PROVIDER_FAILED' })]);
    expect(out.assessment.verdict).toBe('review');
    expect(out.assessment.orgs).toEqual(['demo-org']);
  });

  it('is clear for ordinary text', () => {
    const scanner = createScanner({ providers: new Registry('p', [testMarkerProvider]), policy });
    const out = scanner.scan(item('the weather is fine'));
    expect(out).not.toBeInstanceOf(Promise);
    expect((out as Exclude<typeof out, Promise<unknown>>).assessment.verdict).toBe('clear');
  });
});
