import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REFERRAL_CSV_COLUMNS } from '../../actions/index.js';
import { cliDatabase, openTestStore } from '../testing/cli-database.js';
import { commandRunner } from './command-runner.js';
import { registerReferrals } from './referrals.js';

/** `rasd referrals build|export`, in-process, on a temporary SQLite file (or PostgreSQL database). */

const dir = mkdtempSync(join(tmpdir(), 'rasd-referrals-cmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rasd = commandRunner(registerReferrals);

const SHA = 'a'.repeat(64);

describe('rasd referrals', () => {
  it('builds the due batches once, audits each, and exports them as JSON and CSV', async () => {
    const db = await cliDatabase(join(dir, 'referrals.db'));
    const store = await openTestStore(db);
    for (const [n, decidedAt] of ['2024-05-01T10:05:00.000Z', '2024-05-01T10:40:00.000Z'].entries()) {
      await store.queueReferral(
        {
          decisionId: `case-${n}@${decidedAt}`,
          decidedAt,
          platform: 'telegram',
          chat: { id: '-1001', username: 'somechannel' },
          messageId: String(n + 1),
          category: 'praise',
          evidence: { sha256: [SHA] },
        },
        decidedAt,
      );
    }
    await store.close();

    const built = await rasd(['referrals', 'build', '--interval-minutes', '60', '--db', db]);
    expect(built).toMatch(/^ref_telegram_20240501T1000_[0-9a-f]{8}\ttelegram\t2 items\n1 batches built\n$/);
    expect(await rasd(['referrals', 'build', '--db', db])).toBe('0 batches built\n');
    const batchId = built.split('\t')[0] as string;

    const json = JSON.parse(await rasd(['referrals', 'export', batchId, '--format', 'json', '--db', db]));
    expect(json).toMatchObject({
      batchId,
      platform: 'telegram',
      itemCount: 2,
      items: [
        { itemLink: 'https://t.me/somechannel/1', evidence: { sha256: [SHA] } },
        { itemLink: 'https://t.me/somechannel/2' },
      ],
    });
    const csv = (await rasd(['referrals', 'export', batchId, '--format', 'csv', '--db', db])).trim().split(/\r?\n/);
    expect(csv[0]).toBe(REFERRAL_CSV_COLUMNS.join(','));
    expect(csv).toHaveLength(3);
    expect(csv[1]).toContain('https://t.me/somechannel/1');
    await expect(rasd(['referrals', 'export', batchId, '--format', 'xml', '--db', db])).rejects.toThrow(/json or csv/);
    await expect(rasd(['referrals', 'export', 'ref_none', '--db', db])).rejects.toThrow(/no referral batch/);

    const reopened = await openTestStore(db);
    const audit = (await reopened.listAudit({ limit: 10 })).rows.filter((e) => e.action !== 'setting.change');
    expect(audit).toMatchObject([{ action: 'referral.batch', target: batchId, details: { items: 2 } }]);
    expect(await reopened.listReferralOutcomes({ batchId })).toHaveLength(2);
    await reopened.close();
  });
});
