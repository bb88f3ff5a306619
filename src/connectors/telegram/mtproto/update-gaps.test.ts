import { Api } from 'telegram';
import { returnBigInt as bigInt } from 'telegram/Helpers.js';
import { describe, expect, it } from 'vitest';
import { accountDifferenceStep, byMessageId, channelDifferenceStep, classifyUpdate, updateBox } from './update-gaps.js';

const channel = new Api.PeerChannel({ channelId: bigInt(777) });
const message = (id: number) => new Api.Message({ id, peerId: channel, date: 1_700_000_000 + id, message: 'neutral' });
const state = (pts: number) => new Api.updates.State({ pts, qts: 1, date: 1_700_000_500, seq: 9, unreadCount: 0 });
const current = { pts: 100, qts: 1, date: 1_700_000_000, seq: 5 };

describe('classifyUpdate', () => {
  it('applies the next update in order', () => expect(classifyUpdate(10, 11, 1)).toBe('apply'));
  it('applies a multi-event update whose count closes the step', () => expect(classifyUpdate(10, 13, 3)).toBe('apply'));
  it('drops an update already applied', () => {
    expect(classifyUpdate(10, 10, 1)).toBe('duplicate');
    expect(classifyUpdate(10, 9, 1)).toBe('duplicate');
  });
  it('sees a gap when updates were missed', () => expect(classifyUpdate(10, 14, 1)).toBe('gap'));
});

describe('accountDifferenceStep', () => {
  it('a slice is not final and moves to its intermediate state', () => {
    const slice = new Api.updates.DifferenceSlice({
      newMessages: [message(1)],
      newEncryptedMessages: [],
      otherUpdates: [],
      chats: [],
      users: [],
      intermediateState: state(150),
    });
    const step = accountDifferenceStep(slice, current);
    expect(step.final).toBe(false);
    expect(step.nextState).toEqual({ pts: 150, qts: 1, date: 1_700_000_500, seq: 9 });
    expect(step.messages.map((m) => m.id)).toEqual([1]);
  });

  it('a difference is final with its state', () => {
    const update = new Api.UpdateDeleteChannelMessages({ channelId: bigInt(777), messages: [3], pts: 5, ptsCount: 1 });
    const diff = new Api.updates.Difference({
      newMessages: [message(2)],
      newEncryptedMessages: [],
      otherUpdates: [update],
      chats: [],
      users: [],
      state: state(160),
    });
    const step = accountDifferenceStep(diff, current);
    expect(step).toMatchObject({ final: true, tooLong: false, nextState: { pts: 160 } });
    expect(step.otherUpdates).toEqual([update]);
  });

  it('empty keeps pts and takes the new date and seq', () => {
    const step = accountDifferenceStep(new Api.updates.DifferenceEmpty({ date: 1_800_000_000, seq: 12 }), current);
    expect(step).toMatchObject({ final: true, tooLong: false, messages: [] });
    expect(step.nextState).toEqual({ pts: 100, qts: 1, date: 1_800_000_000, seq: 12 });
  });

  it('too long takes the new pts and asks for a history fall-back', () => {
    const step = accountDifferenceStep(new Api.updates.DifferenceTooLong({ pts: 9_000 }), current);
    expect(step).toMatchObject({ final: true, tooLong: true, nextState: { pts: 9_000, seq: 5 } });
  });
});

describe('channelDifferenceStep', () => {
  it('a non-final channel difference asks to continue from its pts', () => {
    const diff = new Api.updates.ChannelDifference({
      final: false,
      pts: 40,
      newMessages: [message(5), message(4)],
      otherUpdates: [],
      chats: [],
      users: [],
    });
    const step = channelDifferenceStep(diff, 30);
    expect(step).toMatchObject({ final: false, nextState: 40, tooLong: false });
    expect(byMessageId(step.messages as Api.Message[]).map((m) => m.id)).toEqual([4, 5]);
  });

  it('empty is final at its pts with the timeout', () => {
    const step = channelDifferenceStep(
      new Api.updates.ChannelDifferenceEmpty({ final: true, pts: 30, timeout: 20 }),
      30,
    );
    expect(step).toMatchObject({ final: true, nextState: 30, timeout: 20, messages: [] });
  });

  it('too long takes the dialog pts, delivers nothing itself and asks for history', () => {
    const dialog = new Api.Dialog({
      peer: channel,
      topMessage: 900,
      readInboxMaxId: 0,
      readOutboxMaxId: 0,
      unreadCount: 0,
      unreadMentionsCount: 0,
      unreadReactionsCount: 0,
      notifySettings: new Api.PeerNotifySettings({}),
      pts: 5_000,
    });
    const diff = new Api.updates.ChannelDifferenceTooLong({
      final: true,
      dialog,
      messages: [message(900)],
      chats: [],
      users: [],
    });
    const step = channelDifferenceStep(diff, 30);
    expect(step).toMatchObject({ final: true, tooLong: true, nextState: 5_000, messages: [] });
  });
});

describe('updateBox', () => {
  it('channel messages and deletions are in their channel box', () => {
    const update = new Api.UpdateNewChannelMessage({ message: message(8), pts: 41, ptsCount: 1 });
    expect(updateBox(update)).toEqual({ box: 'channel', channelId: '777', pts: 41, ptsCount: 1 });
    const deletion = new Api.UpdateDeleteChannelMessages({
      channelId: bigInt(777),
      messages: [1, 2],
      pts: 43,
      ptsCount: 2,
    });
    expect(updateBox(deletion)).toEqual({ box: 'channel', channelId: '777', pts: 43, ptsCount: 2 });
  });

  it('basic group messages are in the account box', () => {
    const group = new Api.Message({ id: 3, peerId: new Api.PeerChat({ chatId: bigInt(55) }), date: 1, message: '' });
    expect(updateBox(new Api.UpdateNewMessage({ message: group, pts: 7, ptsCount: 1 }))).toEqual({
      box: 'account',
      pts: 7,
      ptsCount: 1,
    });
  });

  it('a channel that fell too far behind is flagged, and unrelated updates have no box', () => {
    expect(updateBox(new Api.UpdateChannelTooLong({ channelId: bigInt(777) }))).toEqual({
      box: 'channel-too-long',
      channelId: '777',
    });
    expect(updateBox(new Api.UpdateUserStatus({ userId: bigInt(1), status: new Api.UserStatusEmpty() }))).toEqual({
      box: 'none',
    });
  });
});
