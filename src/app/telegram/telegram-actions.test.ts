import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Action, type Item, itemKey } from '../../core/index.js';
import { makeAction, makeAssessment, makeBatch, makeItem } from '../../storage/contract/fixtures.js';
import type { Store } from '../../storage/ports.js';
import { freshStore } from '../testing.js';
import type { ModerationRequest, ModerationResult } from './moderation-port.js';
import { CLAIM_LEASE_MS, runTelegramActions } from './telegram-actions.js';

let store: Store;
beforeEach(async () => {
  store = await freshStore();
});
afterEach(async () => {
  await store.close();
});

const GROUP = '1234567890';
const T0 = new Date('2026-05-01T10:00:00.000Z');
const ADMIN = { status: 'administrator' as const, canDeleteMessages: true, canRestrictMembers: true };

/** A moderator that answers from a script and records what it was asked. */
function fakeModerator(answer: (request: ModerationRequest, dryRun: boolean) => ModerationResult) {
  const calls: { request: ModerationRequest; dryRun: boolean }[] = [];
  return {
    calls,
    moderate: async (request: ModerationRequest, options: { dryRun: boolean }) => {
      calls.push({ request, dryRun: options.dryRun });
      return answer(request, options.dryRun);
    },
  };
}
const confirmed = (request: ModerationRequest, dryRun: boolean): ModerationResult =>
  dryRun
    ? { status: 'dry-run', outcome: `dry run: would call ${request.kind}` }
    : { status: 'confirmed', outcome: `${request.kind} done in chat ${request.chatId}` };

async function requested(
  messageId: string,
  kind: Action['kind'] = 'delete',
  options: { chatId?: string; author?: string } = {},
): Promise<{ item: Item; action: Action }> {
  const item = makeItem({
    chatId: options.chatId ?? GROUP,
    messageId,
    author: { id: options.author ?? 'user5550001', name: 'Sam' },
  });
  await store.saveBatch(makeBatch({ items: [item], assessments: [makeAssessment(item)] }));
  const action = makeAction(itemKey(item), { kind, requestedAt: T0.toISOString() });
  await store.requestAction(action);
  return { item, action };
}

async function moderated(chatId = GROUP): Promise<void> {
  await store.saveModeratedChat({
    chatId,
    type: 'supergroup',
    title: 'Sample Group',
    rights: ADMIN,
    checkedAt: T0.toISOString(),
  });
}

