import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { botRights } from './bot-rights.js';
import { moderate, moderatorApi } from './moderation.js';
import { adminMember, type FakeBotApi, startFakeBotApi } from './testing/fake-bot-api.js';

const GROUP = '1234567890';
const GROUP_API_ID = '-1001234567890';

let fake: FakeBotApi;
beforeEach(async () => {
  fake = await startFakeBotApi();
});
afterEach(async () => {
  await fake.close();
});

const api = (maxDelaySeconds?: number) =>
  moderatorApi(fake.token, { apiRoot: fake.url, ...(maxDelaySeconds !== undefined && { maxDelaySeconds }) });
const live = { dryRun: false };

function grantAll(chatId = GROUP_API_ID) {
  fake.setRights(chatId, adminMember(fake.bot, { can_delete_messages: true, can_restrict_members: true }));
}

describe('moderate', () => {
  it('calls the right method with the Bot API chat id for each kind', async () => {
    grantAll();
    grantAll('-4242');
    const results = [
      await moderate(api(), { kind: 'delete', chatId: GROUP, chatType: 'supergroup', messageId: '17' }, live),
      await moderate(
        api(),
        { kind: 'ban', chatId: GROUP, chatType: 'supergroup', userId: '555', untilDate: 1_900_000_000 },
        live,
      ),
      await moderate(api(), { kind: 'restrict', chatId: '4242', chatType: 'group', userId: '555' }, live),
      await moderate(
        api(),
        { kind: 'ban-sender-chat', chatId: GROUP, chatType: 'supergroup', senderChatId: '2002002002' },
        live,
      ),
    ];
    expect(results.map((r) => r.status)).toEqual(['confirmed', 'confirmed', 'confirmed', 'confirmed']);
    expect(results[0]?.outcome).toBe(`deleted message 17 in chat ${GROUP}`);
    const [del, ban, restrict, banChat] = fake.calls.filter((c) => c.method !== 'getMe');
    expect(del).toEqual({ method: 'deleteMessage', params: { chat_id: GROUP_API_ID, message_id: 17 } });
    expect(ban).toEqual({
      method: 'banChatMember',
      params: { chat_id: GROUP_API_ID, user_id: 555, revoke_messages: true, until_date: 1_900_000_000 },
    });
    expect(restrict?.method).toBe('restrictChatMember');
    expect(restrict?.params).toMatchObject({ chat_id: '-4242', user_id: 555, use_independent_chat_permissions: true });
    const permissions = restrict?.params.permissions as Record<string, boolean>;
    expect(Object.keys(permissions).length).toBeGreaterThanOrEqual(10);
    expect(Object.values(permissions).every((allowed) => allowed === false)).toBe(true);
    expect(banChat).toEqual({
      method: 'banChatSenderChat',
      params: { chat_id: GROUP_API_ID, sender_chat_id: '-1002002002002' },
    });
  });

  it('makes no call in dry-run and says which call it would have made', async () => {
    const result = await moderate(
      api(),
      { kind: 'delete', chatId: GROUP, chatType: 'channel', messageId: '17' },
      { dryRun: true },
    );
    expect(result).toEqual({
      status: 'dry-run',
      outcome: `dry run: would call deleteMessage({"chat_id":"${GROUP_API_ID}","message_id":17})`,
    });
    expect(fake.calls).toEqual([]);
  });

  it('reports a missing right as TELEGRAM_RIGHTS_MISSING, naming the right and the chat', async () => {
    fake.setRights(GROUP_API_ID, adminMember(fake.bot, { can_delete_messages: false, can_restrict_members: false }));
    const deleted = await moderate(
      api(),
      { kind: 'delete', chatId: GROUP, chatType: 'supergroup', messageId: '1' },
      live,
    );
    expect(deleted).toMatchObject({ status: 'failed', code: 'TELEGRAM_RIGHTS_MISSING' });
    expect(deleted.outcome).toContain(`the bot needs the 'Delete messages' admin right in chat ${GROUP}`);
    const banned = await moderate(api(), { kind: 'ban', chatId: GROUP, chatType: 'supergroup', userId: '5' }, live);
    expect(banned).toMatchObject({ status: 'failed', code: 'TELEGRAM_RIGHTS_MISSING' });
    expect(banned.outcome).toContain("'Ban users'");
  });

  it('treats a message already gone as done', async () => {
    grantAll();
    const request = { kind: 'delete', chatId: GROUP, chatType: 'supergroup', messageId: '9' } as const;
    await moderate(api(), request, live);
    expect(await moderate(api(), request, live)).toEqual({
      status: 'confirmed',
      outcome: `message 9 in chat ${GROUP} was already gone`,
    });
  });

  it('waits out a 429 retry_after and then succeeds', async () => {
    grantAll();
    fake.failNext('deleteMessage', {
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    });
    const started = Date.now();
    const result = await moderate(
      api(),
      { kind: 'delete', chatId: GROUP, chatType: 'supergroup', messageId: '3' },
      live,
    );
    expect(result.status).toBe('confirmed');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(fake.callsOf('deleteMessage')).toHaveLength(2);
  });

  it('fails with TELEGRAM_RATE_LIMITED when the wait is longer than allowed', async () => {
    grantAll();
    fake.failNext('banChatMember', {
      error_code: 429,
      description: 'Too Many Requests: retry after 3',
      parameters: { retry_after: 3 },
    });
    const result = await moderate(api(1), { kind: 'ban', chatId: GROUP, chatType: 'supergroup', userId: '5' }, live);
    expect(result).toMatchObject({ status: 'failed', code: 'TELEGRAM_RATE_LIMITED', retryAfterSeconds: 3 });
    expect(fake.callsOf('banChatMember')).toHaveLength(1);
  });

  it('refuses a request without the id its kind needs, calling nothing', async () => {
    const result = await moderate(api(), { kind: 'ban', chatId: GROUP, chatType: 'supergroup' }, live);
    expect(result).toMatchObject({ status: 'failed', code: 'INPUT_INVALID' });
    expect(fake.calls).toEqual([]);
  });

  it('reports an unreachable Bot API as TELEGRAM_UNAVAILABLE', async () => {
    const gone = moderatorApi(fake.token, { apiRoot: 'http://127.0.0.1:1' });
    const result = await moderate(
      gone,
      { kind: 'delete', chatId: GROUP, chatType: 'supergroup', messageId: '1' },
      live,
    );
    expect(result).toMatchObject({ status: 'failed', code: 'TELEGRAM_UNAVAILABLE' });
  });
});

