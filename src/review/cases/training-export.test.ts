import { describe, expect, it } from 'vitest';
import type { Decision } from '../../core/index.js';
import { trainingRowSchema } from '../../detect/text/classifier/index.js';
import { decisionToTrainingRow } from './training-export.js';

const decision = (over: Partial<Decision>): Decision => ({
  caseId: 'c1',
  outcome: 'remove',
  reviewer: 'ana',
  decidedAt: '2026-03-01T10:00:00.000Z',
  ...over,
});
const item = { itemKey: 'telegram/-1001/42/0', text: 'synthetic sample text', lang: 'en' };

describe('decisions as training rows', () => {
  it('a removal with a violating category is a gold tvec row grouped by chat', () => {
    const row = decisionToTrainingRow({ ...item, decision: decision({ category: 'praise' }) });
    expect(row).toEqual({
      id: 'rasd-review:c1',
      text: 'synthetic sample text',
      label: 'tvec',
      category: 'praise',
      lang: 'en',
      source: 'rasd-review',
      group: 'telegram/-1001',
      quality: 'gold',
    });
    expect(trainingRowSchema.parse(row)).toEqual(row);
  });

  it('a keep is a benign row', () => {
    const row = decisionToTrainingRow({ ...item, lang: '', decision: decision({ outcome: 'keep', category: 'news' }) });
    expect(row).toMatchObject({ label: 'benign', category: 'news', lang: 'und' });
    expect(trainingRowSchema.safeParse(row).success).toBe(true);
  });

  it('escalations and removals without a violating category are not exported', () => {
    expect(
      decisionToTrainingRow({ ...item, decision: decision({ outcome: 'escalate', category: 'praise' }) }),
    ).toBeUndefined();
    expect(decisionToTrainingRow({ ...item, decision: decision({ category: 'news' }) })).toBeUndefined();
    expect(decisionToTrainingRow({ ...item, decision: decision({}) })).toBeUndefined();
  });
});
