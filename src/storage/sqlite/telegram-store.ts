import type Database from 'better-sqlite3';
import type {
  Action,
  ActionStatus,
  BackfillCheckpoint,
  ChannelMeta,
  MessageDeletion,
  ModeratedChat,
  UpdateState,
  WatchEntry,
} from '../../core/index.js';
import type {
  ActionAttempt,
  ActionWriteStore,
  ItemVersionStore,
  ItemVersionSummary,
  TelegramStore,
} from '../telegram-ports.js';
import { ActionWrites } from './action-writes.js';
import { SqliteClosureStore } from './closure-store.js';
import { ItemVersionQueries } from './item-version-queries.js';
import { guard } from './storage-error.js';
import { TelegramQueries } from './telegram-queries.js';

/**
 * The live Telegram ports on SQLite (TelegramStore, ActionWriteStore, ItemVersionStore), a floor
 * of `SqliteStore`. All of it runs on the main connection, not the scan writer: a watch list, an
 * update state and a chat's actions change a few times a minute.
 */
export class SqliteTelegramStore
  extends SqliteClosureStore
  implements TelegramStore, ActionWriteStore, ItemVersionStore
{
  readonly #telegram: TelegramQueries;
  readonly #actionWrites: ActionWrites;
  readonly #versions: ItemVersionQueries;

  constructor(db: Database.Database, now: () => Date) {
    super(db, now);
    this.#telegram = new TelegramQueries(db);
    this.#actionWrites = new ActionWrites(db);
    this.#versions = new ItemVersionQueries(db);
  }

  async saveWatch(entry: WatchEntry): Promise<void> {
    guard('saveWatch', () => this.#telegram.saveWatch(entry));
  }

  async getWatch(refOrChatId: string): Promise<WatchEntry | undefined> {
    return guard('getWatch', () => this.#telegram.getWatch(refOrChatId));
  }

  async listWatches(query: { active?: boolean } = {}): Promise<WatchEntry[]> {
    return guard('listWatches', () => this.#telegram.listWatches(query));
  }

  async saveBackfill(ref: string, checkpoint: BackfillCheckpoint, at: string): Promise<void> {
    guard('saveBackfill', () => this.#telegram.saveBackfill(ref, checkpoint, at));
  }

  async saveChannelPts(ref: string, pts: number, at: string): Promise<void> {
    guard('saveChannelPts', () => this.#telegram.saveChannelPts(ref, pts, at));
  }

  async saveWatchMeta(ref: string, meta: ChannelMeta, at: string): Promise<void> {
    guard('saveWatchMeta', () => this.#telegram.saveWatchMeta(ref, meta, at));
  }

  async getUpdateState(account: string): Promise<UpdateState | undefined> {
    return guard('getUpdateState', () => this.#telegram.getUpdateState(account));
  }

  async saveUpdateState(state: UpdateState): Promise<void> {
    guard('saveUpdateState', () => this.#telegram.saveUpdateState(state));
  }

  async recordDeletion(deletion: MessageDeletion): Promise<boolean> {
    return guard('recordDeletion', () => this.#telegram.recordDeletion(deletion));
  }

  async getDeletion(platform: string, chatId: string, messageId: string): Promise<MessageDeletion | undefined> {
    return guard('getDeletion', () => this.#telegram.getDeletion(platform, chatId, messageId));
  }

  async listDeletions(query: { chatId?: string; limit: number }): Promise<MessageDeletion[]> {
    return guard('listDeletions', () => this.#telegram.listDeletions(query));
  }

  async saveModeratedChat(chat: ModeratedChat): Promise<void> {
    guard('saveModeratedChat', () => this.#telegram.saveModeratedChat(chat));
  }

  async listModeratedChats(): Promise<ModeratedChat[]> {
    return guard('listModeratedChats', () => this.#telegram.listModeratedChats());
  }

  async getModeratedChat(chatId: string): Promise<ModeratedChat | undefined> {
    return guard('getModeratedChat', () => this.#telegram.getModeratedChat(chatId));
  }

  async requestAction(action: Action): Promise<boolean> {
    return guard('requestAction', () => this.#actionWrites.requestAction(action));
  }

  async claimAction(actionId: string, at: string): Promise<boolean> {
    return guard('claimAction', () => this.#actionWrites.claimAction(actionId, at));
  }

  async reclaimStaleActions(target: string, sentBefore: string, limit: number): Promise<string[]> {
    return guard('reclaimStaleActions', () => this.#actionWrites.reclaimStaleActions(target, sentBefore, limit));
  }

  async requeueDryRun(query: { since?: string; limit: number }): Promise<string[]> {
    return guard('requeueDryRun', () => this.#actionWrites.requeueDryRun(query));
  }

  async recordAttempt(actionId: string, attempt: ActionAttempt): Promise<void> {
    guard('recordAttempt', () => this.#actionWrites.recordAttempt(actionId, attempt));
  }

  async getAction(actionId: string): Promise<Action | undefined> {
    return guard('getAction', () => this.#actionWrites.getAction(actionId));
  }

  async listItemActions(itemKey: string): Promise<Action[]> {
    return guard('listItemActions', () => this.#actionWrites.listItemActions(itemKey));
  }

  async countActionsByStatus(target: string): Promise<Partial<Record<ActionStatus, number>>> {
    return guard('countActionsByStatus', () => this.#actionWrites.countActionsByStatus(target));
  }

  async listRequestedActions(target: string, limit: number): Promise<Action[]> {
    return guard('listRequestedActions', () => this.#actionWrites.listRequestedActions(target, limit));
  }

  async listItemVersions(platform: string, chatId: string, messageId: string): Promise<ItemVersionSummary[]> {
    return guard('listItemVersions', () => this.#versions.listItemVersions(platform, chatId, messageId));
  }
}
