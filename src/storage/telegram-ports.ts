/**
 * What the live Telegram connectors (issue 8) keep: the monitor's watch list with a resumable
 * back-fill checkpoint and channel pts per chat, the session's account-wide update state, the chats
 * the bot moderates with its rights there, and the deletions Rasd observed. The shapes are core's
 * (`core/telegram-live.ts`).
 */
import type {
  Action,
  ActionStatus,
  BackfillCheckpoint,
  ChannelMeta,
  MessageDeletion,
  ModeratedChat,
  UpdateState,
  WatchEntry,
} from '../core/index.js';

export interface TelegramStore {
  /** Adds or replaces the entry named by `entry.ref`. */
  saveWatch(entry: WatchEntry): Promise<void>;
  /** By ref, or else by resolved chat id (several refs may name one chat: the active, oldest one). */
  getWatch(refOrChatId: string): Promise<WatchEntry | undefined>;
  /** Oldest first; `active` narrows to followed (true) or unwatched (false) entries. */
  listWatches(query?: { active?: boolean }): Promise<WatchEntry[]>;
  /**
   * Moves the back-fill on; a checkpoint is written after each page is handed to the scan. This
   * and the two below set `updatedAt` to `at`, and fail NOT_FOUND for a ref not on the list.
   */
  saveBackfill(ref: string, checkpoint: BackfillCheckpoint, at: string): Promise<void>;
  saveChannelPts(ref: string, pts: number, at: string): Promise<void>;
  /** The last observed metadata; the caller compares before saving to find renames and avatar swaps. */
  saveWatchMeta(ref: string, meta: ChannelMeta, at: string): Promise<void>;

  getUpdateState(account: string): Promise<UpdateState | undefined>;
  saveUpdateState(state: UpdateState): Promise<void>;

  /** False when this message's deletion was recorded already (a deletion is recorded once). */
  recordDeletion(deletion: MessageDeletion): Promise<boolean>;
  getDeletion(platform: string, chatId: string, messageId: string): Promise<MessageDeletion | undefined>;
  /** Newest observation first. */
  listDeletions(query: { chatId?: string; limit: number }): Promise<MessageDeletion[]>;

  saveModeratedChat(chat: ModeratedChat): Promise<void>;
  listModeratedChats(): Promise<ModeratedChat[]>;
  getModeratedChat(chatId: string): Promise<ModeratedChat | undefined>;
}

/** What changes when an action is attempted. */
export interface ActionAttempt {
  status: ActionStatus;
  attempts: number;
  lastAttemptAt: string;
  /** Kept once set: a later attempt without one does not take a confirmation back. */
  confirmedAt?: string;
  /** This attempt's answer; it replaces the previous one (absent clears it). */
  outcome?: string;
}

/**
 * Actions outside a scan batch: a reviewer's decision or a connector asks for one, a runner
 * attempts it. One action per item version and kind, whoever asks twice.
 */
export interface ActionWriteStore {
  /**
   * False when the item version already has an action of this kind (the existing one stands).
   * NOT_FOUND when the item version is not stored.
   */
  requestAction(action: Action): Promise<boolean>;
  /**
   * Takes a requested action for one attempt: status `sent`, attempts + 1, last attempt `at`.
   * False when it is no longer requested (another runner claimed it, or it was settled), so
   * two runners never act twice.
   */
  claimAction(actionId: string, at: string): Promise<boolean>;
  /**
   * NOT_FOUND for an unknown action id. A confirmed action is never changed: a late attempt
   * cannot take its confirmation, outcome or status back.
   */
  recordAttempt(actionId: string, attempt: ActionAttempt): Promise<void>;
  /**
   * Sets dry-run actions (requested at or after `since`, when given) back to requested with no
   * attempts, so a runner that is no longer in dry-run carries them out. Returns their ids.
   */
  requeueDryRun(query: { since?: string; limit: number }): Promise<string[]>;
  /**
   * Puts back to requested the actions of `target` claimed (`sent`) before `sentBefore` and never
   * recorded: their runner died between the claim and the answer. Attempts are kept. Returns their ids.
   */
  reclaimStaleActions(target: string, sentBefore: string, limit: number): Promise<string[]>;
  getAction(actionId: string): Promise<Action | undefined>;
  listItemActions(itemKey: string): Promise<Action[]>;
  /** How many actions addressed to `target` are in each status (statuses with none are absent). */
  countActionsByStatus(target: string): Promise<Partial<Record<ActionStatus, number>>>;
  /** Requested actions addressed to `target`, oldest request first. */
  listRequestedActions(target: string, limit: number): Promise<Action[]>;
}

/** An item version's place in its message's history: what each earlier version was judged. */
export interface ItemVersionSummary {
  key: string;
  version: number;
  verdict?: 'violating' | 'review' | 'clear';
  /** The final human decision on it, when a case was decided. */
  decision?: 'remove' | 'keep' | 'escalate';
}

export interface ItemVersionStore {
  /** Every stored version of one message, oldest version first. */
  listItemVersions(platform: string, chatId: string, messageId: string): Promise<ItemVersionSummary[]>;
}
