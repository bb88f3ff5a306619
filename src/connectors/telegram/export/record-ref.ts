import type { ErrorCode, SourceRecord } from '../../../core/index.js';

/** Names a message for errors and items: `<result.json>#<chat id or ?>/<message index> id=N`. */
export function recordRef(file: string, chatId: string | undefined, index: number, messageId?: string): string {
  const id = messageId === undefined ? '' : ` id=${messageId.slice(0, 64)}`;
  return `${file}#${chatId ?? '?'}/${index}${id}`;
}

/** Never pass message text in `message`: errors are logged and shown where content must not be. */
export function recordError(record: string, code: ErrorCode, message: string): SourceRecord {
  return { type: 'error', error: { record, code, message } };
}
