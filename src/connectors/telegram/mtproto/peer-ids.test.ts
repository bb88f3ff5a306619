import fc from 'fast-check';
import { Api } from 'telegram';
import { returnBigInt } from 'telegram/Helpers.js';
import { describe, expect, it } from 'vitest';
import { bareChatId, botApiChannelId } from '../telegram-ids.js';
import { isPeerOf, peerAuthorId, peerChatId, peerLookupOf, peerOfEntity } from './peer-ids.js';

const long = (n: number | string) => returnBigInt(n);
const photo = new Api.ChatPhotoEmpty();

describe('peerChatId and peerAuthorId', () => {
  it('name channels, basic groups and users as exports do', () => {
    const channel = new Api.PeerChannel({ channelId: long(1234567890) });
    const chat = new Api.PeerChat({ chatId: long(42) });
    const user = new Api.PeerUser({ userId: long(777) });
    expect([peerChatId(channel), peerChatId(chat), peerChatId(user)]).toEqual(['1234567890', '42', '777']);
    expect([peerAuthorId(channel), peerAuthorId(chat), peerAuthorId(user)]).toEqual([
      'channel1234567890',
      'chat42',
      'user777',
    ]);
  });

  it('keeps ids beyond 32 bits exact', () => {
    expect(peerChatId(new Api.PeerChannel({ channelId: long('4503599627370495') }))).toBe('4503599627370495');
  });

  it('gives the bare id the Bot API id of the same channel reduces to (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 2n ** 52n - 1n }), (id) => {
        const peer = new Api.PeerChannel({ channelId: long(id.toString()) });
        expect(peerChatId(peer)).toBe(bareChatId(botApiChannelId(id.toString())));
        expect(peerAuthorId(peer)).toBe(`channel${id}`);
      }),
    );
  });
});

describe('peer lookups', () => {
  const channel = new Api.Channel({ id: long(5), title: 'Five', photo, date: 0, broadcast: true });
  const user = new Api.User({ id: long(5), firstName: 'Also five' });
  const chat = new Api.Chat({ id: long(5), title: 'Group five', photo, participantsCount: 3, date: 0, version: 1 });

  it('tells a user, a basic group and a channel with the same number apart', () => {
    const lookup = peerLookupOf([user], [channel, chat]);
    expect(lookup(new Api.PeerChannel({ channelId: long(5) }))).toBe(channel);
    expect(lookup(new Api.PeerUser({ userId: long(5) }))).toBe(user);
    expect(lookup(new Api.PeerChat({ chatId: long(5) }))).toBe(chat);
    expect(isPeerOf(new Api.PeerUser({ userId: long(5) }), channel)).toBe(false);
    expect(isPeerOf(new Api.PeerChannel({ channelId: long(5) }), channel)).toBe(true);
  });

  it('answers undefined for peers not in the lists, and skips empty and forbidden entities', () => {
    const lookup = peerLookupOf(
      [new Api.UserEmpty({ id: long(8) })],
      [new Api.ChannelForbidden({ id: long(9), accessHash: long(1), title: 'gone' })],
    );
    expect(lookup(new Api.PeerUser({ userId: long(8) }))).toBeUndefined();
    expect(lookup(new Api.PeerChannel({ channelId: long(9) }))).toBeUndefined();
    expect(lookup(new Api.PeerUser({ userId: long(10) }))).toBeUndefined();
  });

  it('peerOfEntity names an entity by the peer class of its kind', () => {
    expect(peerOfEntity(channel)).toBeInstanceOf(Api.PeerChannel);
    expect(peerOfEntity(chat)).toBeInstanceOf(Api.PeerChat);
    expect(peerOfEntity(user)).toBeInstanceOf(Api.PeerUser);
    for (const entity of [channel, chat, user]) expect(isPeerOf(peerOfEntity(entity), entity)).toBe(true);
  });
});
