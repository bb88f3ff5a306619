import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { AppError, type ChatRef } from '../../../core/index.js';
import type { LiveEvent } from '../live-event.js';
import { groupMessage, messageUpdate } from './testing/bot-updates.js';
import { moderatorHarness, until } from './testing/moderator-harness.js';

/** How the moderator bot behaves when something keeps failing: it moves on, says so, and never leaks a secret. */

const harness = moderatorHarness({ firstRetryDelayMs: 10 });
const { logged, moderator } = harness;

const messageIds = (events: readonly LiveEvent[]) =>
  events.flatMap((e) => (e.kind === 'item' ? [e.item.messageId] : []));

describe('moderator bot, an update the sink keeps refusing', () => {
  it('is skipped after the attempts run out, logged with its update id, and later updates go on', async () => {
    const received: LiveEvent[] = [];
    let refused = 0;
    const bot = moderator({
      maxDeliveryAttempts: 3,
      sink: async (events) => {
        if (messageIds(events).includes('1')) {
          refused += 1;
          throw new Error('storage refuses this one');
        }
        received.push(...events);
      },
    });
    harness.fake.enqueue(messageUpdate(groupMessage(1), 31));
    harness.fake.enqueue(messageUpdate(groupMessage(2), 32));
    await bot.start();
    await until(() => received.length === 1);
    expect(messageIds(received)).toEqual(['2']);
    expect(refused).toBe(3);
    const skipped = logged.filter((l) => l.message.startsWith('telegram.update.skipped'));
    expect(skipped.map((l) => l.fields.updateId)).toEqual([31]);
    await until(() => harness.fake.callsOf('getUpdates').some((c) => c.params.offset === 33));
  });
});

describe('moderator bot, chat checks', () => {
  it('asks about a chat again at its next update when the first check failed', async () => {
    const checked: string[] = [];
    const received: LiveEvent[] = [];
    const bot = moderator({
      sink: async (events) => void received.push(...events),
      onChat: async (chat: ChatRef) => {
        checked.push(chat.id);
        if (checked.length === 1) throw new Error('database busy');
      },
    });
    harness.fake.enqueue(messageUpdate(groupMessage(1)));
    await bot.start();
    await until(() => received.length === 1 && logged.some((l) => l.message.startsWith('chat check failed')));
    harness.fake.enqueue(messageUpdate(groupMessage(2)));
    harness.fake.enqueue(messageUpdate(groupMessage(3)));
    await until(() => received.length === 3);
    expect(checked).toEqual([checked[0], checked[0]]);
  });
});

describe('moderator bot, polling ended by Telegram', () => {
  it('resolves failed with a clear error on 409 (another instance polls), so the process can exit', async () => {
    harness.fake.failNext('getUpdates', {
      error_code: 409,
      description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
    });
    const bot = moderator({ sink: async () => undefined });
    await bot.start();
    const error = await bot.failed;
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'TELEGRAM_SESSION_INVALID' });
    expect(error.message).toContain('409');
  });

  it('resolves failed on 401 (token revoked), saying to get a new token', async () => {
    harness.fake.failNext('getUpdates', { error_code: 401, description: 'Unauthorized' });
    const bot = moderator({ sink: async () => undefined });
    await bot.start();
    const error = await bot.failed;
    expect(error).toMatchObject({ code: 'TELEGRAM_SESSION_INVALID' });
    expect(error.message).toContain('@BotFather');
  });
});

const hook = { host: '127.0.0.1', port: 0, path: '/hook', secretToken: 'hook-secret-value' };

describe('moderator bot, webhook failures', () => {
  it('turns a refused setWebhook into an AppError that does not carry the secret token', async () => {
    harness.fake.failNext('setWebhook', {
      error_code: 400,
      description: 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook',
    });
    const bot = moderator({
      sink: async () => undefined,
      mode: 'webhook',
      webhook: { ...hook, publicUrl: 'http://example.invalid/hook' },
    });
    const error = (await bot.start().catch((e: unknown) => e)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'TELEGRAM_UNAVAILABLE' });
    expect(error.message).toContain('HTTPS URL must be provided');
    expect(error.cause).toBeUndefined();
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain('hook-secret-value');
  });

  it('answers 401 to a wrong secret before reading the body', async () => {
    const bot = moderator({ sink: async () => undefined, mode: 'webhook', webhook: hook });
    await bot.start();
    const url = new URL(bot.webhookUrl() as string);
    // The body never ends: only a server that checks the header first can answer.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.setHeader('x-telegram-bot-api-secret-token', 'wrong');
      req.setHeader('content-type', 'application/json');
      req.on('error', reject);
      req.write('{"update_id": 1, ');
      setTimeout(() => reject(new Error('no answer before the body ended')), 2000);
    });
    expect(status).toBe(401);
  });

  it('handles a redelivery of an update still running only once, and answers both when the sink took it', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let calls = 0;
    const bot = moderator({
      sink: async () => {
        calls += 1;
        await gate;
      },
      mode: 'webhook',
      webhook: hook,
    });
    await bot.start();
    await bot.bot.api.setWebhook(bot.webhookUrl() as string, { secret_token: hook.secretToken });
    const first = harness.fake.postWebhook(messageUpdate(groupMessage(1), 40), hook.secretToken);
    await until(() => calls === 1);
    const again = harness.fake.postWebhook(messageUpdate(groupMessage(1), 40), hook.secretToken);
    await new Promise((r) => setTimeout(r, 100));
    release();
    expect(await Promise.all([first, again])).toEqual([200, 200]);
    expect(await harness.fake.postWebhook(messageUpdate(groupMessage(1), 40), hook.secretToken)).toBe(200);
    expect(calls).toBe(1);
  });

  it('answers 500 while attempts remain, then 200 with the update logged as skipped', async () => {
    const bot = moderator({
      sink: async () => {
        throw new Error('storage down');
      },
      mode: 'webhook',
      webhook: hook,
      maxDeliveryAttempts: 2,
    });
    await bot.start();
    await bot.bot.api.setWebhook(bot.webhookUrl() as string, { secret_token: hook.secretToken });
    expect(await harness.fake.postWebhook(messageUpdate(groupMessage(1), 50), hook.secretToken)).toBe(500);
    expect(await harness.fake.postWebhook(messageUpdate(groupMessage(1), 50), hook.secretToken)).toBe(200);
    const skipped = logged.filter((l) => l.message.startsWith('telegram.update.skipped'));
    expect(skipped.map((l) => l.fields.updateId)).toEqual([50]);
  });
});
