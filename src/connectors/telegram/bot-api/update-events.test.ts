import type { Message } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../live-event.js';
import {
  animationFile,
  BASE_DATE,
  basicGroup,
  channel,
  channelPost,
  channelPostUpdate,
  documentFile,
  edited,
  editedChannelPostUpdate,
  editedMessageUpdate,
  forwardOrigin,
  groupMessage,
  messageUpdate,
  photoSizes,
  stickerFile,
  supergroup,
  urlButtons,
  user,
  videoFile,
  voiceFile,
  withEntities,
} from './testing/bot-updates.js';
import { updateEvents } from './update-events.js';

const iso = (unix: number) => new Date(unix * 1000).toISOString();

function onlyItem(events: LiveEvent[]) {
  expect(events).toHaveLength(1);
  const [event] = events;
  if (event?.kind !== 'item') throw new Error(`expected an item event, got ${event?.kind}`);
  return event;
}

const mapItem = (update: Parameters<typeof updateEvents>[0]) => onlyItem(updateEvents(update).events);

describe('Bot API updates as live events', () => {
  it('maps a supergroup message to the item the export reader would write', () => {
    const result = updateEvents(
      messageUpdate(groupMessage(7, { reply_to_message: groupMessage(3) as Message['reply_to_message'] }), 41),
    );
    expect(result.updateId).toBe(41);
    expect(result.chat).toEqual({
      id: '1234567890',
      username: 'samplegroup',
      title: 'Sample Group',
      type: 'supergroup',
    });
    const event = onlyItem(result.events);
    expect(event).toMatchObject({ edited: false, source: 'bot-api' });
    expect(event.item).toEqual({
      platform: 'telegram',
      chat: { id: '1234567890', username: 'samplegroup', title: 'Sample Group', type: 'supergroup' },
      messageId: '7',
      version: 0,
      author: { id: 'user5550001', name: 'Sam Sample' },
      postedAt: iso(BASE_DATE + 7 * 60),
      text: 'hello group',
      entities: [],
      media: [],
      replyTo: '3',
    });
  });

  it('numbers an edited message by its edit time and marks it edited', () => {
    const edit = edited(groupMessage(7), BASE_DATE + 9999, 'hello again');
    const event = mapItem(editedMessageUpdate(edit));
    expect(event.edited).toBe(true);
    expect(event.item).toMatchObject({ messageId: '7', version: BASE_DATE + 9999, text: 'hello again' });
  });

  it('writes a channel post author as the channel, named by its title, like exports do', () => {
    const event = mapItem(channelPostUpdate(channelPost(12)));
    expect(event.item.chat).toEqual({
      id: '9876543210',
      username: 'samplechannel',
      title: 'Sample Channel',
      type: 'channel',
    });
    expect(event.item.author).toEqual({ id: 'channel9876543210', name: 'Sample Channel' });
    const edit = mapItem(editedChannelPostUpdate(edited(channelPost(12), BASE_DATE + 5, 'changed')));
    expect(edit).toMatchObject({ edited: true, item: { version: BASE_DATE + 5, text: 'changed' } });
  });

  it('writes an anonymous poster in a group as its sender chat', () => {
    const anonymous = groupMessage(8, {
      from: user({
        id: 1087968824,
        first_name: 'Group',
        last_name: undefined,
        username: 'GroupAnonymousBot',
        is_bot: true,
      }),
      sender_chat: supergroup(),
    });
    expect(mapItem(messageUpdate(anonymous)).item.author).toEqual({ id: 'channel1234567890', name: 'Sample Group' });
    const inBasicGroup = groupMessage(9, { chat: basicGroup(), sender_chat: basicGroup() });
    const item = mapItem(messageUpdate(inBasicGroup)).item;
    expect(item.chat).toEqual({ id: '4242', title: 'Small Group', type: 'group' });
    expect(item.author).toEqual({ id: 'chat4242', name: 'Small Group' });
  });

  it('keeps every entity kind that carries a target, with its UTF-16 text', () => {
    // Astral characters (two UTF-16 units each) before the entities shift JavaScript and Telegram offsets alike.
    const { text, entities } = withEntities([
      '😀😀 see ',
      ['text_link', 'this page', { url: 'https://example.org/hidden' }],
      ' at ',
      ['url', 'https://example.com/a'],
      ' by ',
      ['mention', '@someone'],
      ' ',
      ['text_mention', 'Sam', { user: user() }],
      ' ',
      ['hashtag', '#news'],
      ' ',
      ['cashtag', '$ABC'],
      ' ',
      ['bot_command', '/start'],
      ' ',
      ['email', 'a@example.org'],
      ' ',
      ['phone_number', '+10000000000'],
      ' ',
      ['bold', 'loud'],
    ]);
    const item = mapItem(messageUpdate(groupMessage(5, { text, entities }))).item;
    expect(item.entities).toEqual([
      { type: 'text-link', text: 'this page', url: 'https://example.org/hidden' },
      { type: 'url', text: 'https://example.com/a', url: 'https://example.com/a' },
      { type: 'mention', text: '@someone' },
      { type: 'mention-name', text: 'Sam', url: 'tg://user?id=5550001' },
      { type: 'hashtag', text: '#news' },
      { type: 'cashtag', text: '$ABC' },
      { type: 'bot-command', text: '/start' },
      { type: 'email', text: 'a@example.org' },
      { type: 'phone', text: '+10000000000' },
    ]);
  });

  it('reads a caption with its entities, and url buttons after the text entities', () => {
    const { text, entities } = withEntities([
      'photo of ',
      ['text_link', 'the place', { url: 'https://example.net/x' }],
    ]);
    const message = channelPost(20, {
      text: undefined,
      caption: text,
      caption_entities: entities,
      photo: photoSizes('ph1', { width: 1280, height: 960, size: 150_000 }),
      reply_markup: urlButtons([['Open', 'https://example.net/button']], [['Join', 'https://t.me/samplechannel']]),
    });
    const result = updateEvents(channelPostUpdate(message));
    const item = onlyItem(result.events).item;
    expect(item.text).toBe('photo of the place');
    expect(item.entities).toEqual([
      { type: 'text-link', text: 'the place', url: 'https://example.net/x' },
      { type: 'button-url', text: 'Open', url: 'https://example.net/button' },
      { type: 'button-url', text: 'Join', url: 'https://t.me/samplechannel' },
    ]);
    expect(item.media).toEqual([{ kind: 'photo', status: 'remote', size: 150_000, width: 1280, height: 960 }]);
    expect(result.files).toEqual([{ index: 0, kind: 'photo', fileId: 'ph1', fileUniqueId: 'ph1-u', size: 150_000 }]);
  });

  it.each([
    [
      'user',
      forwardOrigin.user(user({ id: 77, first_name: 'Ana', last_name: undefined })),
      { fromName: 'Ana', fromId: 'user77', date: iso(BASE_DATE) },
    ],
    ['hidden_user', forwardOrigin.hiddenUser('Hidden Name'), { fromName: 'Hidden Name', date: iso(BASE_DATE) }],
    [
      'chat',
      { ...forwardOrigin.chat(supergroup()), author_signature: 'Admin' },
      { fromName: 'Sample Group', fromId: 'channel1234567890', date: iso(BASE_DATE) },
    ],
    [
      'channel',
      forwardOrigin.channel(channel({ id: -1002002002002, title: 'Other Channel' }), 88),
      { fromName: 'Other Channel', fromId: 'channel2002002002', messageId: '88', date: iso(BASE_DATE) },
    ],
  ])('maps a forward from a %s', (_kind, origin, forward) => {
    expect(
      mapItem(messageUpdate(groupMessage(4, { forward_origin: origin } as Partial<Message>))).item.forward,
    ).toEqual(forward);
  });

  it('reads the legacy forward fields when there is no forward_origin', () => {
    const legacy = groupMessage(4, {
      forward_from_chat: channel({ id: -1002002002002, title: 'Other Channel' }),
      forward_from_message_id: 88,
      forward_date: BASE_DATE,
    } as Partial<Message>);
    expect(mapItem(messageUpdate(legacy)).item.forward).toEqual({
      fromName: 'Other Channel',
      fromId: 'channel2002002002',
      messageId: '88',
      date: iso(BASE_DATE),
    });
  });

  it('names the inline bot as the export does', () => {
    const viaBot = groupMessage(4, { via_bot: user({ id: 99, is_bot: true, username: 'samplebot' }) });
    expect(mapItem(messageUpdate(viaBot)).item.viaBot).toBe('@samplebot');
  });

  it.each([
    [
      'document',
      { document: documentFile('d1', 2048) },
      { kind: 'document', fileName: 'report.pdf', mime: 'application/pdf', size: 2048 },
    ],
    [
      'video',
      { video: videoFile('v1', 4096) },
      {
        kind: 'video',
        fileName: 'clip.mp4',
        mime: 'video/mp4',
        size: 4096,
        width: 1280,
        height: 720,
        durationSeconds: 12,
      },
    ],
    ['voice', { voice: voiceFile('o1', 512) }, { kind: 'voice', mime: 'audio/ogg', size: 512, durationSeconds: 4 }],
    [
      'sticker',
      { sticker: stickerFile('s1', 256) },
      { kind: 'sticker', mime: 'image/webp', size: 256, width: 512, height: 512 },
    ],
  ])('maps a %s to a remote media ref with its file id', (_kind, fields, ref) => {
    const result = updateEvents(messageUpdate(groupMessage(6, { text: undefined, ...fields } as Partial<Message>)));
    expect(onlyItem(result.events).item.media).toEqual([{ status: 'remote', ...ref }]);
    expect(result.files).toHaveLength(1);
    expect(result.files[0]?.fileId).toBe(Object.values(fields)[0]?.file_id);
  });

  it('maps an animation once, though Telegram also sends it as a document', () => {
    const message = groupMessage(6, {
      text: undefined,
      animation: animationFile('a1', 999),
      document: documentFile('a1', 999),
    });
    const result = updateEvents(messageUpdate(message as Message));
    expect(onlyItem(result.events).item.media).toEqual([
      {
        kind: 'animation',
        status: 'remote',
        fileName: 'loop.mp4',
        mime: 'video/mp4',
        size: 999,
        width: 320,
        height: 240,
        durationSeconds: 3,
      },
    ]);
    expect(result.files.map((f) => f.fileId)).toEqual(['a1']);
  });

  it('turns a rename into a service event, as the export reader names it', () => {
    const rename = {
      message_id: 30,
      date: BASE_DATE,
      chat: channel(),
      sender_chat: channel(),
      new_chat_title: 'New Name',
    };
    expect(updateEvents(channelPostUpdate(rename as unknown as Message)).events).toEqual([
      {
        kind: 'service',
        source: 'bot-api',
        event: {
          platform: 'telegram',
          chatId: '9876543210',
          messageId: '30',
          action: 'edit_group_title',
          at: iso(BASE_DATE),
          details: { title: 'New Name' },
        },
      },
    ]);
  });

  it('gives no events for other update kinds', () => {
    expect(updateEvents({ update_id: 3, callback_query: { id: 'x' } })).toEqual({ updateId: 3, events: [], files: [] });
  });

  it.each([
    ['not an object', 'nope', 'the update is not a JSON object'],
    ['a message that is not an object', { update_id: 1, message: 5 }, 'the message is not a JSON object'],
    [
      'a message without chat',
      { update_id: 1, message: { message_id: 1, date: BASE_DATE, text: 'x' } },
      'the message has no usable chat',
    ],
    [
      'a message without id',
      { update_id: 1, message: { chat: supergroup(), date: BASE_DATE, text: 'x' } },
      'has no usable message_id',
    ],
    [
      'a message without date',
      { update_id: 1, message: { message_id: 2, chat: supergroup(), text: 'x' } },
      'has no usable date',
    ],
    [
      'a message without content',
      { update_id: 1, message: { message_id: 2, chat: supergroup(), date: BASE_DATE } },
      'no text or media',
    ],
  ])('never throws on %s: no events and a reason', (_name, update, reason) => {
    const result = updateEvents(update);
    expect(result.events).toEqual([]);
    expect(result.reason).toContain(reason);
  });

  it('does not put message text in the reason', () => {
    const result = updateEvents({
      update_id: 1,
      message: { chat: supergroup(), date: BASE_DATE, text: 'RASD-TEST-MARKER' },
    });
    expect(result.reason).not.toContain('RASD-TEST-MARKER');
  });
});
