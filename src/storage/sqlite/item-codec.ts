import { type Item, itemKey } from '../../core/index.js';
import { toEpochMs } from './epoch-ms.js';
import { columnsOf } from './row-insert.js';

/**
 * An item keeps the fields Rasd filters and sorts on as columns and the rest as one JSON
 * document, so new optional Item fields need no migration and still round-trip.
 */
export interface ItemRow {
  key: string;
  platform: string;
  chat_id: string;
  message_id: string;
  version: number;
  posted_at: string;
  posted_ms: number;
  text: string;
  document: string;
}

export const ITEM_COLUMNS = columnsOf<ItemRow>({
  key: true,
  platform: true,
  chat_id: true,
  message_id: true,
  version: true,
  posted_at: true,
  posted_ms: true,
  text: true,
  document: true,
});

export function itemToRow(item: Item): ItemRow {
  const { platform, chat, messageId, version, postedAt, text, ...rest } = item;
  const { id: chatId, ...chatRest } = chat;
  return {
    key: itemKey(item),
    platform,
    chat_id: chatId,
    message_id: messageId,
    version,
    posted_at: postedAt,
    posted_ms: toEpochMs(postedAt, 'postedAt'),
    text,
    document: JSON.stringify({ chat: chatRest, ...rest }),
  };
}

export function rowToItem(row: ItemRow): Item {
  const { chat, ...rest } = JSON.parse(row.document) as Omit<Item, 'chat'> & { chat: Omit<Item['chat'], 'id'> };
  return {
    ...rest,
    platform: row.platform,
    chat: { id: row.chat_id, ...chat },
    messageId: row.message_id,
    version: row.version,
    postedAt: row.posted_at,
    text: row.text,
  };
}
