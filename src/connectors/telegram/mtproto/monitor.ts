import { Api } from 'telegram';
import { AppError, appError, type ChannelMeta, notFound, type WatchEntry } from '../../../core/index.js';
import type { LiveEvent } from '../live-event.js';
import { driveBackfill, startCheckpoint } from './backfill.js';
import { LiveUpdates } from './live-updates.js';
import type { MonitorOptions } from './monitor-options.js';
import { type MonitorLog, MonitorRuntime, type WatchedChat } from './monitor-runtime.js';
import type { ResolvedChat } from './mtproto-port.js';
import { observedMeta } from './observed-meta.js';
import { messageReachability, type Reachability } from './reachability.js';
import { UpdateQueue } from './update-queue.js';
import { canonicalRef, metaEvents, withoutError } from './watch-entry.js';
import { parseWatchRef, type WatchTarget } from './watch-ref.js';

export type { MonitorOptions } from './monitor-options.js';
export type { Reachability } from './reachability.js';

/**
 * The MTProto monitor: follows the watch list live (new and edited messages, and deletions in
 * channels and supergroups; in order, a refused update fetched again by pts), back-fills each chat's history once with a resumable
 * checkpoint, refreshes channel metadata (renames and avatar swaps are evasion), and re-checks
 * whether a referred message is still there. It speaks to Telegram only through `MtprotoPort`,
 * every call under the retry policy, and hands everything to the sink as LiveEvents. One chat's
 * failure is kept on its watch entry (`lastError`) and the others go on.
 * `start()` connects the port and `stop()` disconnects it; for one-off calls without `start()`
 * (`watch`, `runBackfill`, `checkReachable`) the caller connects and disconnects the port.
 */

const quiet: MonitorLog = { info: () => {}, warn: () => {} };

export class TelegramMonitor {
  readonly #rt: MonitorRuntime;
  readonly #updates: LiveUpdates;
  readonly #options: MonitorOptions;
  readonly #queue: UpdateQueue;
  #background: Promise<void> = Promise.resolve();
  #lose: (error: AppError) => void = () => {};
  /**
   * Resolves when a revoked session (TELEGRAM_SESSION_INVALID) stopped the monitor while running;
   * the caller should then `stop()` and exit non-zero. Never rejects.
   */
  readonly failed: Promise<AppError> = new Promise((resolve) => {
    this.#lose = resolve;
  });
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
    this.#queue = new UpdateQueue({
      log: this.#rt.log,
      sleep: this.#rt.options.sleep,
      maxDepth: options.maxQueuedUpdates ?? 1_000,
      retryMs: 1_000,
      maxRetryMs: 300_000,
      onSessionLost: (error) => this.#sessionLost(error),
    });
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
    this.#queue.open();
    this.#unsubscribe = this.#rt.port.onUpdate((update) => {
      this.#queue.pushUpdate(
        () => this.#updates.handle(update),
        () => this.#catchUpAll(),
        () => this.#updates.recover(),
      );
    });
    this.#queue.push(() => this.#catchUp());
    for (const watched of this.#rt.chats.values()) {
      if (watched.entry.backfill.state !== 'done') this.#inBackground(() => this.#backfillChat(watched));
    }
    this.#every(this.#options.metadataRefreshMs, () => this.refreshMetadata());
    this.#every(this.#options.pollMs ?? 60_000, () =>
      this.#queue.pushPoll(() => this.#pollChannels({ unjoinedOnly: true })),
    );
  }

  /** Resolves when the queued updates and background back-fills have finished (tests, shutdown). */
  async settled(): Promise<void> {
    for (;;) {
      const background = this.#background;
      await Promise.all([this.#queue.idle(), background]);
      if (background === this.#background && this.#queue.isIdle) return;
    }
  }

  /** Unsubscribes, lets the current page finish, saves state and disconnects. */
  async stop(): Promise<void> {
    if (!this.#started) return this.#disconnect();
    this.#halt();
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

  /** Stops taking updates and timers; what is under way finishes. */
  #halt(): void {
    this.#stopping = true;
    this.#queue.close();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers = [];
  }

  /** A revoked session: nothing more can work, so stop following and tell the caller once. */
  #sessionLost(error: AppError): void {
    if (this.#stopping) return;
    this.#halt();
    this.#lose(error);
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

  #observedMeta(before: ChannelMeta | undefined, resolved: ResolvedChat, at: string): Promise<ChannelMeta> {
    return observedMeta(this.#rt, { before, resolved, at, avatarHash: this.#options.avatarHash });
  }

  /** For the referral re-check: is the message behind a `t.me/<chat>/<id>` link still there? */
  checkReachable(link: string): Promise<Reachability> {
    return messageReachability(this.#rt, link);
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
      if (isSessionError(error)) {
        this.#rt.log.warn({ code: 'TELEGRAM_SESSION_INVALID' }, 'telegram.session.invalid');
        return this.#sessionLost(error as AppError);
      }
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

  /** After updates were dropped (too many waiting): everything since the stored pts, again. */
  async #catchUpAll(): Promise<void> {
    await this.#updates.catchUpAccount();
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
        if (isSessionError(error)) return this.#sessionLost(error as AppError);
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
