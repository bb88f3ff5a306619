import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFakeBotApi } from '../../connectors/telegram/bot-api/testing/fake-bot-api.js';
import { itemKey } from '../../core/index.js';
import { makeAction, makeAssessment, makeBatch, makeItem } from '../../storage/contract/fixtures.js';
import { cliDatabase, openTestStore } from '../testing/cli-database.js';
import { registerTelegram } from './telegram.js';

/**
 * `rasd telegram bot` and `requeue-dry-run` run in process (the CLI's action, a temp database —
 * a SQLite file, or PostgreSQL in the `cli-on-postgres` project — a local stand-in for the Bot
 * API): what a service manager sees when Telegram ends the bot's polling, and a dry run's
 * actions set back to requested.
 */
let dir: string;
let stderr: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rasd-telegram-run-'));
  stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

/** The database this test's commands use: `dir/x.db`, or the PostgreSQL database standing for it. */
const database = () => cliDatabase(join(dir, 'x.db'));

async function rasd(args: string[]): Promise<unknown> {
  const program = new Command().exitOverride();
  registerTelegram(program);
  return program.parseAsync(['telegram', ...args, '--db', await database()], { from: 'user' });
}

describe('rasd telegram bot, in process', { timeout: 60_000 }, () => {
  it('stops and fails (exit non-zero) when Telegram revokes the token while it polls, without printing it', async () => {
    const fake = await startFakeBotApi();
    try {
      vi.stubEnv('RASD_TELEGRAM_BOT_TOKEN', fake.token);
      vi.stubEnv('RASD_TELEGRAM_BOT_API_ROOT', fake.url);
      fake.failNext('getUpdates', { error_code: 401, description: 'Unauthorized' });
      const failure = await rasd(['bot']).then(
        () => undefined,
        (error: unknown) => error as Error,
      );
      expect(failure, stderr).toMatchObject({ code: 'TELEGRAM_SESSION_INVALID' });
      expect(`${failure?.message} ${stderr}`).not.toContain(fake.token);
      expect(stderr).toContain('telegram bot running');
    } finally {
      await fake.close();
    }
  });
});

describe('rasd telegram requeue-dry-run, in process', { timeout: 60_000 }, () => {
  it('sets the dry-run actions from --since on back to requested, audited, and refuses a bad time', async () => {
    const store = await openTestStore(await database());
    const items = [makeItem(), makeItem()];
    await store.saveBatch(makeBatch({ items, assessments: items.map((i) => makeAssessment(i)) }));
    const [old, recent] = items.map((item, n) =>
      makeAction(itemKey(item), {
        status: 'dry-run',
        attempts: 1,
        requestedAt: n === 0 ? '2026-05-01T08:00:00.000Z' : '2026-05-03T08:00:00.000Z',
      }),
    );
    for (const action of [old, recent]) if (action) await store.requestAction(action);
    await store.close();

    await expect(rasd(['requeue-dry-run', '--since', 'last tuesday'])).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await rasd(['requeue-dry-run', '--since', '2026-05-02T00:00:00Z', '--reason', 'dry run reviewed']);
    expect(stderr).toContain('1 dry-run action(s) requested again');

    const after = await openTestStore(await database());
    try {
      expect(await after.getAction(old?.id ?? '')).toMatchObject({ status: 'dry-run', attempts: 1 });
      expect(await after.getAction(recent?.id ?? '')).toMatchObject({ status: 'requested', attempts: 0 });
      const audit = (await after.listAudit({ limit: 10 })).rows.filter((e) => e.action === 'action.requeue');
      expect(audit).toMatchObject([{ target: recent?.id, reason: 'dry run reviewed' }]);
    } finally {
      await after.close();
    }
  });
});
