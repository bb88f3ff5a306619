import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Api } from 'telegram';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../live-event.js';
import { TelegramMonitor } from './monitor.js';
import { FakeTelegram, fakeChannel, long, MemoryMonitorStore } from './testing.js';

let mediaDir: string;
beforeEach(async () => {
  mediaDir = await mkdtemp(join(tmpdir(), 'rasd-avatar-'));
});
afterEach(async () => {
  await rm(mediaDir, { recursive: true, force: true });
});

/** Stands in for the app's PDQ (hashing is detection's room): a digest of the bytes, so a change shows. */
const digest = async (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function monitorOver(tg: FakeTelegram, events: LiveEvent[]): { monitor: TelegramMonitor; store: MemoryMonitorStore } {
  const store = new MemoryMonitorStore();
  const monitor = new TelegramMonitor({
    account: 'avatar-test',
    port: tg,
    store,
    sink: async (batch) => void events.push(...batch),
    mediaDir,
    media: { maxBytes: 1_000, kinds: ['photo'] },
    backfill: { pageSize: 100, maxMessages: 0 },
    metadataRefreshMs: 0,
    pollMs: 0,
    sleep: async () => undefined,
    random: () => 0,
    avatarHash: digest,
  });
  return { monitor, store };
}

describe('TelegramMonitor avatars', () => {
  it('keeps the avatar as a file with its hash, fetches it once per photo, and again when it is swapped', async () => {
    const tg = new FakeTelegram();
    const channel = tg.add(fakeChannel(1001, 'neutralnews', 'Neutral news'));
    tg.avatars.set('1001', Buffer.from('first picture'));
    const events: LiveEvent[] = [];
    const { monitor, store } = monitorOver(tg, events);

    const entry = await monitor.watch('@neutralnews', { join: false, by: 'tester' });
    expect(entry.meta).toMatchObject({
      avatarId: '10010',
      avatarPath: '1001/avatar-10010.jpg',
      avatarPdq: await digest(Buffer.from('first picture')),
    });
    expect(await readFile(join(mediaDir, '1001', 'avatar-10010.jpg'), 'utf8')).toBe('first picture');

    await monitor.refreshMetadata();
    expect(tg.callsOf('avatar')).toHaveLength(1);

    channel.chat.photo = new Api.ChatPhoto({ photoId: long(20020), dcId: 2 });
    tg.avatars.set('1001', Buffer.from('second picture'));
    await monitor.refreshMetadata();
    expect(tg.callsOf('avatar')).toHaveLength(2);
    expect((await store.getWatch('@neutralnews'))?.meta).toMatchObject({
      avatarId: '20020',
      avatarPath: '1001/avatar-20020.jpg',
      avatarPdq: await digest(Buffer.from('second picture')),
    });
    const swaps = events.flatMap((e) => (e.kind === 'service' ? [e.event.action] : []));
    expect(swaps).toContain('edit_group_photo');
  });

  it('a chat without a picture, or an avatar Telegram will not give, leaves the rest of the metadata standing', async () => {
    const tg = new FakeTelegram();
    tg.add(fakeChannel(1002, 'quietnews', 'Quiet news'));
    const { monitor } = monitorOver(tg, []);
    const entry = await monitor.watch('@quietnews', { join: false, by: 'tester' });
    expect(entry.meta).toMatchObject({ title: 'Quiet news', avatarId: '10020' });
    expect(entry.meta?.avatarPath).toBeUndefined();
    expect(entry.meta?.avatarPdq).toBeUndefined();
  });
});
