import { expect, it } from 'vitest';
import { toChatType } from './chat-type.js';

it.each([
  ['public_channel', 'channel'],
  ['private_channel', 'channel'],
  ['public_supergroup', 'supergroup'],
  ['private_supergroup', 'supergroup'],
  ['private_group', 'group'],
  ['personal_chat', 'private'],
  ['saved_messages', 'private'],
  ['bot_chat', 'bot'],
  ['something_new', 'unknown'],
  ['toString', 'unknown'],
  [undefined, 'unknown'],
])('maps chat type %s to %s', (type, expected) => {
  expect(toChatType(type)).toBe(expected);
});
