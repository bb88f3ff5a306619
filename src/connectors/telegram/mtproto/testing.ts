import { Api } from 'telegram';
import { RPCError } from 'telegram/errors/index.js';
import { returnBigInt } from 'telegram/Helpers.js';
import {
  type BackfillCheckpoint,
  type ChannelMeta,
  notFound,
  type UpdateState,
  type WatchEntry,
} from '../../../core/index.js';
import type { MonitorStore } from './monitor-runtime.js';
import type { MtprotoPort, ResolvedChat, ResolveTarget } from './mtproto-port.js';
import type { ChatEntity } from './peer-ids.js';

/**
 * Test doubles for the monitor: a fake Telegram behind `MtprotoPort` that answers with real
 * GramJS `Api` objects, and an in-memory `MonitorStore`. Only tests import this file.
 */

export const long = (n: number | string) => returnBigInt(n);

export interface FakeChannel {
  chat: Api.Channel;
  full: Api.ChannelFull;
  /** The history, by message id. */
  messages: Map<number, Api.TypeMessage>;
  /** An RPC error name every call on this channel throws (CHANNEL_PRIVATE). */
  unreachable?: string;
}

export function fakeChannel(id: number, username: string, title = 'Neutral channel', pts = 1): FakeChannel {
  const chat = new Api.Channel({
    id: long(id),
    accessHash: long(id * 7),
    title,
    username,
    broadcast: true,
    photo: new Api.ChatPhoto({ photoId: long(id * 10), dcId: 2 }),
    date: 1_600_000_000,
  });
  const full = new Api.ChannelFull({
    id: long(id),
    about: 'about text',
    participantsCount: 100,
    readInboxMaxId: 0,
    readOutboxMaxId: 0,
    unreadCount: 0,
    chatPhoto: new Api.PhotoEmpty({ id: long(0) }),
    notifySettings: new Api.PeerNotifySettings({}),
    botInfo: [],
    pts,
  });
  return { chat, full, messages: new Map() };
}

export const postDate = (id: number) => 1_700_000_000 + id * 60;

export function post(
  channelId: number,
  id: number,
  fields: Partial<ConstructorParameters<typeof Api.Message>[0]> = {},
) {
  return new Api.Message({
    id,
    peerId: new Api.PeerChannel({ channelId: long(channelId) }),
    date: postDate(id),
    message: `neutral post ${id}`,
    ...fields,
  });
}

type Failures = Map<string, unknown[]>;

export class FakeTelegram implements MtprotoPort {
  readonly channels: FakeChannel[] = [];
  readonly calls: { name: string; args: unknown[] }[] = [];
  readonly failures: Failures = new Map();
  readonly differences: Api.updates.TypeDifference[] = [];
  readonly channelDifferences = new Map<string, Api.updates.TypeChannelDifference[]>();
  readonly files = new Map<Api.TypeMessageMedia, Buffer>();
  /** Channels an invite hash joins (others answer INVITE_HASH_EXPIRED). */
  readonly invites = new Map<string, FakeChannel>();
  /** Profile photos by bare chat id. */
  readonly avatars = new Map<string, Buffer>();
  state = new Api.updates.State({ pts: 1, qts: 0, date: 1_700_000_000, seq: 1, unreadCount: 0 });
  readonly #handlers = new Set<(update: Api.TypeUpdates | Api.TypeUpdate) => void>();
  connected = false;

  add(channel: FakeChannel): FakeChannel {
    this.channels.push(channel);
    return channel;
  }

  /** The next call of `name` throws `errors` in turn before answering. */
  failNext(name: string, ...errors: unknown[]): void {
    this.failures.set(name, [...(this.failures.get(name) ?? []), ...errors]);
  }

  push(update: Api.TypeUpdates | Api.TypeUpdate): void {
    for (const handler of this.#handlers) handler(update);
  }

  callsOf(name: string): unknown[][] {
    return this.calls.filter((c) => c.name === name).map((c) => c.args);
  }

  #enter(name: string, ...args: unknown[]): void {
    this.calls.push({ name, args });
    const queue = this.failures.get(name);
    const error = queue?.shift();
    if (error !== undefined) throw error;
  }

