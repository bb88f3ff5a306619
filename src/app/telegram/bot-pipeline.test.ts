import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BASE_DATE,
  edited,
  editedMessageUpdate,
  groupMessage,
  messageUpdate,
} from '../../connectors/telegram/bot-api/testing/bot-updates.js';
import {
  adminMember,
  type FakeBotApi,
  startFakeBotApi,
} from '../../connectors/telegram/bot-api/testing/fake-bot-api.js';
import type { Action } from '../../core/index.js';
import { createLoggers } from '../../logger.js';
import type { AppContext } from '../context.js';
import { createContext } from '../create-context.js';
import { databaseFor } from '../testing.js';
import { startTelegramBot, type TelegramBotRuntime } from './telegram-runtime.js';

/**
 * End to end on one machine: the real context (temp SQLite file or PostgreSQL database, in-process
 * queue, the shipped policy), the Bot API moderator against a local server that speaks the Bot API,
 * the live intake scanning in process and the action runner. The fake serves a group message
 * carrying Rasd's harmless test marker (the default policy asks for a delete) and a neutral one.
 */
const GROUP_BOT_API_ID = '-1001234567890';
const GROUP = '1234567890';
const MARKED = 'the market opens RASD-TEST-MARKER';
const NEUTRAL = 'the market opens at nine';

let dir: string;
let fake: FakeBotApi;
let ctx: AppContext | undefined;
let runtime: TelegramBotRuntime | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rasd-bot-pipeline-'));
  fake = await startFakeBotApi();
  vi.stubEnv('RASD_TELEGRAM_BOT_TOKEN', fake.token);
});
afterEach(async () => {
  await runtime?.stop();
  await ctx?.close();
  runtime = undefined;
  ctx = undefined;
  vi.unstubAllEnvs();
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

async function start(options: { dryRun?: boolean } = {}): Promise<AppContext> {
  ctx = await createContext({
    db: { url: await databaseFor(join(dir, 'rasd.db')) },
    telegram: { mediaDir: join(dir, 'media'), bot: { apiRoot: fake.url } },
  });
  runtime = await startTelegramBot(ctx, {
    log: createLoggers('silent').ingest,
    pollTimeoutSeconds: 1,
    actionIntervalMs: 100,
    ...options,
  });
  return ctx;
}

const keyOf = (messageId: number, version = 0) => `telegram/${GROUP}/${messageId}/${version}`;

async function actionOf(context: AppContext, key: string): Promise<Action | undefined> {
  return (await context.store.listItemActions(key)).find((a) => a.kind === 'delete');
}

/** Waits until the item's delete action leaves `requested` and returns it. */
async function settledAction(context: AppContext, key: string): Promise<Action> {
  await expect
    .poll(async () => (await actionOf(context, key))?.status, { timeout: 20_000, interval: 100 })
    .toMatch(/^(confirmed|failed|dry-run)$/);
  return (await actionOf(context, key)) as Action;
}

describe('the Bot API moderator in the pipeline', () => {
  it('deletes the marked message, leaves the neutral one, and deletes the neutral one once an edit marks it', async () => {
    fake.setRights(GROUP_BOT_API_ID, adminMember(fake.bot, { can_delete_messages: true, can_restrict_members: true }));
    const neutral = groupMessage(2, { text: NEUTRAL });
    fake.enqueue(messageUpdate(groupMessage(1, { text: MARKED })));
    fake.enqueue(messageUpdate(neutral));
    const startedAt = Date.now();
    const context = await start();

    const action = await settledAction(context, keyOf(1));
    expect(action).toMatchObject({ status: 'confirmed', target: 'telegram', attempts: 1 });
    expect(action.outcome).toContain(GROUP);
    // Confirmed by the attempt that deleted it, during this test.
    expect(action.confirmedAt).toBe(action.lastAttemptAt);
    expect(Date.parse(action.confirmedAt ?? '')).toBeGreaterThanOrEqual(startedAt - 1000);
    expect(Date.parse(action.confirmedAt ?? '')).toBeLessThanOrEqual(Date.now());
    expect(fake.callsOf('deleteMessage').map((c) => [String(c.params.chat_id), Number(c.params.message_id)])).toEqual([
      [GROUP_BOT_API_ID, 1],
    ]);
    await expect
      .poll(async () => (await context.store.getAssessment(keyOf(2)))?.verdict, { timeout: 20_000 })
      .toBe('clear');
    expect(await context.store.listItemActions(keyOf(2))).toEqual([]);
    expect((await context.store.getModeratedChat(GROUP))?.rights).toMatchObject({ canDeleteMessages: true });

    const editDate = BASE_DATE + 5_000;
    fake.enqueue(editedMessageUpdate(edited(neutral, editDate, MARKED)));
    const editAction = await settledAction(context, keyOf(2, editDate));
    expect(editAction.status).toBe('confirmed');
    expect(fake.callsOf('deleteMessage').map((c) => Number(c.params.message_id))).toEqual([1, 2]);
    const assessment = await context.store.getAssessment(keyOf(2, editDate));
    expect(assessment?.rules).toEqual(expect.arrayContaining(['test-marker', 'edit-after-approval']));
  });

  it('in dry-run records what it would do and calls nothing', async () => {
    fake.setRights(GROUP_BOT_API_ID, adminMember(fake.bot, { can_delete_messages: true }));
    fake.enqueue(messageUpdate(groupMessage(1, { text: MARKED })));
    const context = await start({ dryRun: true });
    const action = await settledAction(context, keyOf(1));
    expect(action.status).toBe('dry-run');
    expect(action.outcome).toContain('deleteMessage');
    expect(fake.callsOf('deleteMessage')).toEqual([]);
  });

  it('without the right, the action fails with a sentence naming the right', async () => {
    fake.setRights(GROUP_BOT_API_ID, adminMember(fake.bot, { can_delete_messages: false }));
    fake.enqueue(messageUpdate(groupMessage(1, { text: MARKED })));
    const context = await start();
    const action = await settledAction(context, keyOf(1));
    expect(action.status).toBe('failed');
    expect(action.outcome).toMatch(/Delete messages/);
    expect((await context.store.getModeratedChat(GROUP))?.rights.canDeleteMessages).toBe(false);
  });
});
