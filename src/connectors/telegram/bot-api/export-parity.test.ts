import type { Message } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import type { Item } from '../../../core/index.js';
import { chatExport, itemsOf, readAll, tempDir, writeExport } from '../export/fixtures/export-dir.js';
import { messageItem } from './message-item.js';
import { BASE_DATE, groupMessage, supergroup, urlButtons, user, withEntities } from './testing/bot-updates.js';

/**
 * The same message seen by the bot and in a Telegram Desktop export must be the same item, so a
 * chat first read from an export and then moderated live is one history. Known differences,
 * left out of the comparison: exports carry no chat username and no forward message id or date.
 */

const temp = tempDir('rasd-bot-parity-');
afterEach(() => temp.remove());

const comparable = (item: Item) => ({
  ...item,
  chat: { ...item.chat, username: undefined },
  forward: item.forward ? { fromName: item.forward.fromName, fromId: item.forward.fromId } : undefined,
});

describe('Bot API and export parity', () => {
  it('maps a message with links, buttons, a forward, a reply and an edit to the item the export reader gives', async () => {
    const { text, entities } = withEntities([
      'read ',
      ['text_link', 'here', { url: 'https://example.org/hidden' }],
      ' or ask ',
      ['mention', '@someone'],
    ]);
    const botMessage = groupMessage(7, {
      text,
      entities,
      edit_date: BASE_DATE + 5000,
      reply_to_message: groupMessage(3) as Message['reply_to_message'],
      via_bot: user({ id: 99, is_bot: true, username: 'samplebot' }),
      reply_markup: urlButtons([['Open', 'https://example.org/b']]),
      forward_origin: {
        type: 'user',
        date: BASE_DATE,
        sender_user: user({ id: 77, first_name: 'Ana', last_name: undefined }),
      },
    } as Partial<Message>);
    const exported = {
      id: 7,
      type: 'message',
      date: '2023-11-14T22:20:00',
      date_unixtime: String(BASE_DATE + 7 * 60),
      edited: '2023-11-14T23:36:40',
      edited_unixtime: String(BASE_DATE + 5000),
      from: 'Sam Sample',
      from_id: 'user5550001',
      forwarded_from: 'Ana',
      forwarded_from_id: 'user77',
      reply_to_message_id: 3,
      via_bot: '@samplebot',
      text: [
        'read ',
        { type: 'text_link', text: 'here', href: 'https://example.org/hidden' },
        ' or ask ',
        { type: 'mention', text: '@someone' },
      ],
      text_entities: [
        { type: 'plain', text: 'read ' },
        { type: 'text_link', text: 'here', href: 'https://example.org/hidden' },
        { type: 'plain', text: ' or ask ' },
        { type: 'mention', text: '@someone' },
      ],
      inline_bot_buttons: [[{ type: 'url', text: 'Open', data: 'https://example.org/b' }]],
    };
    const chat = supergroup();
    const path = writeExport(
      temp.dir,
      chatExport([exported], { name: chat.title, type: 'public_supergroup', id: 1234567890 }),
    );
    const [fromExport] = itemsOf(await readAll(path));
    const fromBot = messageItem(botMessage);
    if ('reason' in fromBot) throw new Error(fromBot.reason);
    expect(fromExport).toBeDefined();
    expect(comparable(fromBot.item)).toEqual(comparable(fromExport as Item));
  });
});
