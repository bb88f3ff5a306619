import type { Item } from '../../core/index.js';
import { toEpochMs } from './epoch-ms.js';
import { type Cell, columnsOf } from './row-insert.js';

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

/** `key` is the item's `itemKey`, which the caller has at hand already. */
export function itemToRow(item: Item, key: string): ItemRow {
  return {
    key,
    platform: item.platform,
    chat_id: item.chat.id,
    message_id: item.messageId,
    version: item.version,
    posted_at: item.postedAt,
    posted_ms: toEpochMs(item.postedAt, 'postedAt'),
    text: item.text,
    document: itemDocument(item),
  };
}

/** `itemToRow`'s cells in ITEM_COLUMNS order, appended to a flat array without building the row. */
export function pushItemCells(item: Item, key: string, out: Cell[]): void {
  const postedAt = item.postedAt;
  out.push(
    key,
    item.platform,
    item.chat.id,
    item.messageId,
    item.version,
    postedAt,
    toEpochMs(postedAt, 'postedAt'),
    item.text,
    itemDocument(item),
  );
}

/** The fields that have no column, as one JSON document (the chat without its id, which is a column). */
export function itemDocument(item: Item): string {
  const { platform, chat, messageId, version, postedAt, text, ...rest } = item;
  const { id, ...chatRest } = chat;
  return JSON.stringify({ chat: chatRest, ...rest });
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
