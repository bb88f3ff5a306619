import { Api } from 'telegram';
import { AppError, type WatchEntry } from '../../../core/index.js';
import type { TelegramStore } from '../../../storage/ports.js';
import type { LiveEvent, LiveSink } from '../live-event.js';
import { withTelegramRetry } from './backoff.js';
import { downloadMessageMedia } from './media-download.js';
import { messageToEvents, type RejectedMessage } from './message-item.js';
import type { MediaLimits } from './message-media.js';
import type { MtprotoPort } from './mtproto-port.js';
import { type ChatEntity, isPeerOf, type PeerLookup, peerChatId } from './peer-ids.js';

/**
 * What the monitor's parts share: the watched chats, the retry policy around every port call,
 * and the one way events leave (only watched chats, each item version once per process, nothing
 * marked as sent until the sink took it).
 */

export type MonitorStore = Pick<
  TelegramStore,
  | 'listWatches'
  | 'getWatch'
  | 'saveWatch'
  | 'saveBackfill'
  | 'saveChannelPts'
  | 'saveWatchMeta'
  | 'getUpdateState'
  | 'saveUpdateState'
>;

/** Pino's shape; the monitor logs ids and counts only, never text or session strings. */
export interface MonitorLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface WatchedChat {
  entry: WatchEntry;
  chat: ChatEntity;
  /** The newest message id delivered in this process (a too-long gap reads history down to it). */
  lastSeenId?: number;
}

export interface RuntimeOptions {
  account: string;
  port: MtprotoPort;
  store: MonitorStore;
  sink: LiveSink;
  mediaDir: string;
  media: MediaLimits;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  maxWaitSeconds: number;
  log: MonitorLog;
}

/** Item versions remembered per process so a replay after a reconnect is not sent again. */
const REMEMBERED = 50_000;

export class MonitorRuntime {
  readonly chats = new Map<string, WatchedChat>();
  readonly #sent = new Set<string>();

  constructor(readonly options: RuntimeOptions) {}

  get port(): MtprotoPort {
    return this.options.port;
  }
  get store(): MonitorStore {
    return this.options.store;
  }
  get log(): MonitorLog {
    return this.options.log;
  }

  nowIso(): string {
    return new Date(this.options.now()).toISOString();
  }

  /** A port call under the retry policy (FLOOD_WAIT waited out, transient failures backed off). */
  call<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const { sleep, random, maxWaitSeconds, log } = this.options;
    return withTelegramRetry(fn, {
      call: name,
      sleep,
      random,
      maxWaitSeconds,
      onWait: (wait) =>
        log.warn({ call: wait.call, attempt: wait.attempt, waitMs: wait.waitMs, reason: wait.reason }, 'telegram.wait'),
    });
  }

  watchedOf(peer: Api.TypePeer | undefined): WatchedChat | undefined {
    if (peer === undefined) return undefined;
    const watched = this.chats.get(peerChatId(peer));
    return watched && isPeerOf(peer, watched.chat) ? watched : undefined;
  }

  /** A message of a watched chat as events, its wanted files downloaded; [] for other chats. */
  async messageEvents(
    message: Api.TypeMessage,
    options: { peers?: PeerLookup; edited: boolean },
  ): Promise<LiveEvent[]> {
    if (message instanceof Api.MessageEmpty) return [];
    const watched = this.watchedOf(message.peerId);
    if (watched === undefined) return [];
    const eventOptions = {
      edited: options.edited,
      ...(options.peers && { peers: options.peers }),
      onRejected: (rejected: RejectedMessage) => this.log.warn({ ...rejected }, 'telegram.message.rejected'),
    };
    if (!(message instanceof Api.Message) || message.media === undefined) {
      return messageToEvents(message, watched.chat, eventOptions);
    }
    const media = await downloadMessageMedia(
      {
        mediaDir: this.options.mediaDir,
        limits: this.options.media,
        fetch: (source, maxBytes) => this.call('download', () => this.port.download(source, maxBytes)),
        reread: async () => {
          const [fresh] = await this.call('getMessages', () => this.port.getMessages(watched.chat, [message.id]));
          return fresh;
        },
      },
      message,
      String(watched.chat.id),
    );
    return messageToEvents(message, watched.chat, { ...eventOptions, ...(media.length > 0 && { media }) });
  }

  /** Hands the events of watched chats to the sink; a rejection leaves them unsent (the caller retries). */
  async deliver(events: readonly LiveEvent[]): Promise<number> {
    const fresh: LiveEvent[] = [];
    const keys = new Set<string>();
    let unplaced = 0;
    for (const event of events) {
      if (!this.chats.has(chatIdOf(event))) {
        if (event.kind === 'deleted' && event.chatId === '') unplaced += event.messageIds.length;
        continue;
      }
      if (event.kind === 'item') {
        const key = `${event.item.chat.id}/${event.item.messageId}/${event.item.version ?? 0}`;
        if (this.#sent.has(key) || keys.has(key)) continue;
        keys.add(key);
      }
      fresh.push(event);
    }
    // Deletions in basic groups and private chats name no chat (ids there are per account), so
    // they cannot be attributed; counted in the log so their loss is visible.
    if (unplaced > 0) this.log.info({ messages: unplaced }, 'telegram.deletion.unattributed');
    if (fresh.length === 0) return 0;
    await this.options.sink(fresh);
    for (const key of keys) this.#remember(key);
    for (const event of fresh)
      if (event.kind === 'item') this.#noteSeen(event.item.chat.id, Number(event.item.messageId));
    return fresh.length;
  }

  #noteSeen(chatId: string, messageId: number): void {
    const watched = this.chats.get(chatId);
    if (watched !== undefined && messageId > (watched.lastSeenId ?? 0)) watched.lastSeenId = messageId;
  }

  #remember(key: string): void {
    this.#sent.add(key);
    if (this.#sent.size <= REMEMBERED) return;
    const oldest = this.#sent.values().next().value;
    if (oldest !== undefined) this.#sent.delete(oldest);
  }

  /**
   * Keeps an entry's failure on the entry, so `status` can show it: an AppError's sentence (written
   * for users, no content), else only the error's code in a fixed sentence, since a raw message
   * may quote a request, text or a path.
   */
  async recordFailure(ref: string, error: unknown): Promise<void> {
    const entry = await this.store.getWatch(ref);
    const detail = error instanceof AppError ? error.message : unexpectedFailure(error);
    this.log.warn({ ref, code: (error as { code?: unknown }).code }, 'telegram.watch.failed');
    if (entry === undefined) return;
    await this.store.saveWatch({ ...entry, lastError: detail.slice(0, 1024), updatedAt: this.nowIso() });
  }
}

function unexpectedFailure(error: unknown): string {
  const rpc = (error as { errorMessage?: unknown } | undefined)?.errorMessage;
  const code = (error as { code?: unknown } | undefined)?.code;
  const name = [rpc, code].find((v): v is string => typeof v === 'string' && /^[A-Za-z0-9_]{1,64}$/.test(v));
  return `an unexpected error${name === undefined ? '' : ` (${name})`} stopped this chat; it is tried again at the next start or metadata refresh`;
}

export function chatIdOf(event: LiveEvent): string {
  switch (event.kind) {
    case 'item':
      return event.item.chat.id;
    case 'deleted':
      return event.chatId;
    case 'channel':
      return event.meta.chatId;
    case 'service':
      return event.event.chatId;
  }
}
