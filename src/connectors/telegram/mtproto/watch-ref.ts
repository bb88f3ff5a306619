import { type AppError, invalidInput, TELEGRAM_RESERVED_PATHS } from '../../../core/index.js';
import { bareChatId } from '../telegram-ids.js';

/**
 * What a user may write to name a chat to watch: `@name`, `name`, a t.me link (`t.me/name`,
 * `t.me/s/name`, a post link `t.me/name/5` names its chat), an invite link (`t.me/+HASH`,
 * `t.me/joinchat/HASH`) or an id (`-1001234567890` as the Bot API writes it, or the bare
 * `1234567890`). Usernames ignore case, so they are kept in lower case: `@Name` and `t.me/name`
 * are one watch entry. A link to a message in a private chat (`t.me/c/...`) names a message,
 * not a chat one can watch by link, and is refused with the id to use instead.
 */

export type WatchTarget =
  | { kind: 'username'; username: string }
  | { kind: 'id'; chatId: string }
  | { kind: 'invite'; hash: string };

const MAX_REF = 256;
/** Telegram's rule: 4 to 32 letters, digits and underscores, starting with a letter. */
const USERNAME = /^[A-Za-z][A-Za-z0-9_]{3,31}$/;
const INVITE_HASH = /^[A-Za-z0-9_-]{1,64}$/;
const NUMERIC_ID = /^-?\d{1,20}$/;
const MESSAGE_ID = /^[1-9]\d{0,9}$/;
const LINK = /^(?:https?:\/\/)?(?:www\.)?(?:t\.me|telegram\.me|telegram\.dog)(?:\/(.*))?$/i;
const TG_LINK = /^tg:\/\/(resolve|join|privatepost)\?(.*)$/i;
/** Bare chat ids fit in 52 bits: at most 16 digits. */
const MAX_ID_DIGITS = 16;

const EXAMPLES = 'write it as @name, t.me/name, an invite link t.me/+HASH, or an id such as -1001234567890';

function refused(ref: string, why: string): AppError {
  const shown = JSON.stringify(ref.length > 80 ? `${ref.slice(0, 80)}…` : ref);
  return invalidInput(`the chat ${shown} cannot be watched: ${why}; ${EXAMPLES}`, 'ref');
}

function usernameTarget(ref: string, name: string): WatchTarget {
  if (!USERNAME.test(name)) {
    throw refused(
      ref,
      `"${name.slice(0, 40)}" is not a Telegram username (4 to 32 letters, digits or _, starting with a letter)`,
    );
  }
  if (TELEGRAM_RESERVED_PATHS.has(name.toLowerCase()))
    throw refused(ref, `t.me/${name} is a Telegram page, not a chat`);
  return { kind: 'username', username: name.toLowerCase() };
}

function inviteTarget(ref: string, hash: string): WatchTarget {
  if (!INVITE_HASH.test(hash)) throw refused(ref, 'the invite link has no usable code after "+" or "joinchat/"');
  return { kind: 'invite', hash };
}

function idTarget(ref: string, id: string): WatchTarget {
  const chatId = bareChatId(id);
  if (chatId === '0' || chatId.length > MAX_ID_DIGITS) throw refused(ref, 'that number is not a Telegram chat id');
  return { kind: 'id', chatId };
}

