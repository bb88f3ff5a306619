import type { LiveSink } from '../live-event.js';
import type { MediaLimits } from './message-media.js';
import type { MonitorLog, MonitorStore } from './monitor-runtime.js';
import type { MtprotoPort } from './mtproto-port.js';

/** What a `TelegramMonitor` is built with: its account, port, store and sink, and its limits. */

export interface MonitorOptions {
  /** Names the session's update state in the store (one per Telegram account). */
  account: string;
  port: MtprotoPort;
  store: MonitorStore;
  sink: LiveSink;
  /** Downloaded files go under `<mediaDir>/<chatId>/`. */
  mediaDir: string;
  media: MediaLimits;
  backfill: { pageSize: number; maxMessages: number; notBeforeDays?: number };
  metadataRefreshMs: number;
  /** Channels one has not joined get no pushed updates: they are polled this often (0: never). */
  pollMs?: number;
  /** FLOOD_WAITs longer than this are not waited out (the call fails TELEGRAM_RATE_LIMITED). */
  maxWaitSeconds?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  log?: MonitorLog;
  /** PDQ (hex) of an avatar picture; the app injects it (hashing is detection's, not a connector's). */
  avatarHash?: (bytes: Buffer) => Promise<string | undefined>;
  /** Live steps that may wait before pushed updates are dropped for one catch-up (default 1,000). */
  maxQueuedUpdates?: number;
}
