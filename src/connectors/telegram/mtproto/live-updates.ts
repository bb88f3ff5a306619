import { Api } from 'telegram';
import type { LiveEvent } from '../live-event.js';
import type { MonitorRuntime, WatchedChat } from './monitor-runtime.js';
import { type PeerLookup, peerLookupOf } from './peer-ids.js';
import { updateToEvents } from './update-events.js';
import {
  type AccountState,
  accountDifferenceStep,
  accountStateOf,
  byMessageId,
  channelDifferenceStep,
  classifyUpdate,
  updateBox,
} from './update-gaps.js';

/**
 * Live updates in order, without loss: each update that carries a pts is checked against the
 * local state of its box (the channel's `channelPts`, or the account's `UpdateState`); a gap is
 * filled from getChannelDifference / getDifference before the update itself is applied, a
 * replay is dropped, and the stored state moves only after the sink took the events. A box
 * Telegram calls "too long" is caught up from history (newer than the last id we know).
 * The monitor calls these one at a time (its update queue), so two catch-ups never interleave.
 */

/** Catch-ups that loop on slices stop after this many rounds; the next update resumes them. */
const MAX_ROUNDS = 100;
const CHANNEL_DIFFERENCE_LIMIT = 100;

/** The key of the account's box among the channel ids in `behind`. */
const ACCOUNT_BOX = 'account';

export class LiveUpdates {
  #account: AccountState | undefined;
  readonly #behind = new Set<string>();

  constructor(
    private readonly rt: MonitorRuntime,
    private readonly limits: { maxMessages: number },
  ) {}

  /** Loads the stored account state, or takes Telegram's current one the first time. */
  async loadAccountState(): Promise<'stored' | 'fresh'> {
    const stored = await this.rt.store.getUpdateState(this.rt.options.account);
    if (stored !== undefined) {
      this.#account = { pts: stored.pts, qts: stored.qts, date: stored.date, seq: stored.seq };
      return 'stored';
    }
    const state = await this.rt.call('getState', () => this.rt.port.getState());
    await this.#saveAccount(accountStateOf(state));
    return 'fresh';
  }

  /** Whether a live update failed and its box still waits for `recover()`. */
  get behind(): boolean {
    return this.#behind.size > 0;
  }

  /**
   * Applies one pushed update. When it fails (the sink refused it), its box is remembered as
   * behind: its stored pts did not move, so `recover()` fetches it again by difference.
   */
  async handle(raw: Api.TypeUpdates | Api.TypeUpdate): Promise<void> {
    try {
      await this.#handle(raw);
    } catch (error) {
      for (const box of boxesOf(raw)) this.#behind.add(box);
      throw error;
    }
  }

  /** Catches up every box whose live update failed; a box leaves the set only once caught up. */
  async recover(): Promise<void> {
    for (const box of [...this.#behind]) {
      if (box === ACCOUNT_BOX) await this.catchUpAccount();
      else {
        const watched = this.rt.chats.get(box);
        if (watched !== undefined) await this.catchUpChannel(watched);
      }
      this.#behind.delete(box);
    }
  }

  async #handle(raw: Api.TypeUpdates | Api.TypeUpdate): Promise<void> {
    if (raw instanceof Api.UpdatesTooLong) return this.catchUpAccount();
    if (raw instanceof Api.Updates || raw instanceof Api.UpdatesCombined) {
      const peers = peerLookupOf(raw.users, raw.chats);
      for (const update of raw.updates) await this.#handleOne(update, peers);
      return;
    }
    if (raw instanceof Api.UpdateShort) return this.#handleOne(raw.update, undefined);
    // Short forms of private and basic-group messages lack the full message: fetch it with the difference.
    if (raw instanceof Api.UpdateShortChatMessage || raw instanceof Api.UpdateShortMessage)
      return this.catchUpAccount();
    if (raw instanceof Api.UpdateShortSentMessage) return;
    return this.#handleOne(raw, entitiesOf(raw));
  }

