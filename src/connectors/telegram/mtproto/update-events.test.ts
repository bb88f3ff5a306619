import { Api } from 'telegram';
import { returnBigInt } from 'telegram/Helpers.js';
import { describe, expect, it } from 'vitest';
import type { ChatEntity } from './peer-ids.js';
import { peerLookupOf } from './peer-ids.js';
import { type ChatLookup, updateToEvents } from './update-events.js';

const long = (n: number) => returnBigInt(n);
const AT = '2026-01-02T03:04:05.000Z';
const news = new Api.Channel({
  id: long(100),
  title: 'News',
  username: 'newsroom',
  broadcast: true,
  photo: new Api.ChatPhoto({ photoId: long(77), dcId: 1 }),
  date: 0,
});
const known: ChatLookup = (id) => (id === '100' ? news : undefined);
const inNews = new Api.PeerChannel({ channelId: long(100) });

const post = (fields: Partial<ConstructorParameters<typeof Api.Message>[0]> = {}) =>
  new Api.Message({ id: 5, peerId: inNews, date: 1_700_000_000, message: 'hello', post: true, ...fields });

describe('updateToEvents', () => {
  it('makes an item of a new channel message and of a new message elsewhere', () => {
    const [channelItem] = updateToEvents(
      new Api.UpdateNewChannelMessage({ message: post(), pts: 1, ptsCount: 1 }),
      known,
      AT,
    );
    expect(channelItem).toMatchObject({
      kind: 'item',
      edited: false,
      source: 'mtproto',
      item: { chat: { id: '100', type: 'channel', title: 'News' }, messageId: '5', author: { name: 'News' } },
    });
    const direct = new Api.Message({
      id: 6,
      peerId: new Api.PeerUser({ userId: long(8) }),
      date: 1_700_000_000,
      message: 'hi',
    });
    const [privateItem] = updateToEvents(new Api.UpdateNewMessage({ message: direct, pts: 1, ptsCount: 1 }), known, AT);
    expect(privateItem).toMatchObject({ kind: 'item', item: { chat: { id: '8' }, messageId: '6' } });
  });

  it('makes a new version of an edit, numbered by its edit time', () => {
    const edit = new Api.UpdateEditChannelMessage({ message: post({ editDate: 1_700_000_900 }), pts: 2, ptsCount: 1 });
    const [event] = updateToEvents(edit, known, AT);
    expect(event).toMatchObject({ kind: 'item', edited: true, item: { version: 1_700_000_900 } });
    const elsewhere = new Api.UpdateEditMessage({ message: post({ editDate: 1_700_000_901 }), pts: 2, ptsCount: 1 });
    expect(updateToEvents(elsewhere, known, AT)[0]).toMatchObject({ edited: true, item: { version: 1_700_000_901 } });
  });

  it('treats an edit update without an edit time (reactions, views) as the same version, not an edit', () => {
    const [event] = updateToEvents(
      new Api.UpdateEditChannelMessage({ message: post(), pts: 2, ptsCount: 1 }),
      known,
      AT,
    );
    expect(event).toMatchObject({ kind: 'item', edited: false, item: { version: 0 } });
  });

  it('reports channel deletions with their chat, and other deletions with an empty chat id for the monitor to resolve', () => {
    expect(
      updateToEvents(
        new Api.UpdateDeleteChannelMessages({ channelId: long(100), messages: [5, 6], pts: 3, ptsCount: 2 }),
        known,
        AT,
      ),
    ).toEqual([{ kind: 'deleted', chatId: '100', messageIds: ['5', '6'], observedAt: AT, source: 'mtproto' }]);
    expect(updateToEvents(new Api.UpdateDeleteMessages({ messages: [9], pts: 3, ptsCount: 1 }), known, AT)).toEqual([
      { kind: 'deleted', chatId: '', messageIds: ['9'], observedAt: AT, source: 'mtproto' },
    ]);
  });

  it('gives the metadata of a changed channel it knows, and nothing for one it does not', () => {
    expect(updateToEvents(new Api.UpdateChannel({ channelId: long(100) }), known, AT)).toEqual([
      {
        kind: 'channel',
        source: 'mtproto',
        meta: {
          platform: 'telegram',
          chatId: '100',
          type: 'channel',
          username: 'newsroom',
          title: 'News',
          avatarId: '77',
          observedAt: AT,
        },
      },
    ]);
    expect(updateToEvents(new Api.UpdateChannel({ channelId: long(101) }), known, AT)).toEqual([]);
  });

  it('makes a service event of a service message in an update', () => {
    const message = new Api.MessageService({
      id: 8,
      peerId: inNews,
      date: 1_700_000_000,
      action: new Api.MessageActionChatEditTitle({ title: 'News Two' }),
    });
    const [event] = updateToEvents(new Api.UpdateNewChannelMessage({ message, pts: 4, ptsCount: 1 }), known, AT);
    expect(event).toMatchObject({
      kind: 'service',
      event: { action: 'edit_group_title', actor: 'News', actorId: 'channel100' },
    });
  });

  it('names senders from the peers of the update batch', () => {
    const ann = new Api.User({ id: long(5), firstName: 'Ann' });
    const message = post({ post: false, fromId: new Api.PeerUser({ userId: long(5) }) });
    const [event] = updateToEvents(
      new Api.UpdateNewChannelMessage({ message, pts: 1, ptsCount: 1 }),
      known,
      AT,
      peerLookupOf([ann], []),
    );
    expect(event).toMatchObject({ item: { author: { id: 'user5', name: 'Ann' } } });
  });

  it('does not take a user for a channel with the same bare id', () => {
    const user: ChatEntity = new Api.User({ id: long(100), firstName: 'Not a channel' });
    const [event] = updateToEvents(
      new Api.UpdateNewChannelMessage({ message: post(), pts: 1, ptsCount: 1 }),
      () => user,
      AT,
    );
    expect(event).toMatchObject({ item: { chat: { id: '100' } } });
    expect(event?.kind === 'item' && event.item.chat).toEqual({ id: '100' });
    expect(updateToEvents(new Api.UpdateChannel({ channelId: long(100) }), () => user, AT)).toEqual([]);
  });

  it('gives nothing for updates that carry no content, and for an empty message', () => {
    const quiet: Api.TypeUpdate[] = [
      new Api.UpdateUserTyping({ userId: long(1), action: new Api.SendMessageTypingAction() }),
      new Api.UpdateReadChannelInbox({ channelId: long(100), maxId: 5, stillUnreadCount: 0, pts: 1 }),
      new Api.UpdateChannelTooLong({ channelId: long(100) }),
      new Api.UpdateNewChannelMessage({ message: new Api.MessageEmpty({ id: 1 }), pts: 1, ptsCount: 1 }),
    ];
    for (const update of quiet) expect(updateToEvents(update, known, AT)).toEqual([]);
  });
});
