import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { groupMessage, messageUpdate } from './bot-updates.js';
import { adminMember, type FakeBotApi, startFakeBotApi } from './fake-bot-api.js';

/** The fake is checked over plain HTTP, the way Telegram is called, not through grammY. */
let fake: FakeBotApi;
beforeEach(async () => {
  fake = await startFakeBotApi();
});
afterEach(async () => {
  await fake.close();
});

async function call(method: string, params: Record<string, unknown> = {}, token = fake.token) {
  const response = await fetch(`${fake.url}/bot${token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('fake Bot API', () => {
  it('answers getMe with the bot and refuses a wrong token with 401', async () => {
    expect(await call('getMe')).toEqual({ status: 200, body: { ok: true, result: fake.bot } });
    expect(await call('getMe', {}, '1:wrong')).toEqual({
      status: 401,
      body: { ok: false, error_code: 401, description: 'Unauthorized' },
    });
  });

  it('reads form-encoded and query parameters like JSON ones', async () => {
    const form = await fetch(`${fake.url}/bot${fake.token}/getChatMember`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ chat_id: '-100123', user_id: String(fake.bot.id) }),
    });
    expect(((await form.json()) as { result: { status: string } }).result.status).toBe('member');
    await fetch(`${fake.url}/bot${fake.token}/getUpdates?offset=5&timeout=0`);
    expect(fake.calls.map((c) => c.params)).toEqual([
      { chat_id: -100123, user_id: fake.bot.id },
      { offset: 5, timeout: 0 },
    ]);
  });

  it('holds getUpdates until an update is queued, and confirms updates below the offset', async () => {
    const started = Date.now();
    const pending = call('getUpdates', { timeout: 5 });
    setTimeout(() => fake.enqueue(messageUpdate(groupMessage(1))), 200);
    const first = await pending;
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(first.body.result).toEqual([{ update_id: 1, message: groupMessage(1) }]);
    fake.enqueue(messageUpdate(groupMessage(2)));
    expect((await call('getUpdates', { offset: 0 })).body.result).toHaveLength(2);
    expect((await call('getUpdates', { offset: 2 })).body.result).toEqual([{ update_id: 2, message: groupMessage(2) }]);
    expect((await call('getUpdates', { offset: 1 })).body.result).toEqual([{ update_id: 2, message: groupMessage(2) }]);
  });

  it('returns an empty list when the long-poll timeout passes', async () => {
    const started = Date.now();
    expect((await call('getUpdates', { timeout: 1 })).body).toEqual({ ok: true, result: [] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('filters by allowed_updates', async () => {
    fake.enqueue({ update_id: 0, callback_query: { id: 'q' } } as never);
    fake.enqueue(messageUpdate(groupMessage(3)));
    const got = (await call('getUpdates', { allowed_updates: ['message'] })).body.result as { update_id: number }[];
    expect(got.map((u) => u.update_id)).toEqual([2]);
  });

  it('fails the next call of a method as told, then answers normally', async () => {
    fake.failNext('getMe', {
      error_code: 429,
      description: 'Too Many Requests: retry after 3',
      parameters: { retry_after: 3 },
    });
    expect(await call('getMe')).toEqual({
      status: 429,
      body: {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 3',
        parameters: { retry_after: 3 },
      },
    });
    expect((await call('getMe')).status).toBe(200);
  });

  it('refuses moderation without rights in Telegram words, and allows it with them', async () => {
    expect((await call('deleteMessage', { chat_id: -100123, message_id: 1 })).body).toMatchObject({
      error_code: 400,
      description: 'Bad Request: not enough rights to delete a message',
    });
    expect((await call('banChatMember', { chat_id: -100123, user_id: 5 })).body.description).toBe(
      'Bad Request: not enough rights to restrict/ban chat member',
    );
    fake.setRights(-100123, adminMember(fake.bot, { can_delete_messages: true }));
    expect((await call('deleteMessage', { chat_id: -100123, message_id: 1 })).body).toEqual({ ok: true, result: true });
    expect((await call('deleteMessage', { chat_id: -100123, message_id: 1 })).body.description).toBe(
      'Bad Request: message to delete not found',
    );
  });

  it('serves files through getFile and the file path', async () => {
    fake.addFile('f1', 'abc', 'documents/file_1.txt');
    const { body } = await call('getFile', { file_id: 'f1' });
    expect(body.result).toEqual({
      file_id: 'f1',
      file_unique_id: 'unique-f1',
      file_size: 3,
      file_path: 'documents/file_1.txt',
    });
    const file = await fetch(`${fake.url}/file/bot${fake.token}/documents/file_1.txt`);
    expect(await file.text()).toBe('abc');
    expect(fake.fileGets).toEqual(['documents/file_1.txt']);
  });

  it('refuses getUpdates while a webhook is set, as Telegram does', async () => {
    await call('setWebhook', { url: 'http://127.0.0.1:9/hook', secret_token: 's' });
    expect((await call('getWebhookInfo')).body.result).toMatchObject({ url: 'http://127.0.0.1:9/hook' });
    expect((await call('getUpdates')).status).toBe(409);
    await call('deleteWebhook');
    expect((await call('getUpdates')).status).toBe(200);
  });

  it('answers an unknown method with 404', async () => {
    expect((await call('noSuchMethod')).status).toBe(404);
  });
});
