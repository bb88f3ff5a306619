import { Api } from 'telegram';
import { returnBigInt } from 'telegram/Helpers.js';
import { describe, expect, it } from 'vitest';
import { itemSchema } from '../../../core/index.js';
import { messageToEvents, messageToItem } from './message-item.js';
import { peerLookupOf } from './peer-ids.js';

const long = (n: number) => returnBigInt(n);
const photo = new Api.ChatPhotoEmpty();
const group = new Api.Channel({ id: long(300), title: 'Group', megagroup: true, photo, date: 0 });
const news = new Api.Channel({ id: long(100), title: 'News', broadcast: true, photo, date: 0 });
const ann = new Api.User({ id: long(5), firstName: 'Ann' });
const inGroup = new Api.PeerChannel({ channelId: long(300) });

const message = (fields: Partial<ConstructorParameters<typeof Api.Message>[0]> = {}) =>
  new Api.Message({ id: 9, peerId: inGroup, date: 1_700_000_000, message: 'hello', ...fields });

describe('messageToItem', () => {
  it('maps the identity and content of a message', () => {
    const item = itemSchema.parse(messageToItem(message({ fromId: new Api.PeerUser({ userId: long(5) }) }), group));
    expect(item).toEqual({
      platform: 'telegram',
      chat: { id: '300', type: 'supergroup', title: 'Group' },
      messageId: '9',
      version: 0,
      author: { id: 'user5' },
      postedAt: '2023-11-14T22:13:20.000Z',
      text: 'hello',
      entities: [],
      media: [],
    });
  });

  it('names the sender from the peers given, then from entities GramJS attached to the message', () => {
    const fromAnn = message({ fromId: new Api.PeerUser({ userId: long(5) }) });
    expect(messageToItem(fromAnn, group, { peers: peerLookupOf([ann], []) }).author).toEqual({
      id: 'user5',
      name: 'Ann',
    });
    const attached = message({ fromId: new Api.PeerUser({ userId: long(5) }), _entities: new Map([['5', ann]]) });
    expect(messageToItem(attached, group).author).toEqual({ id: 'user5', name: 'Ann' });
  });

  it('ignores a lookup answer that is not the peer asked for (a channel sharing a user id)', () => {
    const impostor = new Api.Channel({ id: long(5), title: 'Not Ann', photo, date: 0 });
    const item = messageToItem(message({ fromId: new Api.PeerUser({ userId: long(5) }) }), group, {
      peers: () => impostor,
    });
    expect(item.author).toEqual({ id: 'user5' });
  });

  it('names a channel post after the channel, and uses the signature only when no name is known', () => {
    const post = new Api.Message({
      id: 1,
      peerId: new Api.PeerChannel({ channelId: long(100) }),
      date: 0,
      message: '',
      post: true,
      postAuthor: 'Desk',
    });
    expect(messageToItem(post, news).author).toEqual({ id: 'channel100', name: 'News' });
    const untitled = new Api.Channel({ id: long(100), title: '', broadcast: true, photo, date: 0 });
    expect(messageToItem(post, untitled).author).toEqual({ id: 'channel100', name: 'Desk' });
  });

  it('numbers an edit by its edit time, and reads replies and forwards', () => {
    const item = messageToItem(
      message({
        editDate: 1_700_000_500,
        replyTo: new Api.MessageReplyHeader({ replyToMsgId: 4 }),
        fwdFrom: new Api.MessageFwdHeader({ fromId: new Api.PeerUser({ userId: long(5) }), date: 0 }),
      }),
      group,
      { peers: peerLookupOf([ann], []) },
    );
    expect(item.version).toBe(1_700_000_500);
    expect(item.replyTo).toBe('4');
    expect(item.forward).toEqual({ fromName: 'Ann', fromId: 'user5' });
  });

  it('reads a forward saved from a chat, and none for a story reply', () => {
    const saved = message({
      fwdFrom: new Api.MessageFwdHeader({ savedFromPeer: new Api.PeerChannel({ channelId: long(100) }), date: 0 }),
      replyTo: new Api.MessageReplyStoryHeader({ peer: inGroup, storyId: 1 }) as unknown as Api.MessageReplyHeader,
    });
    const item = messageToItem(saved, group, { peers: peerLookupOf([], [news]) });
    expect(item.forward).toEqual({ fromName: 'News' });
    expect(item).not.toHaveProperty('replyTo');
  });

  it('writes the inline bot as @username, and nothing for a bot without one', () => {
    const helper = new Api.User({ id: long(7), firstName: 'Helper', username: 'helperbot', bot: true });
    expect(messageToItem(message({ viaBotId: long(7) }), group, { peers: peerLookupOf([helper], []) }).viaBot).toBe(
      '@helperbot',
    );
    expect(messageToItem(message({ viaBotId: long(7) }), group)).not.toHaveProperty('viaBot');
  });

  it('replaces described media by the downloaded refs it is given', () => {
    const media = new Api.MessageMediaDocument({
      document: new Api.Document({
        id: long(1),
        accessHash: long(1),
        fileReference: Buffer.alloc(1),
        date: 0,
        dcId: 1,
        mimeType: 'video/mp4',
        size: long(10),
        attributes: [new Api.DocumentAttributeVideo({ duration: 1, w: 2, h: 2 })],
      }),
    });
    expect(messageToItem(message({ media }), group).media).toEqual([
      { kind: 'video', status: 'remote', size: 10, width: 2, height: 2, mime: 'video/mp4', durationSeconds: 1 },
    ]);
    const downloaded = [{ kind: 'video' as const, status: 'present' as const, path: 'media/300/9.mp4', size: 10 }];
    expect(messageToItem(message({ media }), group, { media: downloaded }).media).toBe(downloaded);
  });
});

