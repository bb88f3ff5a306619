import { Api } from 'telegram';
import { AppError, appError, type ChannelMeta, invalidInput, notFound, type WatchEntry } from '../../../core/index.js';
import type { LiveEvent, LiveSink } from '../live-event.js';
import { withAvatar } from './avatar.js';
import { driveBackfill, startCheckpoint } from './backfill.js';
import { channelMeta } from './channel-meta.js';
import { LiveUpdates } from './live-updates.js';
import type { MediaLimits } from './message-media.js';
import { type MonitorLog, MonitorRuntime, type MonitorStore, type WatchedChat } from './monitor-runtime.js';
import type { MtprotoPort, ResolvedChat } from './mtproto-port.js';
import { canonicalRef, metaEvents, withoutError } from './watch-entry.js';
import { parseMessageLink, parseWatchRef, type WatchTarget } from './watch-ref.js';

/**
 * The MTProto monitor: follows the watch list live (new, edited and deleted messages, in order
 * and without loss across reconnects), back-fills each chat's history once with a resumable
 * checkpoint, refreshes channel metadata (renames and avatar swaps are evasion), and re-checks
 * whether a referred message is still there. It speaks to Telegram only through `MtprotoPort`,
 * every call under the retry policy, and hands everything to the sink as LiveEvents. One chat's
 * failure is kept on its watch entry (`lastError`) and the others go on.
 * `start()` connects the port and `stop()` disconnects it; for one-off calls without `start()`
 * (`watch`, `runBackfill`, `checkReachable`) the caller connects and disconnects the port.
 */

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
}

export type Reachability = 'gone' | 'present' | 'error';

const quiet: MonitorLog = { info: () => {}, warn: () => {} };

export class TelegramMonitor {
  readonly #rt: MonitorRuntime;
  readonly #updates: LiveUpdates;
  readonly #options: MonitorOptions;
  #queue: Promise<void> = Promise.resolve();
  #background: Promise<void> = Promise.resolve();
  #unsubscribe: (() => void) | undefined;
  #timers: NodeJS.Timeout[] = [];
  #started = false;
  #connected = false;
  #stopping = false;

