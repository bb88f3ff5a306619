import type { JsonPath, Selection } from '../../json/json-stream.js';

/**
 * Where things are in the two export shapes. A single-chat export is one chat object at the
 * root; a full-account export lists chats under `chats.list` and `left_chats.list`. Either way
 * a chat object is read the same: `name`, `type` and `id` are captured, `messages` is descended
 * and each message captured whole; everything else (contacts, sessions, profile) is skipped
 * without being parsed.
 */

const CHAT_FIELDS = new Set<unknown>(['name', 'type', 'id']);
const CHAT_LISTS = new Set<unknown>(['chats', 'left_chats']);
/** Root keys that only a Telegram export has: seeing one is what identifies the format. */
const FORMAT_KEYS = new Set<unknown>(['messages', 'chats', 'left_chats']);

export type ChatField = 'name' | 'type' | 'id';

export type ExportPlace =
  | { chatKey: string; field: ChatField; index?: undefined }
  | { chatKey: string; index: number; field?: undefined };

/** Index in `path` of the chat object's own keys: 0 at the root, 3 under `chats.list[n]`; -1 elsewhere. */
function chatDepth(path: JsonPath): number {
  if (!CHAT_LISTS.has(path[0])) return 0;
  return path.length >= 3 && path[1] === 'list' && typeof path[2] === 'number' ? 3 : -1;
}

export function selectExportValue(path: JsonPath): Selection {
  if (path.length === 0) return 'descend';
  if (CHAT_LISTS.has(path[0]) && path.length <= 3) {
    return path.length === 1 || path[1] === 'list' ? 'descend' : 'skip';
  }
  const depth = chatDepth(path);
  if (depth < 0) return 'skip';
  const key = path[depth];
  const rest = path.length - depth;
  if (rest === 1) return CHAT_FIELDS.has(key) ? 'capture' : key === 'messages' ? 'descend' : 'skip';
  return rest === 2 && key === 'messages' && typeof path[depth + 1] === 'number' ? 'capture' : 'skip';
}

/** The chat field or message a captured path is; undefined for anything else. */
export function placeOf(path: JsonPath): ExportPlace | undefined {
  const depth = chatDepth(path);
  if (depth < 0 || path.length <= depth) return undefined;
  const chatKey = depth === 0 ? 'root' : `${String(path[0])}/${String(path[2])}`;
  const key = path[depth];
  if (path.length === depth + 1 && CHAT_FIELDS.has(key)) return { chatKey, field: key as ChatField };
  const index = path[depth + 1];
  if (path.length === depth + 2 && key === 'messages' && typeof index === 'number') return { chatKey, index };
  return undefined;
}

export function isFormatKey(path: JsonPath): boolean {
  return path.length === 1 && FORMAT_KEYS.has(path[0]);
}

/** A root array, or a root that is not a container at all, cannot be an export. */
export function isForeignRoot(path: JsonPath): boolean {
  return path.length === 1 && typeof path[0] === 'number';
}
