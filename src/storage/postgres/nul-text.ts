import type { Item } from '../../core/index.js';
import type { ChannelEventRow, ChannelRow } from '../sqlite/channel-codec.js';
import { type ItemRow, rowToItem } from '../sqlite/item-codec.js';

/*
 * PostgreSQL text cannot hold U+0000, which SQLite stores and a message may carry on purpose:
 * one such message would fail its whole batch. An item's text keeps its exact value in the
 * document (JSON escapes it) under `$text`, and the column gets the text without it, for
 * searching; names of channels and actors just lose it.
 */
const NUL = '\u0000';
const MARK = '{"$text":';

export function storableItemRow(row: ItemRow): ItemRow {
  if (!row.text.includes(NUL)) return row;
  const document = JSON.parse(row.document) as Record<string, unknown>;
  return { ...row, text: row.text.replaceAll(NUL, ''), document: JSON.stringify({ $text: row.text, ...document }) };
}

export function storedItem(row: ItemRow): Item {
  if (!row.document.startsWith(MARK)) return rowToItem(row);
  const { $text, ...document } = JSON.parse(row.document) as { $text: string };
  return rowToItem({ ...row, text: $text, document: JSON.stringify(document) });
}

const strip = (value: string | null): string | null => (value?.includes(NUL) ? value.replaceAll(NUL, '') : value);

export function storableChannelRow(row: ChannelRow): ChannelRow {
  return { ...row, username: strip(row.username), title: strip(row.title) };
}

export function storableChannelEventRow(row: ChannelEventRow): ChannelEventRow {
  return { ...row, actor: strip(row.actor), actor_id: strip(row.actor_id), action: strip(row.action) ?? '' };
}
