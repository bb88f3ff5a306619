import type { ChatType } from '../../../core/index.js';

const TELEGRAM_CHAT_TYPES: Readonly<Record<string, ChatType>> = {
  public_channel: 'channel',
  private_channel: 'channel',
  public_supergroup: 'supergroup',
  private_supergroup: 'supergroup',
  private_group: 'group',
  personal_chat: 'private',
  saved_messages: 'private',
  bot_chat: 'bot',
};

/** Maps the exporter's chat `type` onto Rasd's chat types; anything new reads as `unknown`. */
export function toChatType(type: unknown): ChatType {
  if (typeof type !== 'string' || !Object.hasOwn(TELEGRAM_CHAT_TYPES, type)) return 'unknown';
  return TELEGRAM_CHAT_TYPES[type] ?? 'unknown';
}