  constructor(options: MonitorOptions) {
    this.#options = options;
    this.#rt = new MonitorRuntime({
      account: options.account,
      port: options.port,
      store: options.store,
      sink: options.sink,
      mediaDir: options.mediaDir,
      media: options.media,
      now: options.now ?? Date.now,
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      random: options.random ?? Math.random,
      maxWaitSeconds: options.maxWaitSeconds ?? 300,
      log: options.log ?? quiet,
    });
    this.#updates = new LiveUpdates(this.#rt, { maxMessages: options.backfill.maxMessages });
  }

  /** Adds (or re-activates) a chat: resolves it, joins it if asked and public, saves the entry. */
  async watch(ref: string, options: { join: boolean; by: string }): Promise<WatchEntry> {
    const target = parseWatchRef(ref);
    const resolved = await this.#resolveForWatch(target, options.join);
    // One entry per chat however it is named (`@Name`, `t.me/name`, its id), renamed or not.
    const existing =
      (await this.#rt.store.getWatch(canonicalRef(target))) ??
      (await this.#rt.store.getWatch(String(resolved.chat.id)));
    const key = existing?.ref ?? canonicalRef(target);
    const now = this.#rt.nowIso();
    const meta = await this.#observedMeta(existing?.meta, resolved, now);
    const pts = resolved.full instanceof Api.ChannelFull ? resolved.full.pts : undefined;
    const entry: WatchEntry = {
      ref: key,
      chatId: String(resolved.chat.id),
      join: options.join,
      active: true,
      addedAt: existing?.addedAt ?? now,
      addedBy: existing?.addedBy ?? options.by,
      backfill: existing?.backfill ?? startCheckpoint(this.#rt.options.now(), this.#options.backfill.notBeforeDays),
      ...((existing?.channelPts ?? pts) !== undefined && { channelPts: existing?.channelPts ?? pts }),
      ...(existing?.meta !== undefined && { meta: existing.meta }),
      updatedAt: now,
    };
    await this.#rt.store.saveWatch(entry);
    const watched: WatchedChat = { entry, chat: resolved.chat };
    this.#rt.chats.set(entry.chatId as string, watched);
    // The entry stands even if the sink is busy. The new metadata is saved only once delivered, so
    // the next refresh compares against what the app has seen and sends a missed rename again.
    try {
      await this.#rt.deliver(metaEvents(existing?.meta, meta));
      await this.#rt.store.saveWatchMeta(key, meta, now);
      watched.entry = { ...entry, meta };
    } catch (error) {
      this.#rt.log.warn({ ref: key, code: (error as { code?: unknown }).code }, 'telegram.watch.meta-not-taken');
    }
    if (this.#started) this.#inBackground(() => this.#backfillChat(watched));
    return watched.entry;
  }

  async #resolveForWatch(target: WatchTarget, join: boolean): Promise<ResolvedChat> {
    if (target.kind === 'invite' && join) {
      return this.#rt.call('joinInvite', () => this.#rt.port.joinInvite(target.hash));
    }
    const resolved = await this.#rt.call('resolve', () => this.#rt.port.resolve(target));
    const chat = resolved.chat;
    if (join && chat instanceof Api.Channel && chat.left === true && chat.username !== undefined) {
      await this.#rt.call('join', () => this.#rt.port.join(chat));
    }
    return resolved;
  }

  /** Stops following a chat; the entry and its checkpoint stay for a later watch. */
  async unwatch(ref: string): Promise<WatchEntry> {
    const entry = await this.#findEntry(ref);
    const updated: WatchEntry = { ...entry, active: false, updatedAt: this.#rt.nowIso() };
    await this.#rt.store.saveWatch(updated);
    if (entry.chatId !== undefined) this.#rt.chats.delete(entry.chatId);
    return updated;
  }

  /** Connects, catches up what was missed, follows live updates, back-fills, refreshes metadata. */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#stopping = false;
    await this.#connect();
    // Entries load before `started` is set, so adopting one (below) does not also start its back-fill.
    await this.#loadWatched();
    this.#started = true;
    this.#unsubscribe = this.#rt.port.onUpdate((update) => {
      this.#enqueue(() => this.#updates.handle(update));
    });
    this.#enqueue(() => this.#catchUp());
    for (const watched of this.#rt.chats.values()) {
      if (watched.entry.backfill.state !== 'done') this.#inBackground(() => this.#backfillChat(watched));
    }
    this.#every(this.#options.metadataRefreshMs, () => this.refreshMetadata());
    this.#every(this.#options.pollMs ?? 60_000, () => this.#enqueue(() => this.#pollChannels({ unjoinedOnly: true })));
  }

  /** Resolves when the queued updates and background back-fills have finished (tests, shutdown). */
  async settled(): Promise<void> {
    for (;;) {
      const queue = this.#queue;
      const background = this.#background;
      await Promise.all([queue, background]);
      if (queue === this.#queue && background === this.#background) return;
    }
  }

  /** Unsubscribes, lets the current page finish, saves state and disconnects. */
  async stop(): Promise<void> {
    if (!this.#started) return this.#disconnect();
    this.#stopping = true;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers = [];
    await this.settled();
    this.#started = false;
    await this.#disconnect();
  }

  /**
   * `start()` connects and `stop()` disconnects. Outside them (a one-off `watch`, a re-check) the
   * caller connects and disconnects the port itself.
   */
  async #connect(): Promise<void> {
    if (this.#connected) return;
    await this.#rt.call('connect', () => this.#rt.port.connect());
    this.#connected = true;
  }

  async #disconnect(): Promise<void> {
    if (!this.#connected) return;
    this.#connected = false;
    await this.#rt.port.disconnect();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  /** Back-fills one watched chat now (resuming from its checkpoint). */
  async runBackfill(ref: string): Promise<WatchEntry> {
    const entry = await this.#findEntry(ref);
    if (!entry.active) throw appError('CONFLICT', `${entry.ref} is unwatched; watch it again to back-fill it`, 'ref');
    const watched = (entry.chatId && this.#rt.chats.get(entry.chatId)) || (await this.#resolveWatched(entry));
    const checkpoint = await this.#backfill(watched);
    return { ...watched.entry, backfill: checkpoint };
  }

  /** Re-reads each watched chat's metadata; a change becomes a channel event and service events. */
  async refreshMetadata(): Promise<void> {
    for (const entry of await this.#rt.store.listWatches({ active: true })) {
      try {
        const resolved = await this.#resolveEntry(entry);
        const meta = await this.#observedMeta(entry.meta, resolved, this.#rt.nowIso());
        const watched = this.#track(entry, resolved);
        await this.#rt.deliver(metaEvents(entry.meta, meta));
        await this.#rt.store.saveWatchMeta(entry.ref, meta, meta.observedAt);
        watched.entry = { ...watched.entry, meta };
      } catch (error) {
        if (isSessionError(error)) throw error;
        await this.#rt.recordFailure(entry.ref, error);
      }
    }
  }

  /** The chat's metadata now, with its avatar file and PDQ (a failed avatar fetch costs only the avatar). */
  async #observedMeta(before: ChannelMeta | undefined, resolved: ResolvedChat, at: string): Promise<ChannelMeta> {
    const meta = channelMeta(resolved.chat, resolved.full, at);
    try {
      return await withAvatar(before, meta, resolved.chat, {
        mediaDir: this.#rt.options.mediaDir,
        fetch: (chat, maxBytes) => this.#rt.call('avatar', () => this.#rt.port.avatar(chat, maxBytes)),
        ...(this.#options.avatarHash !== undefined && { hash: this.#options.avatarHash }),
      });
    } catch (error) {
      if (isSessionError(error)) throw error;
      this.#rt.log.warn(
        { chatId: meta.chatId, code: (error as { code?: unknown }).code },
        'telegram.avatar.not-fetched',
      );
      return meta;
    }
  }

  /** For the referral re-check: is the message behind a `t.me/<chat>/<id>` link still there? */
  async checkReachable(link: string): Promise<Reachability> {
    const parsed = parseMessageLink(link);
    if (parsed === undefined)
      throw invalidInput(`"${link.slice(0, 80)}" is not a link to a Telegram message (t.me/<channel>/<id>)`, 'link');
    try {
      const { chat } = await this.#rt.call('resolve', () => this.#rt.port.resolve(parsed.target));
      const [message] = await this.#rt.call('getMessages', () =>
        this.#rt.port.getMessages(chat, [Number(parsed.messageId)]),
      );
      return message === undefined || message instanceof Api.MessageEmpty ? 'gone' : 'present';
    } catch (error) {
      // A private, deleted or renamed channel is gone for its audience; anything else is unknown now.
      if (error instanceof AppError && error.code === 'TELEGRAM_CHAT_UNREACHABLE') return 'gone';
      this.#rt.log.warn({ code: (error as { code?: unknown }).code }, 'telegram.recheck.failed');
      return 'error';
    }
  }

  /** An entry by the reference as written, its canonical form, or the chat id. */
  async #findEntry(ref: string): Promise<WatchEntry> {
    const written = ref.trim();
    let canonical: string | undefined;
    try {
      canonical = canonicalRef(parseWatchRef(written));
    } catch {
      canonical = undefined;
    }
    const entry =
      (await this.#rt.store.getWatch(written)) ??
      (canonical === undefined ? undefined : await this.#rt.store.getWatch(canonical));
    if (entry === undefined) throw notFound('watched chat', written.slice(0, 256));
    return entry;
  }

  async #loadWatched(): Promise<void> {
    for (const entry of await this.#rt.store.listWatches({ active: true })) {
      try {
        // `rasd telegram watch` saves entries unresolved (it has no session); the first start resolves
        // them, joins the ones marked so, and saves the chat id and metadata, as watching here would.
        if (entry.chatId === undefined) await this.watch(entry.ref, { join: entry.join, by: entry.addedBy });
        else await this.#resolveWatched(entry);
      } catch (error) {
        if (isSessionError(error)) throw error;
        await this.#rt.recordFailure(entry.ref, error);
      }
    }
  }

  async #resolveWatched(entry: WatchEntry): Promise<WatchedChat> {
    return this.#track(entry, await this.#resolveEntry(entry));
  }

  #track(entry: WatchEntry, resolved: ResolvedChat): WatchedChat {
    const chatId = String(resolved.chat.id);
    const known = this.#rt.chats.get(chatId);
    const fresh = entry.lastError === undefined ? entry : withoutError(entry);
    const watched: WatchedChat = { ...known, entry: known?.entry ?? { ...fresh, chatId }, chat: resolved.chat };
    this.#rt.chats.set(chatId, watched);
    return watched;
  }

  /** By id when known (a renamed channel keeps its id), else by the reference as written. */
  async #resolveEntry(entry: WatchEntry): Promise<ResolvedChat> {
    if (entry.chatId !== undefined) {
      const chatId = entry.chatId;
      try {
        return await this.#rt.call('resolve', () => this.#rt.port.resolve({ kind: 'id', chatId }));
      } catch (error) {
        if (isSessionError(error)) throw error;
      }
    }
    const target = parseWatchRef(entry.ref);
    return this.#rt.call('resolve', () => this.#rt.port.resolve(target));
  }

  async #backfillChat(watched: WatchedChat): Promise<void> {
    try {
      await this.#backfill(watched);
    } catch (error) {
      if (isSessionError(error)) this.#rt.log.warn({ code: 'TELEGRAM_SESSION_INVALID' }, 'telegram.session.invalid');
      await this.#rt.recordFailure(watched.entry.ref, error);
    }
  }

  async #backfill(watched: WatchedChat) {
    const { pageSize, maxMessages } = this.#options.backfill;
    const checkpoint = await driveBackfill({
      checkpoint: watched.entry.backfill,
      limits: { pageSize, maxMessages },
      fetchPage: (offsetId, limit) =>
        this.#rt.call('history', () => this.#rt.port.history(watched.chat, { offsetId, limit })),
      deliver: async (messages) => {
        const events: LiveEvent[] = [];
        for (const message of messages) events.push(...(await this.#rt.messageEvents(message, { edited: false })));
        await this.#rt.deliver(events);
      },
      save: async (next) => {
        await this.#rt.store.saveBackfill(watched.entry.ref, next, this.#rt.nowIso());
        watched.entry = { ...watched.entry, backfill: next };
      },
      shouldStop: () => this.#stopping,
    });
    this.#rt.log.info(
      { ref: watched.entry.ref, fetched: checkpoint.fetched, state: checkpoint.state },
      'telegram.backfill',
    );
    return checkpoint;
  }

  async #catchUp(): Promise<void> {
    const state = await this.#updates.loadAccountState();
    if (state === 'stored') await this.#updates.catchUpAccount();
    await this.#pollChannels({ unjoinedOnly: false });
  }

  /**
   * Telegram pushes updates only for channels the account is in; the others are asked for their
   * difference on a timer. After a restart every channel is asked once.
   */
  async #pollChannels(options: { unjoinedOnly: boolean }): Promise<void> {
    for (const watched of [...this.#rt.chats.values()]) {
      if (this.#stopping) return;
      if (!(watched.chat instanceof Api.Channel)) continue;
      if (options.unjoinedOnly && watched.chat.left !== true) continue;
      try {
        await this.#updates.catchUpChannel(watched);
      } catch (error) {
        if (isSessionError(error)) throw error;
        await this.#rt.recordFailure(watched.entry.ref, error);
      }
    }
  }

  /** Live work runs one step at a time, in arrival order; a failed step is logged and the next goes on. */
  #enqueue(step: () => Promise<void>): void {
    this.#queue = this.#queue.then(step).catch((error: unknown) => {
      this.#rt.log.warn({ code: (error as { code?: unknown }).code }, 'telegram.update.failed');
    });
  }

  #inBackground(work: () => Promise<void>): void {
    this.#background = this.#background.then(work).catch((error: unknown) => {
      this.#rt.log.warn({ code: (error as { code?: unknown }).code }, 'telegram.backfill.failed');
    });
  }

  #every(ms: number, work: () => Promise<void> | void): void {
    if (!(ms > 0)) return;
    const timer = setInterval(() => {
      if (this.#stopping) return;
      Promise.resolve(work()).catch((error: unknown) => {
        this.#rt.log.warn({ code: (error as { code?: unknown }).code }, 'telegram.timer.failed');
      });
    }, ms);
    timer.unref();
    this.#timers.push(timer);
  }
}

function isSessionError(error: unknown): boolean {
  return error instanceof AppError && error.code === 'TELEGRAM_SESSION_INVALID';
}
