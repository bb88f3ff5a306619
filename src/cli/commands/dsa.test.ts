import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateDsaStatement } from '../../actions/index.js';
import { type CaseEvent, itemKey } from '../../core/index.js';
import { claimCase, decideCase, enrolCase, runCaseCommand } from '../../review/cases/index.js';
import { caseOpened, makeAssessment, makeBatch, makeCase, makeItem } from '../../storage/contract/fixtures.js';
import { cliDatabase, openTestStore } from '../testing/cli-database.js';
import { commandRunner } from './command-runner.js';
import { batchFileName, registerDsa } from './dsa.js';

/** `rasd dsa export`, in-process, on a temporary SQLite file (or PostgreSQL database). */

const dir = mkdtempSync(join(tmpdir(), 'rasd-dsa-cmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rasd = commandRunner(registerDsa);

/** Decided cases over structure-only items: `remove` on the given days, one `keep` on the first. */
async function seed(path: string, removalsByDay: Record<string, number>): Promise<void> {
  const store = await openTestStore(path);
  const days = Object.entries(removalsByDay).flatMap(([day, n]) => Array<string>(n).fill(day));
  const plan = [
    ...days.map((day) => ({ day, outcome: 'remove' as const })),
    { day: days[0], outcome: 'keep' as const },
  ];
  const items = plan.map((_, n) => makeItem({ chatId: `-100${n}`, text: `synthetic sample number ${n}` }));
  const cases = items.map((i) => makeCase(itemKey(i)));
  await store.saveBatch(
    makeBatch({ items, assessments: items.map((i) => makeAssessment(i)), cases, caseEvents: cases.map(caseOpened) }),
  );
  for (const [n, c] of cases.entries()) {
    const { day, outcome } = plan[n] as (typeof plan)[number];
    const now = new Date(`${day}T10:00:00.000Z`);
    const routing = { queue: 'q', category: 'praise', lang: 'en', org: '', graphic: false, rank: 1 };
    await enrolCase(store, c.id, routing, caseOpened(c) as Extract<CaseEvent, { type: 'case.opened' }>);
    await runCaseCommand(store, c.id, (s) => claimCase(s, { reviewer: 'ana', now, ttlMs: 60_000 }));
    const category = outcome === 'remove' ? 'praise' : 'news';
    const decided = await runCaseCommand(store, c.id, (s) =>
      decideCase(s, { reviewer: 'ana', outcome, category, now }),
    );
    if (!decided.ok) throw new Error(decided.detail);
  }
  await store.close();
}

describe('rasd dsa export', () => {
  it('writes the removals of a period as batches of at most 100 valid statements', async () => {
    const db = await cliDatabase(join(dir, 'dsa.db'));
    await seed(db, { '2026-03-01': 150, '2026-03-02': 55, '2026-03-05': 3 });

    const out = join(dir, 'statements.json');
    const said = await rasd(['dsa', 'export', '--from', '2026-03-01', '--to', '2026-03-02', '--out', out, '--db', db]);
    const files = [1, 2, 3].map((n) => join(dir, `statements-${n}.json`));
    expect(said).toBe(`205 statements in 3 files: ${files.join(' ')}\n`);
    expect(existsSync(out)).toBe(false);
    const batches = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as { statements: unknown[] });
    expect(batches.map((b) => b.statements.length)).toEqual([100, 100, 5]);
    const statements = batches.flatMap((b) => b.statements.map((s) => validateDsaStatement(s)));
    expect(new Set(statements.map((s) => s.puid)).size).toBe(205);
    expect(statements[0]).toMatchObject({ content_language: 'EN', automated_detection: 'Yes' });
    expect(readFileSync(files[0] as string, 'utf8')).not.toContain('synthetic sample');

    // One file when it fits; the last day alone; on stdout without --out, one body per line.
    const single = join(dir, 'single.json');
    expect(await rasd(['dsa', 'export', '--from', '2026-03-05', '--out', single, '--db', db])).toBe(
      `3 statements in 1 file: ${single}\n`,
    );
    expect((JSON.parse(readFileSync(single, 'utf8')) as { statements: unknown[] }).statements).toHaveLength(3);
    const lines = (await rasd(['dsa', 'export', '--to', '2026-03-01', '--db', db])).trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { statements: unknown[] }).statements.length)).toEqual([100, 50]);
    await expect(rasd(['dsa', 'export', '--from', '1 March', '--db', db])).rejects.toThrow(/YYYY-MM-DD/);
  });

  it('names batch files after the --out file', () => {
    expect(batchFileName('/tmp/out.json', 2)).toBe('/tmp/out-2.json');
    expect(batchFileName('/tmp/out', 1)).toBe('/tmp/out-1');
    expect(batchFileName('/tmp.d/out', 1)).toBe('/tmp.d/out-1');
  });
});
