import type { Api } from 'telegram';
import type { ChatEntity } from './peer-ids.js';
import type { WatchTarget } from './watch-ref.js';

/**
 * The narrow slice of a Telegram user client the monitor needs. `gramjs-port.ts` implements it
 * over GramJS; tests implement it with a fake that returns real GramJS `Api` objects, so the
 * monitor's paging, gap filling and backoff are exercised without Telegram's servers.
 * Every call may throw GramJS errors (FloodWaitError, RPCError): the monitor wraps each call in
 * `withTelegramRetry`, so implementations must not retry or sleep on their own.
 */
export interface MtprotoPort {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  /** A chat by public username, bare id (of a chat this account has seen) or invite hash. */
  resolve(target: ResolveTarget): Promise<ResolvedChat>;
  /** Joins a public channel or supergroup. */
  join(chat: ChatEntity): Promise<void>;
  /** Accepts an invite link's hash and returns the chat joined. */
  joinInvite(hash: string): Promise<ResolvedChat>;
  /** Newest first: messages older than `offsetId` (0 = from the newest), at most `limit`. */
  history(chat: ChatEntity, page: { offsetId: number; limit: number }): Promise<Api.TypeMessage[]>;
  /** The messages by id, in the order asked; a deleted one comes back as `MessageEmpty`. */
  getMessages(chat: ChatEntity, ids: number[]): Promise<Api.TypeMessage[]>;
  getState(): Promise<Api.updates.State>;
  getDifference(from: { pts: number; qts: number; date: number }): Promise<Api.updates.TypeDifference>;
  getChannelDifference(chat: ChatEntity, pts: number, limit: number): Promise<Api.updates.TypeChannelDifference>;
  /** Live updates as they arrive; returns the unsubscribe function. */
  onUpdate(handler: (update: Api.TypeUpdates | Api.TypeUpdate) => void): () => void;
  /**
   * The file's bytes, or undefined when it is larger than `maxBytes` (checked before the download
   * starts where Telegram says the size, and while receiving otherwise).
   */
  download(media: Api.TypeMessageMedia, maxBytes: number): Promise<Buffer | undefined>;
  /** The chat's current profile photo (the small size), or undefined when it has none or it is over `maxBytes`. */
  avatar(chat: ChatEntity, maxBytes: number): Promise<Buffer | undefined>;
}

/** What `resolve` is asked for: the parsed watch reference. */
export type ResolveTarget = WatchTarget;

export interface ResolvedChat {
  chat: ChatEntity;
  /** The full chat (about, member count, pts), when Telegram gave it. */
  full?: Api.TypeChatFull;
}
