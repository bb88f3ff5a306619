import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Message } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import type { ChatRef } from '../../../core/index.js';
import type { LiveEvent } from '../live-event.js';
import {
  BASE_DATE,
  channel,
  channelPost,
  channelPostUpdate,
  edited,
  editedMessageUpdate,
  groupMessage,
  messageUpdate,
  photoSizes,
  supergroup,
  urlButtons,
  user,
  withEntities,
} from './testing/bot-updates.js';
import { adminMember } from './testing/fake-bot-api.js';
import { moderatorHarness, until } from './testing/moderator-harness.js';

const harness = moderatorHarness();
const { logged, moderator } = harness;

const items = (events: readonly LiveEvent[]) => events.flatMap((e) => (e.kind === 'item' ? [e] : []));

describe('moderator bot, long polling', () => {
  it('asks for my_chat_member too and reports the chat again when the bot is promoted, so rights are re-read without a restart', async () => {
    const chats: ChatRef[] = [];
    const bot = moderator({ sink: async () => undefined, onChat: (chat) => chats.push(chat) });
    const me = user({ id: 4242, is_bot: true, first_name: 'Rasd', username: 'rasd_bot' });
    harness.fake.enqueue(messageUpdate(groupMessage(7), 1));
    harness.fake.enqueue({
      update_id: 2,
      my_chat_member: {
        chat: supergroup(),
        from: user(),
        date: BASE_DATE + 5,
        old_chat_member: { status: 'member', user: me },
        new_chat_member: adminMember(me, { can_delete_messages: true }),
      },
    } as never);
    await bot.start();
    await until(() => chats.length === 2);
    await bot.stop();
    expect(chats.map((c) => c.id)).toEqual([chats[0]?.id, chats[0]?.id]);
    expect(chats[0]?.id).toMatch(/^\d+$/);
    const asked = harness.fake.callsOf('getUpdates')[0]?.params.allowed_updates;
    expect(String(asked)).toContain('my_chat_member');
  });

  it('delivers a message, its edit as a new version, and a channel post with a hidden link, button and forward', async () => {
    const received: LiveEvent[] = [];
    const chats: ChatRef[] = [];
    const bot = moderator({
      sink: async (events) => void received.push(...events),
      onChat: (chat) => chats.push(chat),
    });
    const { text, entities } = withEntities(['read ', ['text_link', 'here', { url: 'https://example.org/hidden' }]]);
    harness.fake.enqueue(messageUpdate(groupMessage(7)));
    harness.fake.enqueue(editedMessageUpdate(edited(groupMessage(7), BASE_DATE + 999, 'hello edited')));
    const origin = {
      type: 'channel',
      date: BASE_DATE,
      chat: channel({ id: -1002002002002, title: 'Other' }),
      message_id: 5,
    };
    const post = channelPost(12, {
      text,
      entities,
      reply_markup: urlButtons([['Open', 'https://example.org/b']]),
      forward_origin: origin,
    } as Partial<Message>);
    harness.fake.enqueue(channelPostUpdate(post));
    await bot.start();
    await until(() => received.length === 3);
    const [first, edit, channelItem] = items(received);
    expect(first).toMatchObject({ edited: false, item: { messageId: '7', version: 0, text: 'hello group' } });
    expect(edit).toMatchObject({
      edited: true,
      item: { messageId: '7', version: BASE_DATE + 999, text: 'hello edited' },
    });
    expect(channelItem?.item.entities).toEqual([
      { type: 'text-link', text: 'here', url: 'https://example.org/hidden' },
      { type: 'button-url', text: 'Open', url: 'https://example.org/b' },
    ]);
    expect(channelItem?.item.forward).toEqual({
      fromName: 'Other',
      fromId: 'channel2002002002',
      messageId: '5',
      date: new Date(BASE_DATE * 1000).toISOString(),
    });
    expect(chats.map((c) => c.id)).toEqual(['1234567890', '9876543210']);
    expect(harness.fake.callsOf('getUpdates')[0]?.params).toMatchObject({
      offset: 0,
      allowed_updates: ['message', 'edited_message', 'channel_post', 'edited_channel_post', 'my_chat_member'],
    });
  });

  it('does not lose an update when the sink fails: retries, then confirms it', async () => {
    let attempts = 0;
    const received: LiveEvent[] = [];
    const bot = moderator({
      sink: async (events) => {
        attempts += 1;
        if (attempts === 1) throw new Error('storage down');
        received.push(...events);
      },
    });
    harness.fake.enqueue(messageUpdate(groupMessage(1)));
    await bot.start();
    await until(() => received.length === 1);
    expect(attempts).toBe(2);
    expect(logged.some((l) => l.level === 'warn' && l.message.includes('retrying'))).toBe(true);
    await until(() => harness.fake.callsOf('getUpdates').some((c) => c.params.offset === 2));
  });

  it('leaves an update it could not hand over unconfirmed when stopped, so the next start gets it', async () => {
    const failing = moderator({
      sink: async (events) => {
        if (items(events)[0]?.item.messageId === '2') throw new Error('storage down');
      },
    });
    harness.fake.enqueue(messageUpdate(groupMessage(1)));
    harness.fake.enqueue(messageUpdate(groupMessage(2)));
    await failing.start();
    await until(() => logged.some((l) => l.message.includes('retrying')));
    await failing.stop();
    const offsets = harness.fake.callsOf('getUpdates').map((c) => Number(c.params.offset ?? 0));
    expect(Math.max(...offsets)).toBe(2);
    const received: LiveEvent[] = [];
    await moderator({ sink: async (events) => void received.push(...events) }).start();
    await until(() => received.length === 1);
    expect(items(received).map((e) => e.item.messageId)).toEqual(['2']);
  });

  it('downloads a photo within limits and refuses an oversize one without fetching it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rasd-bot-media-'));
    try {
      const bytes = Buffer.from('not really a jpeg, but bytes all the same');
      harness.fake.addFile('small', bytes, 'photos/file_1.jpg');
      harness.fake.addFile('large', Buffer.alloc(5000), 'photos/file_2.jpg');
      const received: LiveEvent[] = [];
      const bot = moderator({ sink: async (events) => void received.push(...events), media: { dir, maxBytes: 1000 } });
      harness.fake.enqueue(
        messageUpdate(groupMessage(2, { photo: photoSizes('small', { width: 100, height: 80, size: bytes.length }) })),
      );
      harness.fake.enqueue(
        messageUpdate(groupMessage(3, { photo: photoSizes('large', { width: 900, height: 800, size: 5000 }) })),
      );
      await bot.start();
      await until(() => received.length === 2);
      const [small, large] = items(received).map((e) => e.item.media?.[0]);
      expect(small).toMatchObject({
        kind: 'photo',
        status: 'present',
        path: 'small-u',
        size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      });
      expect(readFileSync(join(dir, 'small-u'))).toEqual(bytes);
      expect(large).toMatchObject({ kind: 'photo', status: 'remote', size: 5000 });
      expect(large?.note).toContain('over the limit of 1000 bytes');
      expect(harness.fake.fileGets).toEqual(['photos/file_1.jpg']);
      expect(harness.fake.callsOf('getFile').map((c) => c.params.file_id)).toEqual(['small']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('moderator bot, start', () => {
  it('refuses to start with a token Telegram does not accept, saying what to do', async () => {
    const bot = moderator({ token: '1:wrong', sink: async () => {} });
    await expect(bot.start()).rejects.toMatchObject({ code: 'TELEGRAM_SESSION_INVALID' });
  });
});

describe('moderator bot, webhook', () => {
  it('takes updates carrying the secret token and refuses others with 401', async () => {
    const received: LiveEvent[] = [];
    const bot = moderator({
      sink: async (events) => void received.push(...events),
      mode: 'webhook',
      webhook: { host: '127.0.0.1', port: 0, path: '/telegram/hook', secretToken: 'right-secret' },
    });
    await bot.start();
    await bot.bot.api.setWebhook(bot.webhookUrl() as string, { secret_token: 'right-secret' });
    expect(await harness.fake.postWebhook(messageUpdate(groupMessage(1), 10), 'wrong-secret')).toBe(401);
    expect(await harness.fake.postWebhook(messageUpdate(groupMessage(2), 11))).toBe(401);
    expect(received).toEqual([]);
    expect(await harness.fake.postWebhook(messageUpdate(groupMessage(3), 12), 'right-secret')).toBe(200);
    expect(items(received).map((e) => e.item.messageId)).toEqual(['3']);
  });

  it('answers 500 when the sink fails, so Telegram delivers the update again', async () => {
    const bot = moderator({
      sink: async () => {
        throw new Error('storage down');
      },
      mode: 'webhook',
      webhook: { host: '127.0.0.1', port: 0, path: '/hook', secretToken: 's3cret' },
    });
    await bot.start();
    await bot.bot.api.setWebhook(bot.webhookUrl() as string, { secret_token: 's3cret' });
    expect(await harness.fake.postWebhook(messageUpdate(groupMessage(1), 20), 's3cret')).toBe(500);
    expect(JSON.stringify(logged)).not.toContain('hello group');
  });
});