  #channelOf(chat: ChatEntity | ResolveTarget): FakeChannel {
    const found = this.channels.find((c) =>
      'kind' in chat && !(chat instanceof Api.Channel)
        ? (chat.kind === 'username' && c.chat.username?.toLowerCase() === chat.username) ||
          (chat.kind === 'id' && String(c.chat.id) === chat.chatId)
        : String(c.chat.id) === String((chat as ChatEntity).id),
    );
    if (found === undefined) throw new RPCError('USERNAME_NOT_OCCUPIED', undefined as never, 400);
    if (found.unreachable !== undefined) throw new RPCError(found.unreachable, undefined as never, 400);
    return found;
  }

  async connect(): Promise<void> {
    this.#enter('connect');
    this.connected = true;
  }
  async disconnect(): Promise<void> {
    this.#enter('disconnect');
    this.connected = false;
  }
  async resolve(target: ResolveTarget): Promise<ResolvedChat> {
    this.#enter('resolve', target);
    const channel = this.#channelOf(target);
    return { chat: channel.chat, full: channel.full };
  }
  async join(chat: ChatEntity): Promise<void> {
    this.#enter('join', String(chat.id));
  }
  async joinInvite(hash: string): Promise<ResolvedChat> {
    this.#enter('joinInvite', hash);
    const channel = this.invites.get(hash);
    if (channel !== undefined) return { chat: channel.chat, full: channel.full };
    throw new RPCError('INVITE_HASH_EXPIRED', undefined as never, 400);
  }
  async history(chat: ChatEntity, page: { offsetId: number; limit: number }): Promise<Api.TypeMessage[]> {
    this.#enter('history', String(chat.id), page);
    const channel = this.#channelOf(chat);
    const ids = [...channel.messages.keys()]
      .filter((id) => page.offsetId === 0 || id < page.offsetId)
      .sort((a, b) => b - a)
      .slice(0, page.limit);
    return ids.map((id) => channel.messages.get(id) as Api.TypeMessage);
  }
  async getMessages(chat: ChatEntity, ids: number[]): Promise<Api.TypeMessage[]> {
    this.#enter('getMessages', String(chat.id), ids);
    const channel = this.#channelOf(chat);
    return ids.map((id) => channel.messages.get(id) ?? new Api.MessageEmpty({ id }));
  }
  async getState(): Promise<Api.updates.State> {
    this.#enter('getState');
    return this.state;
  }
  async getDifference(from: { pts: number; qts: number; date: number }): Promise<Api.updates.TypeDifference> {
    this.#enter('getDifference', from);
    return this.differences.shift() ?? new Api.updates.DifferenceEmpty({ date: from.date, seq: this.state.seq });
  }
  async getChannelDifference(chat: ChatEntity, pts: number, limit: number): Promise<Api.updates.TypeChannelDifference> {
    this.#enter('getChannelDifference', String(chat.id), pts, limit);
    const queue = this.channelDifferences.get(String(chat.id));
    return queue?.shift() ?? new Api.updates.ChannelDifferenceEmpty({ final: true, pts });
  }
  onUpdate(handler: (update: Api.TypeUpdates | Api.TypeUpdate) => void): () => void {
    this.#handlers.add(handler);
    return () => this.#handlers.delete(handler);
  }
  async avatar(chat: ChatEntity, maxBytes: number): Promise<Buffer | undefined> {
    this.#enter('avatar', String(chat.id));
    const bytes = this.avatars.get(String(chat.id));
    return bytes === undefined || bytes.length > maxBytes ? undefined : bytes;
  }
  async download(media: Api.TypeMessageMedia, maxBytes: number): Promise<Buffer | undefined> {
    this.#enter('download', maxBytes);
    const bytes = this.files.get(media);
    return bytes === undefined || bytes.length > maxBytes ? undefined : bytes;
  }
}

/** The monitor's slice of TelegramStore, in memory. */
export class MemoryMonitorStore implements MonitorStore {
  readonly watches = new Map<string, WatchEntry>();
  readonly states = new Map<string, UpdateState>();
  readonly backfillSaves: BackfillCheckpoint[] = [];

  async saveWatch(entry: WatchEntry): Promise<void> {
    this.watches.set(entry.ref, structuredClone(entry));
  }
  async getWatch(refOrChatId: string): Promise<WatchEntry | undefined> {
    const byChat = [...this.watches.values()].filter((w) => w.chatId === refOrChatId);
    const entry = this.watches.get(refOrChatId) ?? byChat.find((w) => w.active) ?? byChat[0];
    return entry === undefined ? undefined : structuredClone(entry);
  }
  async listWatches(query: { active?: boolean } = {}): Promise<WatchEntry[]> {
    return [...this.watches.values()]
      .filter((w) => query.active === undefined || w.active === query.active)
      .map((w) => structuredClone(w));
  }
  #update(ref: string, change: Partial<WatchEntry>, at: string): void {
    const entry = this.watches.get(ref);
    // As the real stores do (TelegramStore): a ref not on the list is NOT_FOUND.
    if (entry === undefined) throw notFound('watched chat', ref);
    this.watches.set(ref, { ...entry, ...structuredClone(change), updatedAt: at });
  }
  async saveBackfill(ref: string, checkpoint: BackfillCheckpoint, at: string): Promise<void> {
    this.backfillSaves.push(structuredClone(checkpoint));
    this.#update(ref, { backfill: checkpoint }, at);
  }
  async saveChannelPts(ref: string, pts: number, at: string): Promise<void> {
    this.#update(ref, { channelPts: pts }, at);
  }
  async saveWatchMeta(ref: string, meta: ChannelMeta, at: string): Promise<void> {
    this.#update(ref, { meta }, at);
  }
  async getUpdateState(account: string): Promise<UpdateState | undefined> {
    return this.states.get(account);
  }
  async saveUpdateState(state: UpdateState): Promise<void> {
    this.states.set(state.account, { ...state });
  }
}
