import { Api } from 'telegram';

/**
 * Update-sequence bookkeeping the MTProto way (core.telegram.org/api/updates). Every update that
 * changes a message box carries `pts` (the box's state after it) and `ptsCount` (how many events
 * it holds). With the local state `local`:
 * - `local + ptsCount == pts`: the next update in order, apply it;
 * - `local + ptsCount > pts`: seen already (a reconnect replays), drop it;
 * - `local + ptsCount < pts`: updates were missed: fetch the difference from `local` first.
 * Channels and supergroups have one box each (`channelPts`, GetChannelDifference); private chats
 * and basic groups share the account's box (`UpdateState`, GetDifference).
 *
 * When Telegram answers "too long" (a box far behind), it no longer lists what was missed: the
 * caller falls back to reading history newer than the last message id it knows (the back-fill
 * checkpoint's `newestId` or the newest item it delivered) and takes the new state as given.
 */

export type UpdateOrder = 'apply' | 'duplicate' | 'gap';

export function classifyUpdate(localPts: number, pts: number, ptsCount: number): UpdateOrder {
  const expected = localPts + ptsCount;
  if (expected === pts) return 'apply';
  return expected > pts ? 'duplicate' : 'gap';
}

/** The account-wide box's state, as getState and getDifference report it. */
export interface AccountState {
  pts: number;
  qts: number;
  date: number;
  seq: number;
}

/** One step of catching up: what it brought, the state after it, and whether to ask again. */
export interface DifferenceStep<State> {
  messages: Api.TypeMessage[];
  otherUpdates: Api.TypeUpdate[];
  chats: Api.TypeChat[];
  users: Api.TypeUser[];
  nextState: State;
  /** True when caught up; false means call again from `nextState` (a slice). */
  final: boolean;
  /** Telegram could not list what was missed: read history instead (see the module comment). */
  tooLong: boolean;
  /** For channels: seconds Telegram asks to wait before polling this channel again. */
  timeout?: number;
}

export function accountStateOf(state: Api.updates.TypeState): AccountState {
  return { pts: state.pts, qts: state.qts, date: state.date, seq: state.seq };
}

const empty = { messages: [], otherUpdates: [], chats: [], users: [] };

/** Reads one updates.getDifference answer. */
export function accountDifferenceStep(
  difference: Api.updates.TypeDifference,
  current: AccountState,
): DifferenceStep<AccountState> {
  if (difference instanceof Api.updates.DifferenceEmpty) {
    return {
      ...empty,
      nextState: { ...current, date: difference.date, seq: difference.seq },
      final: true,
      tooLong: false,
    };
  }
  if (difference instanceof Api.updates.DifferenceTooLong) {
    return { ...empty, nextState: { ...current, pts: difference.pts }, final: true, tooLong: true };
  }
  const final = difference instanceof Api.updates.Difference;
  const state = difference instanceof Api.updates.Difference ? difference.state : difference.intermediateState;
  return {
    messages: difference.newMessages,
    otherUpdates: difference.otherUpdates,
    chats: difference.chats,
    users: difference.users,
    nextState: accountStateOf(state),
    final,
    tooLong: false,
  };
}

/** Reads one updates.getChannelDifference answer; the state is the channel's pts. */
export function channelDifferenceStep(
  difference: Api.updates.TypeChannelDifference,
  currentPts: number,
): DifferenceStep<number> {
  const timeout = difference.timeout;
  const final = difference.final ?? true;
  if (difference instanceof Api.updates.ChannelDifferenceEmpty) {
    return { ...empty, nextState: difference.pts, final, tooLong: false, ...(timeout !== undefined && { timeout }) };
  }
  if (difference instanceof Api.updates.ChannelDifferenceTooLong) {
    const dialog = difference.dialog;
    const pts = dialog instanceof Api.Dialog && dialog.pts !== undefined ? dialog.pts : currentPts;
    // Its messages are only the newest few, not what was missed: the caller reads history instead.
    return {
      ...empty,
      chats: difference.chats,
      users: difference.users,
      nextState: pts,
      final,
      tooLong: true,
      ...(timeout !== undefined && { timeout }),
    };
  }
  return {
    messages: difference.newMessages,
    otherUpdates: difference.otherUpdates,
    chats: difference.chats,
    users: difference.users,
    nextState: difference.pts,
    final,
    tooLong: false,
    ...(timeout !== undefined && { timeout }),
  };
}

/** Where an update sits in Telegram's sequences, when it sits in one. */
export type UpdateBox =
  | { box: 'channel'; channelId: string; pts: number; ptsCount: number }
  | { box: 'account'; pts: number; ptsCount: number }
  | { box: 'channel-too-long'; channelId: string; pts?: number }
  | { box: 'none' };

/** Which box an update belongs to and its pts, so the caller can classify it. */
export function updateBox(update: Api.TypeUpdate): UpdateBox {
  if (update instanceof Api.UpdateNewChannelMessage || update instanceof Api.UpdateEditChannelMessage) {
    const peer = update.message.peerId;
    if (peer instanceof Api.PeerChannel) {
      return { box: 'channel', channelId: peer.channelId.toString(), pts: update.pts, ptsCount: update.ptsCount };
    }
    return { box: 'none' };
  }
  if (
    update instanceof Api.UpdateDeleteChannelMessages ||
    update instanceof Api.UpdateChannelWebPage ||
    update instanceof Api.UpdatePinnedChannelMessages
  ) {
    return { box: 'channel', channelId: update.channelId.toString(), pts: update.pts, ptsCount: update.ptsCount };
  }
  if (update instanceof Api.UpdateChannelTooLong) {
    return {
      box: 'channel-too-long',
      channelId: update.channelId.toString(),
      ...(update.pts !== undefined && { pts: update.pts }),
    };
  }
  if (
    update instanceof Api.UpdateNewMessage ||
    update instanceof Api.UpdateEditMessage ||
    update instanceof Api.UpdateDeleteMessages ||
    update instanceof Api.UpdateWebPage ||
    update instanceof Api.UpdatePinnedMessages
  ) {
    return { box: 'account', pts: update.pts, ptsCount: update.ptsCount };
  }
  return { box: 'none' };
}

/** Messages in the order they were posted (differences and history pages are not). */
export function byMessageId<M extends { id: number }>(messages: readonly M[]): M[] {
  return [...messages].sort((a, b) => a.id - b.id);
}
