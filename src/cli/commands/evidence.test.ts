import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { itemKey } from '../../core/index.js';
import { makeItem } from '../../storage/contract/fixtures.js';
import { cliDatabase, openTestStore } from '../testing/cli-database.js';
import { registerAudit } from './audit.js';
import { commandRunner } from './command-runner.js';
import { registerEvidence } from './evidence.js';

/** `rasd evidence list|purge` and `rasd audit verify`, in-process, on a temporary SQLite file (or PostgreSQL database). */

const dir = mkdtempSync(join(tmpdir(), 'rasd-evidence-cmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TEXT = 'synthetic benign filler';

const rasd = commandRunner(registerEvidence, registerAudit);

async function seed(path: string, purgeAfter: readonly string[]): Promise<void> {
  const store = await openTestStore(path);
  for (const [n, after] of purgeAfter.entries()) {
    const item = makeItem({ chatId: `-100${n}`, text: `${TEXT} ${n}` });
    await store.preserveEvidence({
      caseId: `case-${n}`,
      itemKey: itemKey(item),
      item,
      decision: { caseId: `case-${n}`, outcome: 'remove', reviewer: 'ana', decidedAt: '2019-07-01T00:00:00.000Z' },
      media: [],
      preservedAt: '2019-07-01T00:00:00.000Z',
      purgeAfter: after,
    });
  }
  await store.close();
}

describe('rasd evidence', () => {
  it('lists, dry-runs, purges only what is due, audits each run, and never prints content', async () => {
    const db = await cliDatabase(join(dir, 'evidence.db'));
    await seed(db, ['2020-01-01T00:00:00.000Z', '2024-06-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z']);
    const listed = await rasd(['evidence', 'list', '--db', db]);
    expect(listed).toMatch(/^#1\tcase-0\t/);
    expect(listed).toContain('3 records\n');
    expect(listed).not.toContain(TEXT);

    expect(await rasd(['evidence', 'purge', '--dry-run', '--now', '2100-01-01T00:00:00Z', '--db', db])).toBe(
      'dry run: 3 records due as of 2100-01-01T00:00:00.000Z; nothing deleted\n',
    );
    await expect(rasd(['evidence', 'purge', '--now', '2100-01-01T00:00:00Z', '--db', db])).rejects.toThrow(
      /later than now/,
    );
    expect(await rasd(['evidence', 'list', '--db', db])).toContain('3 records\n');

    expect(await rasd(['evidence', 'purge', '--now', '2022-01-01T00:00:00Z', '--db', db])).toBe(
      'purged 1 of 1 records due as of 2022-01-01T00:00:00.000Z; audit entry #2\n',
    );
    expect(await rasd(['evidence', 'purge', '--db', db])).toMatch(
      /^purged 1 of 1 records due as of .*; audit entry #3\n$/,
    );
    const left = await rasd(['evidence', 'list', '--limit', '5', '--db', db]);
    expect(left).toMatch(/^#3\tcase-2\t.*purge after 2099-01-01T00:00:00.000Z\tmedia 0\n1 records\n$/);
    expect(await rasd(['audit', 'verify', '--db', db])).toMatch(/^audit log OK: 3 entries, head [0-9a-f]{64}\n$/);

    const store = await openTestStore(db);
    // The first writing command also recorded the effective settings (setting.change).
    const audit = (await store.listAudit({ limit: 10 })).rows.filter((e) => e.action !== 'setting.change');
    await store.close();
    expect(audit.map((e) => [e.action, e.reason, e.details.count, e.target])).toEqual([
      ['evidence.purge', 'retention elapsed', 1, 'evidence #1..#1'],
      ['evidence.purge', 'retention elapsed', 1, 'evidence #2..#2'],
    ]);
    expect(audit[0]?.actor).toMatch(/^cli:/);
  });
});