describe('botRights', () => {
  it('reads the admin rights of the bot itself', async () => {
    fake.setRights(GROUP_API_ID, adminMember(fake.bot, { can_delete_messages: true, can_restrict_members: false }));
    expect(await botRights(api(), GROUP, 'supergroup')).toEqual({
      status: 'administrator',
      canDeleteMessages: true,
      canRestrictMembers: false,
    });
    const asked = fake.callsOf('getChatMember')[0]?.params;
    expect(asked).toEqual({ chat_id: GROUP_API_ID, user_id: fake.bot.id });
  });

  it('gives a creator every right and a plain member none', async () => {
    fake.setRights('-1009876543210', { status: 'creator', user: fake.bot, is_anonymous: false });
    expect(await botRights(api(), '9876543210', 'channel')).toMatchObject({
      status: 'creator',
      canDeleteMessages: true,
      canRestrictMembers: true,
    });
    expect(await botRights(api(), GROUP, 'supergroup')).toEqual({
      status: 'member',
      canDeleteMessages: false,
      canRestrictMembers: false,
    });
  });

  it('reads a chat the bot cannot see as left', async () => {
    fake.failNext('getChatMember', { error_code: 400, description: 'Bad Request: chat not found' });
    expect((await botRights(api(), GROUP, 'supergroup')).status).toBe('left');
  });
});