  async #handleOne(update: Api.TypeUpdate, peers: PeerLookup | undefined): Promise<void> {
    const box = updateBox(update);
    if (box.box === 'channel') {
      const watched = this.rt.chats.get(box.channelId);
      if (watched === undefined) return;
      const local = watched.entry.channelPts;
      if (local !== undefined) {
        let order = classifyUpdate(local, box.pts, box.ptsCount);
        if (order === 'duplicate') return;
        if (order === 'gap') {
          await this.catchUpChannel(watched);
          order = classifyUpdate(watched.entry.channelPts ?? local, box.pts, box.ptsCount);
          // The difference already held it; a gap left after a full catch-up is applied rather than stalling.
          if (order === 'duplicate') return;
        }
      }
      await this.rt.deliver(await this.#eventsOf(update, peers));
      await this.#saveChannelPts(watched, box.pts);
      return;
    }
    if (box.box === 'channel-too-long') {
      const watched = this.rt.chats.get(box.channelId);
      if (watched !== undefined) await this.catchUpChannel(watched);
      return;
    }
    if (box.box === 'account') return this.#handleAccount(update, box, peers);
    if (update instanceof Api.UpdateChannel) return; // metadata: the monitor's refresh reads it whole
    await this.rt.deliver(await this.#eventsOf(update, peers));
  }

  async #handleAccount(
    update: Api.TypeUpdate,
    box: { pts: number; ptsCount: number },
    peers: PeerLookup | undefined,
  ): Promise<void> {
    if (this.#account === undefined) await this.loadAccountState();
    const local = this.#account?.pts ?? 0;
    let order = classifyUpdate(local, box.pts, box.ptsCount);
    if (order === 'duplicate') return;
    if (order === 'gap') {
      await this.catchUpAccount();
      order = classifyUpdate(this.#account?.pts ?? local, box.pts, box.ptsCount);
      if (order === 'duplicate') return;
    }
    await this.rt.deliver(await this.#eventsOf(update, peers));
    // Updates of chats not watched move the state too, or every later update would look like a gap.
    if (this.#account !== undefined) await this.#saveAccount({ ...this.#account, pts: box.pts });
  }

  async #eventsOf(update: Api.TypeUpdate, peers: PeerLookup | undefined): Promise<LiveEvent[]> {
    const options = { ...(peers && { peers }) };
    if (update instanceof Api.UpdateNewChannelMessage || update instanceof Api.UpdateNewMessage) {
      return this.rt.messageEvents(update.message, { ...options, edited: false });
    }
    if (update instanceof Api.UpdateEditChannelMessage || update instanceof Api.UpdateEditMessage) {
      return this.rt.messageEvents(update.message, { ...options, edited: true });
    }
    const lookup = (chatId: string) => this.rt.chats.get(chatId)?.chat;
    return updateToEvents(update, lookup, this.rt.nowIso(), peers);
  }

  /** getDifference from the stored state until final; what it brings is delivered in order. */
  async catchUpAccount(): Promise<void> {
    if (this.#account === undefined && (await this.loadAccountState()) === 'fresh') return;
    for (let round = 0; round < MAX_ROUNDS && this.#account !== undefined; round++) {
      const from = this.#account;
      const difference = await this.rt.call('getDifference', () =>
        this.rt.port.getDifference({ pts: from.pts, qts: from.qts, date: from.date }),
      );
      const step = accountDifferenceStep(difference, from);
      const peers = peerLookupOf(step.users, step.chats);
      const events: LiveEvent[] = [];
      for (const message of byMessageId(step.messages)) {
        events.push(...(await this.rt.messageEvents(message, { peers, edited: false })));
      }
      const later: Api.TypeUpdate[] = [];
      for (const update of step.otherUpdates) {
        if (updateBox(update).box === 'account') events.push(...(await this.#eventsOf(update, peers)));
        else later.push(update);
      }
      await this.rt.deliver(events);
      await this.#saveAccount(step.nextState);
      // Channel updates in a difference keep their own pts order (a too-long channel catches up itself).
      for (const update of later) await this.#handleOne(update, peers);
      if (step.tooLong) await this.#historyCatchUpAll();
      if (step.final) return;
    }
  }

  /** getChannelDifference from the channel's stored pts until final. */
  async catchUpChannel(watched: WatchedChat): Promise<void> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const pts = watched.entry.channelPts;
      if (pts === undefined) return;
      const difference = await this.rt.call('getChannelDifference', () =>
        this.rt.port.getChannelDifference(watched.chat, pts, CHANNEL_DIFFERENCE_LIMIT),
      );
      const step = channelDifferenceStep(difference, pts);
      if (step.tooLong) {
        await this.historyCatchUp(watched);
      } else {
        const peers = peerLookupOf(step.users, step.chats);
        const events: LiveEvent[] = [];
        for (const message of byMessageId(step.messages)) {
          events.push(...(await this.rt.messageEvents(message, { peers, edited: false })));
        }
        for (const update of step.otherUpdates) events.push(...(await this.#eventsOf(update, peers)));
        await this.rt.deliver(events);
      }
      await this.#saveChannelPts(watched, step.nextState);
      if (step.final) return;
    }
  }

  /**
   * Telegram no longer lists what was missed: read history down to the newest id we know (the
   * back-fill's `newestId`, or the newest item delivered), at most `maxMessages`, oldest first.
   * Past `maxMessages` the older missed messages are skipped, and the log says how many were read.
   */
  async historyCatchUp(watched: WatchedChat): Promise<void> {
    const known = Math.max(watched.entry.backfill.newestId ?? 0, watched.lastSeenId ?? 0);
    const missed: Api.TypeMessage[] = [];
    let offsetId = 0;
    let reached = false;
    while (missed.length < this.limits.maxMessages) {
      const page = await this.rt.call('history', () =>
        this.rt.port.history(watched.chat, { offsetId, limit: Math.min(100, this.limits.maxMessages - missed.length) }),
      );
      const newer = page.filter((m) => m.id > known);
      missed.push(...newer);
      const oldest = page.at(-1);
      reached = oldest === undefined || newer.length < page.length || oldest.id <= 1;
      if (reached || oldest === undefined) break;
      offsetId = oldest.id;
    }
    if (!reached) {
      // More was missed than one catch-up reads: the older part is not delivered. Said loudly, by
      // ids and counts, so an operator can back-fill the range or raise the limit.
      this.rt.log.warn(
        {
          ref: watched.entry.ref,
          delivered: missed.length,
          maxMessages: this.limits.maxMessages,
          knownId: known,
          oldestDeliveredId: missed.at(-1)?.id,
        },
        'telegram.catchup.truncated',
      );
    }
    const events: LiveEvent[] = [];
    for (const message of byMessageId(missed))
      events.push(...(await this.rt.messageEvents(message, { edited: false })));
    await this.rt.deliver(events);
  }

  async #historyCatchUpAll(): Promise<void> {
    for (const watched of this.rt.chats.values()) {
      // Channels have their own box; the account's too-long concerns basic groups and users.
      if (!(watched.chat instanceof Api.Channel)) await this.historyCatchUp(watched);
    }
  }

  async #saveChannelPts(watched: WatchedChat, pts: number): Promise<void> {
    if (watched.entry.channelPts === pts) return;
    await this.rt.store.saveChannelPts(watched.entry.ref, pts, this.rt.nowIso());
    watched.entry = { ...watched.entry, channelPts: pts };
  }

  async #saveAccount(state: AccountState): Promise<void> {
    await this.rt.store.saveUpdateState({ account: this.rt.options.account, ...state, updatedAt: this.rt.nowIso() });
    this.#account = state;
  }
}

/** The boxes (channel ids, or the account) an update batch moves. */
function boxesOf(raw: Api.TypeUpdates | Api.TypeUpdate): string[] {
  const updates =
    raw instanceof Api.Updates || raw instanceof Api.UpdatesCombined
      ? raw.updates
      : raw instanceof Api.UpdateShort
        ? [raw.update]
        : raw instanceof Api.UpdatesTooLong || raw instanceof Api.UpdateShortSentMessage
          ? []
          : [raw as Api.TypeUpdate];
  const boxes = new Set<string>();
  if (updates.length === 0) boxes.add(ACCOUNT_BOX);
  for (const update of updates) {
    const box = updateBox(update);
    boxes.add(box.box === 'channel' || box.box === 'channel-too-long' ? box.channelId : ACCOUNT_BOX);
  }
  return [...boxes];
}

/** GramJS attaches the users and chats of an update's batch as `_entities` (keyed by marked id). */
function entitiesOf(update: Api.TypeUpdate): PeerLookup | undefined {
  const attached = (update as { _entities?: unknown })._entities;
  if (!(attached instanceof Map) || attached.size === 0) return undefined;
  const values = [...attached.values()] as (Api.TypeUser | Api.TypeChat)[];
  return peerLookupOf(
    values.filter((v): v is Api.TypeUser => v instanceof Api.User),
    values.filter((v): v is Api.TypeChat => !(v instanceof Api.User)),
  );
}