describe('messageToEvents', () => {
  it('gives one item event, parsed with defaults', () => {
    const [event] = messageToEvents(message(), group);
    expect(event).toMatchObject({ kind: 'item', edited: false, source: 'mtproto', item: { messageId: '9' } });
  });

  it('marks an edit only when the message came as an edit and has an edit time', () => {
    expect(messageToEvents(message({ editDate: 5 }), group, { edited: true })[0]).toMatchObject({ edited: true });
    expect(messageToEvents(message(), group, { edited: true })[0]).toMatchObject({ edited: false });
    expect(messageToEvents(message({ editDate: 5 }), group)[0]).toMatchObject({ edited: false });
  });

  it('a message failing the item schema leaves a trace: its ids and the failing field, never its text', () => {
    const rejected: unknown[] = [];
    const events = messageToEvents(message({ date: -1 }), group, { onRejected: (r) => rejected.push(r) });
    expect(events).toEqual([]);
    expect(rejected).toEqual([{ chatId: '300', messageId: 9, path: 'postedAt', issues: 1 }]);
  });

  it('still makes an item of a message whose chat is not known, its chat named by id', () => {
    const [event] = messageToEvents(message(), undefined);
    expect(event?.kind === 'item' && event.item.chat).toEqual({ id: '300' });
  });

  it('makes a service event of a service message', () => {
    const service = new Api.MessageService({
      id: 3,
      peerId: inGroup,
      date: 1_700_000_000,
      action: new Api.MessageActionChatEditTitle({ title: 'New' }),
      fromId: new Api.PeerUser({ userId: long(5) }),
    });
    expect(messageToEvents(service, group, { peers: peerLookupOf([ann], []) })).toEqual([
      {
        kind: 'service',
        source: 'mtproto',
        event: {
          platform: 'telegram',
          chatId: '300',
          messageId: '3',
          action: 'edit_group_title',
          at: '2023-11-14T22:13:20.000Z',
          actor: 'Ann',
          actorId: 'user5',
          details: { title: 'New' },
        },
      },
    ]);
  });

  it('gives nothing for an empty message or one without a usable date, and never throws', () => {
    expect(messageToEvents(new Api.MessageEmpty({ id: 1 }), group)).toEqual([]);
    expect(messageToEvents(message({ date: undefined as unknown as number }), group)).toEqual([]);
    expect(messageToEvents(message({ date: 1e15 }), group)).toEqual([]);
  });
});