describe('runTelegramActions', () => {
  it('deletes in a chat the bot moderates and records the confirmation, audited', async () => {
    await moderated();
    const { action } = await requested('7');
    const bot = fakeModerator(confirmed);
    const summary = await runTelegramActions(store, { moderate: bot.moderate, dryRun: false, now: () => T0 });
    expect(summary).toEqual({ confirmed: 1, failed: 0, dryRun: 0, retrying: 0 });
    expect(bot.calls).toEqual([
      { request: { kind: 'delete', chatId: GROUP, chatType: 'supergroup', messageId: '7' }, dryRun: false },
    ]);
    expect(await store.getAction(action.id)).toMatchObject({
      status: 'confirmed',
      attempts: 1,
      confirmedAt: T0.toISOString(),
      outcome: `delete done in chat ${GROUP}`,
    });
    const audit = (await store.listAudit({ limit: 10 })).rows.filter((e) => e.action === 'action.delete');
    expect(audit).toMatchObject([{ actor: 'system:telegram', target: action.id, details: { status: 'confirmed' } }]);
  });

  it('keeps an action in a chat the bot has no record of yet requested, then fails it after the last attempt, saying so', async () => {
    const { action } = await requested('8', 'delete', { chatId: '999' });
    const bot = fakeModerator(confirmed);
    let now = T0.getTime();
    const run = () =>
      runTelegramActions(store, { moderate: bot.moderate, dryRun: false, maxAttempts: 2, now: () => new Date(now) });
    expect(await run()).toMatchObject({ retrying: 1, failed: 0 });
    expect(await store.getAction(action.id)).toMatchObject({ status: 'requested', attempts: 1 });
    now += 60_000;
    expect(await run()).toMatchObject({ failed: 1 });
    expect(bot.calls).toEqual([]);
    const stored = await store.getAction(action.id);
    expect(stored).toMatchObject({ status: 'failed', attempts: 2 });
    expect(stored?.outcome).toContain('the bot has no record of chat 999');
  });

  it('carries out an action whose runner died after claiming it, once its claim has lapsed', async () => {
    await moderated();
    const { action } = await requested('8');
    // A runner claimed it and died before recording what Telegram said.
    expect(await store.claimAction(action.id, T0.toISOString())).toBe(true);
    const bot = fakeModerator(confirmed);
    const soon = new Date(T0.getTime() + CLAIM_LEASE_MS - 1000);
    expect(await runTelegramActions(store, { moderate: bot.moderate, dryRun: false, now: () => soon })).toMatchObject({
      confirmed: 0,
    });
    expect(bot.calls).toEqual([]);
    const later = new Date(T0.getTime() + CLAIM_LEASE_MS + 1000);
    const summary = await runTelegramActions(store, { moderate: bot.moderate, dryRun: false, now: () => later });
    expect(summary.confirmed).toBe(1);
    expect(bot.calls.map((c) => c.request.messageId)).toEqual(['8']);
    expect(await store.getAction(action.id)).toMatchObject({ status: 'confirmed', attempts: 2 });
  });

  it('fails an action in a chat the bot has left at once, without calling Telegram', async () => {
    await store.saveModeratedChat({
      chatId: GROUP,
      type: 'supergroup',
      rights: { status: 'left', canDeleteMessages: false, canRestrictMembers: false },
      checkedAt: T0.toISOString(),
    });
    const { action } = await requested('8');
    const bot = fakeModerator(confirmed);
    await runTelegramActions(store, { moderate: bot.moderate, dryRun: false, now: () => T0 });
    expect(bot.calls).toEqual([]);
    const stored = await store.getAction(action.id);
    expect(stored).toMatchObject({ status: 'failed', attempts: 1 });
    expect(stored?.outcome).toContain('the bot is not in chat');
  });

  it('does not act on an action another runner claimed, nor change one confirmed meanwhile', async () => {
    await moderated();
    const { action } = await requested('17');
    expect(await store.claimAction(action.id, T0.toISOString())).toBe(true);
    const bot = fakeModerator(confirmed);
    // The list was read before the other runner's claim: the stale copy is still "requested".
    const racing = new Proxy(store, {
      get: (target, key) =>
        key === 'listRequestedActions'
          ? async () => [action]
          : (Reflect.get(target, key) as (...args: unknown[]) => unknown).bind(target),
    });
    expect(await runTelegramActions(racing, { moderate: bot.moderate, dryRun: false, now: () => T0 })).toEqual({
      confirmed: 0,
      failed: 0,
      dryRun: 0,
      retrying: 0,
    });
    expect(bot.calls).toEqual([]);
    expect(await store.getAction(action.id)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('maps ban, restrict and ban-sender-chat to the sender, and refuses a ban without a user', async () => {
    await moderated();
    await requested('9', 'ban');
    await requested('10', 'restrict');
    await requested('11', 'ban-sender-chat', { author: 'channel777' });
    const { action: noUser } = await requested('12', 'ban', { author: 'channel777' });
    const bot = fakeModerator(confirmed);
    await runTelegramActions(store, { moderate: bot.moderate, dryRun: false, now: () => T0 });
    expect(bot.calls.map((c) => c.request)).toEqual([
      { kind: 'ban', chatId: GROUP, chatType: 'supergroup', userId: '5550001' },
      { kind: 'restrict', chatId: GROUP, chatType: 'supergroup', userId: '5550001' },
      { kind: 'ban-sender-chat', chatId: GROUP, chatType: 'supergroup', senderChatId: '777' },
    ]);
    const refused = await store.getAction(noUser.id);
    expect(refused?.status).toBe('failed');
    expect(refused?.outcome).toContain('not sent by a user');
  });

  it('records dry-run without a real call', async () => {
    await moderated();
    const { action } = await requested('13');
    const bot = fakeModerator(confirmed);
    const summary = await runTelegramActions(store, { moderate: bot.moderate, dryRun: true, now: () => T0 });
    expect(summary.dryRun).toBe(1);
    expect(bot.calls[0]?.dryRun).toBe(true);
    expect(await store.getAction(action.id)).toMatchObject({ status: 'dry-run', attempts: 1 });
    expect((await store.getAction(action.id))?.confirmedAt).toBeUndefined();
  });

  it('keeps a rate-limited action requested, waits out its back-off, and fails it after the last attempt', async () => {
    await moderated();
    const { action } = await requested('14');
    const bot = fakeModerator(() => ({
      status: 'failed',
      code: 'TELEGRAM_RATE_LIMITED',
      outcome: 'Telegram asked to wait 90 s',
      retryAfterSeconds: 90,
    }));
    let now = T0.getTime();
    const run = () =>
      runTelegramActions(store, { moderate: bot.moderate, dryRun: false, maxAttempts: 3, now: () => new Date(now) });
    expect(await run()).toMatchObject({ retrying: 1, failed: 0 });
    expect(await store.getAction(action.id)).toMatchObject({ status: 'requested', attempts: 1 });
    expect(await run()).toMatchObject({ retrying: 1 });
    expect(bot.calls).toHaveLength(1);
    now += 60_000;
    await run();
    expect(await store.getAction(action.id)).toMatchObject({ status: 'requested', attempts: 2 });
    now += 60_000;
    expect(await run()).toMatchObject({ failed: 1 });
    expect(await store.getAction(action.id)).toMatchObject({
      status: 'failed',
      attempts: 3,
      outcome: 'Telegram asked to wait 90 s',
    });
  });

  it('waits out Telegram’s retry_after when it is longer than the back-off', async () => {
    await moderated();
    const { action } = await requested('18');
    let limited = true;
    const bot = fakeModerator((request, dryRun) =>
      limited
        ? {
            status: 'failed',
            code: 'TELEGRAM_RATE_LIMITED',
            outcome: 'Telegram asked to wait 600 s',
            retryAfterSeconds: 600,
          }
        : confirmed(request, dryRun),
    );
    let now = T0.getTime();
    const notBefore = new Map<string, number>();
    const run = () =>
      runTelegramActions(store, { moderate: bot.moderate, dryRun: false, notBefore, now: () => new Date(now) });
    await run();
    limited = false;
    for (const minutes of [1, 2, 4, 9]) {
      now = T0.getTime() + minutes * 60_000;
      expect(await run()).toMatchObject({ retrying: 1 });
    }
    expect(bot.calls).toHaveLength(1);
    now = T0.getTime() + 600_000;
    expect(await run()).toMatchObject({ confirmed: 1 });
    expect(await store.getAction(action.id)).toMatchObject({ status: 'confirmed', attempts: 2 });
  });

  it('records a rights refusal as final, with the moderator’s sentence', async () => {
    await moderated();
    const { action } = await requested('15');
    const outcome = "the bot needs the 'Delete messages' admin right in chat 1234567890";
    const bot = fakeModerator(() => ({ status: 'failed', code: 'TELEGRAM_RIGHTS_MISSING', outcome }));
    expect(await runTelegramActions(store, { moderate: bot.moderate, dryRun: false, now: () => T0 })).toMatchObject({
      failed: 1,
    });
    expect(await store.getAction(action.id)).toMatchObject({ status: 'failed', attempts: 1, outcome });
  });

  it('a moderator that throws (Bot API unreachable) leaves the action requested for a later pass', async () => {
    await moderated();
    const { action } = await requested('16');
    const moderate = async (): Promise<ModerationResult> => Promise.reject(new TypeError('fetch failed'));
    expect(await runTelegramActions(store, { moderate, dryRun: false, now: () => T0 })).toMatchObject({ retrying: 1 });
    const stored = await store.getAction(action.id);
    expect(stored).toMatchObject({ status: 'requested', attempts: 1 });
    expect(stored?.outcome).toContain('could not be reached');
  });
});
