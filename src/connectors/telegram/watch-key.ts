import { parseWatchRef, type WatchTarget } from './mtproto/watch-ref.js';

/**
 * The one key a watched chat is stored under, whatever form the user typed: `@name` in lower case
 * (usernames ignore case), the bare chat id, or `+HASH` for an invite (hashes keep their case).
 * The CLI and the monitor both key entries with it, so `t.me/+HASH` typed at the CLI and the
 * monitor's own lookup name one entry, and `unwatch` finds what `watch` saved.
 * Throws INPUT_INVALID (from `parseWatchRef`) for a ref that names no chat.
 */
export function watchKey(ref: string): string {
  return watchTargetKey(parseWatchRef(ref));
}

/** The key of a reference already parsed. */
export function watchTargetKey(target: WatchTarget): string {
  if (target.kind === 'username') return `@${target.username.toLowerCase()}`;
  if (target.kind === 'id') return target.chatId;
  return `+${target.hash}`;
}
