import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { WatchEntry } from '../../../core/index.js';
import type { LiveEvent } from '../live-event.js';
import { TelegramMonitor } from './monitor.js';
import type { MonitorOptions } from './monitor-options.js';
import type { MonitorLog } from './monitor-runtime.js';
import { FakeTelegram, fakeChannel, MemoryMonitorStore, post } from './testing.js';

/** The monitor tests' shared harness: a fake Telegram, an in-memory store, a recording sink. Tests only. */

export const NOW = Date.parse('2026-12-07T00:00:00Z');
export const media = { dir: '' };
beforeEach(async () => {
  media.dir = await mkdtemp(join(tmpdir(), 'rasd-monitor-'));
});
afterEach(async () => {
  await rm(media.dir, { recursive: true, force: true });
});

/** Log lines as written (message and fields), to assert what the monitor said. */
export interface LogLine {
  level: 'info' | 'warn';
  message: string;
  fields: Record<string, unknown>;
}

export interface Harness {
  tg: FakeTelegram;
  store: MemoryMonitorStore;
  events: LiveEvent[];
  sleeps: number[];
  monitor: TelegramMonitor;
  /** Makes the sink refuse the batches for which this returns true. */
  refuse: { when: (batch: readonly LiveEvent[]) => boolean };
  logs: LogLine[];
}

export function harness(
  tg = new FakeTelegram(),
  store = new MemoryMonitorStore(),
  pollMs = 0,
  extra: Partial<MonitorOptions> = {},
): Harness {
  const logs: LogLine[] = [];
  const log: MonitorLog = {
    info: (fields, message) => logs.push({ level: 'info', message, fields: fields as Record<string, unknown> }),
    warn: (fields, message) => logs.push({ level: 'warn', message, fields: fields as Record<string, unknown> }),
  };
  const events: LiveEvent[] = [];
  const sleeps: number[] = [];
  const refuse = { when: (_batch: readonly LiveEvent[]) => false };
  const monitor = new TelegramMonitor({
    account: 'monitor-1',
    port: tg,
    store,
    sink: async (batch) => {
      if (refuse.when(batch)) throw new Error('the scan queue refused the batch');
      events.push(...batch);
    },
    mediaDir: media.dir,
    media: { maxBytes: 1_000, kinds: ['photo', 'video'] },
    backfill: { pageSize: 100, maxMessages: 10_000 },
    metadataRefreshMs: 0,
    pollMs,
    now: () => NOW,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0,
    log,
    ...extra,
  });
  return { tg, store, events, sleeps, monitor, refuse, logs };
}

/** A channel `@neutralnews` (id 1001) with messages 1..count and channel pts `pts`. */
export function newsChannel(tg: FakeTelegram, count: number, pts = 10) {
  const channel = tg.add(fakeChannel(1001, 'neutralnews', 'Neutral news', pts));
  for (let id = 1; id <= count; id++) channel.messages.set(id, post(1001, id));
  return channel;
}

export const itemIds = (events: readonly LiveEvent[], chatId = '1001') =>
  events.flatMap((e) => (e.kind === 'item' && e.item.chat.id === chatId ? [Number(e.item.messageId)] : []));
export const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
export const itemBatches = (batch: readonly LiveEvent[]) => batch.some((e) => e.kind === 'item');

export function savedEntry(fields: Partial<WatchEntry> & Pick<WatchEntry, 'ref' | 'chatId'>): WatchEntry {
  return {
    join: false,
    active: true,
    addedAt: '2026-12-01T00:00:00.000Z',
    addedBy: 'tester',
    backfill: { state: 'done', fetched: 0 },
    updatedAt: '2026-12-01T00:00:00.000Z',
    ...fields,
  };
}