/** Path parts of a link, without query or fragment. */
function pathParts(path: string | undefined): string[] {
  return (
    (path ?? '')
      .split(/[?#]/, 1)[0]
      ?.split('/')
      .filter((part) => part !== '') ?? []
  );
}

function linkTarget(ref: string, parts: string[]): WatchTarget {
  const [first, second] = parts;
  if (first === undefined) throw refused(ref, 'the link names no chat');
  if (first.startsWith('+')) return inviteTarget(ref, first.slice(1));
  if (first.toLowerCase() === 'joinchat') return inviteTarget(ref, second ?? '');
  if (first.toLowerCase() === 'c') {
    const hint =
      second !== undefined && /^\d{1,16}$/.test(second) ? ` (to watch that chat, give its id -100${second})` : '';
    throw refused(ref, `t.me/c/ links point to a message in a private chat${hint}`);
  }
  if (first.toLowerCase() === 's') return usernameTarget(ref, second ?? '');
  const rest = parts.slice(1);
  if (rest.length > 2 || !rest.every((part) => MESSAGE_ID.test(part)))
    throw refused(ref, 'the link is not a link to a chat');
  return usernameTarget(ref, first);
}

function tgLinkTarget(ref: string, kind: string, query: string): WatchTarget {
  const params = new URLSearchParams(query);
  if (kind.toLowerCase() === 'resolve') return usernameTarget(ref, params.get('domain') ?? '');
  if (kind.toLowerCase() === 'join') return inviteTarget(ref, params.get('invite') ?? '');
  throw refused(ref, 'tg://privatepost links point to a message in a private chat');
}

/** The chat a watch reference names; INPUT_INVALID with a sentence saying what would work. */
export function parseWatchRef(ref: string): WatchTarget {
  const value = typeof ref === 'string' ? ref.trim() : '';
  if (value === '') throw refused(String(ref ?? ''), 'it is empty');
  if (value.length > MAX_REF) throw refused(value, `it is longer than ${MAX_REF} characters`);
  if (NUMERIC_ID.test(value)) return idTarget(value, value);
  if (value.startsWith('@')) return usernameTarget(value, value.slice(1));
  if (value.startsWith('+')) return inviteTarget(value, value.slice(1));
  const tg = TG_LINK.exec(value);
  if (tg) return tgLinkTarget(value, tg[1] as string, tg[2] as string);
  const link = LINK.exec(value);
  if (link) return linkTarget(value, pathParts(link[1]));
  if (value.includes('/') || value.includes(':')) throw refused(value, 'it is a link, but not a Telegram (t.me) link');
  return usernameTarget(value, value);
}

function messageTarget(parts: string[]): { target: WatchTarget; messageId: string } | undefined {
  const messageId = parts[parts.length - 1];
  if (messageId === undefined || !MESSAGE_ID.test(messageId)) return undefined;
  const [first, second] = parts;
  // A post in a forum topic has the topic id between chat and message.
  const middle = parts.slice(first?.toLowerCase() === 'c' || first?.toLowerCase() === 's' ? 2 : 1, -1);
  if (middle.length > 1 || !middle.every((part) => MESSAGE_ID.test(part))) return undefined;
  if (first?.toLowerCase() === 'c') {
    if (second === undefined || !/^\d{1,16}$/.test(second) || /^0+$/.test(second)) return undefined;
    return { target: { kind: 'id', chatId: second }, messageId };
  }
  const name = first?.toLowerCase() === 's' ? second : first;
  if (name === undefined || !USERNAME.test(name) || TELEGRAM_RESERVED_PATHS.has(name.toLowerCase())) return undefined;
  return { target: { kind: 'username', username: name.toLowerCase() }, messageId };
}

/**
 * The chat and message a message link names (`t.me/name/5`, `t.me/s/name/5`, `t.me/c/123/5`,
 * with a forum topic `t.me/name/7/5`, or `tg://resolve?domain=name&post=5`); undefined for
 * anything else.
 */
export function parseMessageLink(link: string): { target: WatchTarget; messageId: string } | undefined {
  const value = typeof link === 'string' ? link.trim() : '';
  if (value === '' || value.length > MAX_REF) return undefined;
  const tg = TG_LINK.exec(value);
  if (tg) {
    const params = new URLSearchParams(tg[2]);
    const post = params.get('post') ?? '';
    if (tg[1]?.toLowerCase() === 'resolve') return messageTarget([params.get('domain') ?? '', post]);
    if (tg[1]?.toLowerCase() === 'privatepost') return messageTarget(['c', params.get('channel') ?? '', post]);
    return undefined;
  }
  const match = LINK.exec(value);
  return match ? messageTarget(pathParts(match[1])) : undefined;
}
