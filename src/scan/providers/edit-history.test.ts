import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_PATH } from '../../config/index.js';
import { type Assessment, type DecisionOutcome, type Item, itemKey, Registry } from '../../core/index.js';
import {
  caseOpened,
  makeAssessment,
  makeBatch,
  makeCase,
  makeItem,
  makeViolating,
  minutesAfter,
} from '../../storage/contract/fixtures.js';
import type { Store } from '../../storage/ports.js';
import { freshStore } from '../../storage/testing/store-under-test.js';
import { loadPolicy } from '../policy/index.js';
import { createScanner } from '../scanner.js';
import { editHistoryProvider } from './edit-history.js';
import { testMarkerProvider } from './test-marker.js';

/**
 * The provider through the scanner with the default policy and a real store: earlier versions
 * are stored with their assessments (and cases decided through the review store), then the edit
 * is scanned.
 */
let store: Store;
let lookups: number;
beforeEach(async () => {
  store = await freshStore();
  lookups = 0;
});
afterEach(async () => {
  await store.close();
});

const policy = loadPolicy(DEFAULT_POLICY_PATH);
const scan = (item: Item) => {
  const provider = editHistoryProvider((i) => {
    lookups++;
    return store.listItemVersions(i.platform, i.chat.id, i.messageId);
  });
  return createScanner({ providers: new Registry('p', [testMarkerProvider, provider]), policy }).scan(item);
};

const message = (version: number, text = 'the market opens at nine') =>
  makeItem({ chatId: '1234567890', messageId: '500', version, text });

async function storeVersion(item: Item, assessment: Assessment, decision?: DecisionOutcome): Promise<void> {
  if (decision === undefined) {
    await store.saveBatch(makeBatch({ items: [item], assessments: [assessment] }));
    return;
  }
  const c = makeCase(itemKey(item));
  await store.saveBatch(
    makeBatch({ items: [item], assessments: [assessment], cases: [c], caseEvents: [caseOpened(c)] }),
  );
  const decided = { caseId: c.id, outcome: decision, reviewer: 'ana', decidedAt: minutesAfter(90) };
  await store.appendReviewEvents({
    caseId: c.id,
    routing: { queue: 'default', category: 'praise', lang: 'en', org: '', graphic: false, rank: 1 },
    expectedVersion: 1,
    events: [
      {
        key: `decide-${c.id}`,
        event: { type: 'decision.recorded', caseId: c.id, at: decided.decidedAt, decision: decided },
      },
    ],
    projection: {
      status: 'decided',
      appealed: false,
      barred: [],
      pendingBankAdds: [],
      decision: decided,
      version: 2,
      updatedAt: decided.decidedAt,
    },
  });
}

describe('edit-history provider with the default policy', () => {
  it('an edit of a message scanned clear goes to the edits queue, naming the earlier version', async () => {
    const first = message(0);
    await storeVersion(first, makeAssessment(first));
    const { assessment } = await scan(message(1_700_000_100, 'the market opens at ten'));
    expect(assessment).toMatchObject({
      verdict: 'review',
      rules: ['edit-after-approval'],
      severity: 'medium',
      needsReview: true,
      tactics: ['edit-after-scan'],
    });
    expect(assessment.signals).toEqual([
      {
        provider: 'edit-history',
        kind: 'tactic',
        tactic: 'edit-after-scan',
        score: 0.7,
        label: 'edit-after-clear-scan',
        evidence: [{ type: 'entry', entry: itemKey(first), source: 'scan:clear' }],
        version: 'edit-history@1',
      },
    ]);
  });

  it('an edit after a reviewer kept the message is the firmer signal', async () => {
    const first = message(0);
    await storeVersion(first, makeViolating(first), 'keep');
    const { assessment, outcome } = await scan(message(1_700_000_100));
    expect(outcome.queue).toBe('edits');
    expect(assessment.signals[0]).toMatchObject({
      score: 1,
      label: 'edit-after-approval',
      evidence: [{ type: 'entry', entry: itemKey(first), source: 'keep' }],
    });
  });

  it('adds nothing to an edit of a message never passed (flagged, or removed by a reviewer)', async () => {
    const first = message(0);
    await storeVersion(first, makeViolating(first, { needsReview: false }));
    expect((await scan(message(1_700_000_100))).assessment).toMatchObject({ verdict: 'clear', signals: [] });
    const other = makeItem({ chatId: '1234567890', messageId: '501', version: 0 });
    await storeVersion(other, makeAssessment(other), 'remove');
    const edit = makeItem({ chatId: '1234567890', messageId: '501', version: 1_700_000_200 });
    expect((await scan(edit)).assessment.signals).toEqual([]);
  });

  it('an edit that brings in takedown content is still violating, with the edit signal beside it', async () => {
    const first = message(0);
    await storeVersion(first, makeAssessment(first));
    const { assessment } = await scan(message(1_700_000_100, 'the market opens RASD-TEST-MARKER'));
    expect(assessment.verdict).toBe('violating');
    expect(assessment.requestedActions).toEqual(['delete']);
    expect(assessment.rules).toEqual(expect.arrayContaining(['test-marker', 'edit-after-approval']));
  });

  it('looks nothing up for version 0, and answers synchronously', async () => {
    const outcome = scan(message(0));
    expect(outcome).not.toBeInstanceOf(Promise);
    expect(lookups).toBe(0);
    expect((await outcome).assessment.signals).toEqual([]);
  });

  it('ignores later versions than the one scanned (a re-import of an older version)', async () => {
    const later = message(1_700_000_500);
    await storeVersion(later, makeAssessment(later));
    expect((await scan(message(1_700_000_100))).assessment.signals).toEqual([]);
    expect(lookups).toBe(1);
  });
});
