import { Api } from 'telegram';
import { returnBigInt } from 'telegram/Helpers.js';
import { describe, expect, it } from 'vitest';
import type { ChannelMeta } from '../../../core/index.js';
import { channelMeta, metaChanges } from './channel-meta.js';

const long = (n: number) => returnBigInt(n);
const AT = '2026-01-02T03:04:05.000Z';
const AT_MS = Date.parse(AT);

const channel = (fields: Partial<ConstructorParameters<typeof Api.Channel>[0]> = {}) =>
  new Api.Channel({
    id: long(100),
    title: 'News',
    username: 'Newsroom',
    broadcast: true,
    photo: new Api.ChatPhoto({ photoId: long(77), dcId: 1 }),
    date: 0,
    ...fields,
  });

function channelFull(fields: Partial<ConstructorParameters<typeof Api.ChannelFull>[0]> = {}) {
  return new Api.ChannelFull({
    id: long(100),
    about: 'Local news',
    participantsCount: 1234,
    readInboxMaxId: 0,
    readOutboxMaxId: 0,
    unreadCount: 0,
    chatPhoto: new Api.PhotoEmpty({ id: long(0) }),
    notifySettings: new Api.PeerNotifySettings({}),
    botInfo: [],
    pts: 1,
    ...fields,
  });
}

describe('channelMeta', () => {
  it('reads a channel with its full info', () => {
    expect(channelMeta(channel(), channelFull(), AT)).toEqual({
      platform: 'telegram',
      chatId: '100',
      type: 'channel',
      username: 'Newsroom',
      title: 'News',
      about: 'Local news',
      memberCount: 1234,
      avatarId: '77',
      observedAt: AT,
    });
  });

  it('leaves about unknown without the full chat, and takes the member count the chat carries', () => {
    const meta = channelMeta(channel({ megagroup: true, broadcast: false, participantsCount: 50 }), undefined, AT);
    expect(meta).not.toHaveProperty('about');
    expect(meta).toMatchObject({ type: 'supergroup', memberCount: 50 });
  });

  it('takes the avatar from the full chat when the chat came without its photo', () => {
    const fullPhoto = new Api.Photo({
      id: long(88),
      accessHash: long(1),
      fileReference: Buffer.alloc(1),
      date: 0,
      dcId: 1,
      sizes: [],
    });
    const meta = channelMeta(channel({ photo: new Api.ChatPhotoEmpty() }), channelFull({ chatPhoto: fullPhoto }), AT);
    expect(meta.avatarId).toBe('88');
    expect(channelMeta(channel({ photo: new Api.ChatPhotoEmpty() }), undefined, AT)).not.toHaveProperty('avatarId');
  });

  it('reads a basic group and a user', () => {
    const chat = new Api.Chat({
      id: long(40),
      title: 'Club',
      photo: new Api.ChatPhoto({ photoId: long(5), dcId: 1 }),
      participantsCount: 12,
      date: 0,
      version: 1,
    });
    const full = new Api.ChatFull({
      id: long(40),
      about: '',
      participants: new Api.ChatParticipantsForbidden({ chatId: long(40) }),
      notifySettings: new Api.PeerNotifySettings({}),
    });
    expect(channelMeta(chat, full, AT)).toEqual({
      platform: 'telegram',
      chatId: '40',
      type: 'group',
      title: 'Club',
      about: '',
      memberCount: 12,
      avatarId: '5',
      observedAt: AT,
    });
    const user = new Api.User({
      id: long(8),
      firstName: 'Sam',
      username: 'sam_bot',
      bot: true,
      photo: new Api.UserProfilePhoto({ photoId: long(9), dcId: 1 }),
    });
    expect(channelMeta(user, undefined, AT)).toEqual({
      platform: 'telegram',
      chatId: '8',
      type: 'bot',
      username: 'sam_bot',
      title: 'Sam',
      avatarId: '9',
      observedAt: AT,
    });
  });
});

describe('metaChanges', () => {
  const before: ChannelMeta = {
    platform: 'telegram',
    chatId: '100',
    type: 'channel',
    username: 'newsroom',
    title: 'News',
    about: 'Local news',
    avatarId: '77',
    memberCount: 10,
    observedAt: '2026-01-01T00:00:00.000Z',
  };
  const observed = (changes: Partial<ChannelMeta>): ChannelMeta => ({ ...before, observedAt: AT, ...changes });

  it('reports nothing on a first observation or when nothing it watches changed', () => {
    expect(metaChanges(undefined, observed({}))).toEqual([]);
    expect(metaChanges(before, observed({ memberCount: 11 }))).toEqual([]);
    expect(metaChanges(before, observed({ username: 'NewsRoom' }))).toEqual([]);
  });

  it('reports a rename as the export names it, with the old title', () => {
    expect(metaChanges(before, observed({ title: 'Daily News' }))).toEqual([
      {
        platform: 'telegram',
        chatId: '100',
        messageId: `meta:${AT_MS}:edit_group_title`,
        action: 'edit_group_title',
        at: AT,
        details: { title: 'Daily News', previousTitle: 'News' },
      },
    ]);
  });

  it('reports an avatar swap, a new or dropped username and a new about text, each its own event', () => {
    const events = metaChanges(before, observed({ avatarId: '78', username: undefined, about: 'Other news' }));
    expect(events.map((e) => [e.action, e.details])).toEqual([
      ['edit_group_photo', { avatarId: '78', previousAvatarId: '77' }],
      ['username_changed', { previousUsername: 'newsroom' }],
      ['about_changed', { about: 'Other news', previousAbout: 'Local news' }],
    ]);
    expect(new Set(events.map((e) => e.messageId)).size).toBe(3);
    expect(events.every((e) => e.at === AT && e.messageId.startsWith(`meta:${AT_MS}:`))).toBe(true);
  });

  it('reports a removed avatar, and an avatar where there was none', () => {
    expect(metaChanges(before, observed({ avatarId: undefined }))[0]?.details).toEqual({ previousAvatarId: '77' });
    expect(metaChanges({ ...before, avatarId: undefined }, observed({}))[0]?.details).toEqual({ avatarId: '77' });
  });

  it('does not report the about text when one side does not know it', () => {
    expect(metaChanges(before, observed({ about: undefined }))).toEqual([]);
    expect(metaChanges({ ...before, about: undefined }, observed({ about: 'New' }))).toEqual([]);
  });
});
