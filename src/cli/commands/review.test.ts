import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { type CaseEvent, type DecisionOutcome, itemKey } from '../../core/index.js';
import { trainingRowSchema } from '../../detect/text/classifier/index.js';
import { claimCase, decideCase, enrolCase, runCaseCommand } from '../../review/cases/index.js';
import { caseOpened, makeAssessment, makeBatch, makeCase, makeItem } from '../../storage/contract/fixtures.js';
import { cliDatabase, openTestStore } from '../testing/cli-database.js';
import { commandRunner } from './command-runner.js';
import { registerReview } from './review.js';
import { registerTrain } from './train.js';

const dir = mkdtempSync(join(tmpdir(), 'rasd-review-cmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rasd = commandRunner(registerReview, registerTrain);

const NOW = new Date('2026-03-01T10:00:00.000Z');

/** Synthetic, harmless texts; which label each gets is all the test cares about. */
async function seed(path: string, outcomes: { outcome: DecisionOutcome; category: 'praise' | 'news' }[]) {
  const store = await openTestStore(path);
  const items = outcomes.map((_, n) => makeItem({ chatId: `-100${n}`, text: `synthetic sample number ${n}` }));
  const cases = items.map((i) => makeCase(itemKey(i)));
  await store.saveBatch(
    makeBatch({ items, assessments: items.map((i) => makeAssessment(i)), cases, caseEvents: cases.map(caseOpened) }),
  );
  for (const [n, c] of cases.entries()) {
    const { outcome, category } = outcomes[n] ?? { outcome: 'keep', category: 'news' };
    const routing = { queue: 'q', category, lang: 'en', org: '', graphic: false, rank: 1 };
    await enrolCase(store, c.id, routing, caseOpened(c) as Extract<CaseEvent, { type: 'case.opened' }>);
    await runCaseCommand(store, c.id, (s) => claimCase(s, { reviewer: 'ana', now: NOW, ttlMs: 60_000 }));
    const decided = await runCaseCommand(store, c.id, (s) =>
      decideCase(s, { reviewer: 'ana', outcome, category, now: NOW }),
    );
    if (!decided.ok) throw new Error(decided.detail);
  }
  await store.close();
}

describe('rasd review export', () => {
  it('writes decisions as training rows that rasd train accepts; escalations are left out', async () => {
    const db = await cliDatabase(join(dir, 'review.db'));
    const outcomes = Array.from({ length: 24 }, (_, n) =>
      n % 2 === 0
        ? { outcome: 'remove' as const, category: 'praise' as const }
        : { outcome: 'keep' as const, category: 'news' as const },
    );
    await seed(db, [...outcomes, { outcome: 'escalate', category: 'praise' }]);
    const file = join(dir, 'decisions.jsonl');
    expect(await rasd(['review', 'export', '--out', file, '--db', db])).toBe(`exported 24 decisions → ${file}\n`);
    const rows = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    expect(rows).toHaveLength(24);
    for (const row of rows) expect(trainingRowSchema.parse(row)).toEqual(row);
    expect(rows.filter((r) => (r as { label: string }).label === 'tvec')).toHaveLength(12);
    expect(rows[0]).toMatchObject({ source: 'rasd-review', quality: 'gold', lang: 'en' });
    const model = join(dir, 'model');
    expect(
      await rasd(['train', '--data', file, '--out', model, '--seed', '1', '--epochs', '1', '--feature-bits', '10']),
    ).toMatch(/trained .* on 24 rows \(0 skipped\)/);
    expect(existsSync(join(model, 'model.json'))).toBe(true);
  });
});
