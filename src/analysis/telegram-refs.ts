import { normaliseUrl, TELEGRAM_HOSTS } from '../detect/text/links/index.js';
import { canonicalHandle, HANDLE_PATTERN } from './node-ids.js';

/** Where a link points, as the graph sees it: a public handle, an invite code, or an outside page. */
export type LinkTarget =
  | { kind: 'user'; handle: string }
  | { kind: 'invite'; code: string }
  | { kind: 'site'; host: string; url: string };

/** Paths on t.me that are Telegram features, not chats (`t.me/share/url?…`, `t.me/addstickers/…`). */
const RESERVED_PATHS = new Set([
  'addemoji',
  'addlist',
  'addstickers',
  'addtheme',
  'bg',
  'c',
  'confirmphone',
  'contact',
  'iv',
  'login',
  'proxy',
  'setlanguage',
  'share',
  'socks',
]);

const INVITE_CODE = /^[A-Za-z0-9_-]{6,64}$/;

/**
 * Reads one link: `t.me/<user>[/<msg>]`, `t.me/s/<user>`, `telegram.me/…`, `<user>.t.me`,
 * `t.me/+CODE`, `t.me/joinchat/CODE`, `tg://resolve?domain=x`, `tg://join?invite=CODE`, or any
 * other http(s) page. Undefined for links that name neither a chat nor a page (Telegram feature
 * paths, private `t.me/c/…` message links, malformed input).
 */
export function linkTargetOf(url: string): LinkTarget | undefined {
  const n = normaliseUrl(url);
  if (n === null) return undefined;
  if (n.scheme === 'tg') return tgTarget(n.hostname, n.params);
  if (n.scheme === 'ftp') return { kind: 'site', host: n.host, url: n.url };
  const telegramHost = TELEGRAM_HOSTS.find((h) => n.host === h || n.host.endsWith(`.${h}`));
  if (telegramHost === undefined) return { kind: 'site', host: n.host, url: n.url };
  if (n.host !== telegramHost) return userTarget(n.host.slice(0, -telegramHost.length - 1));
  return telegramPathTarget(n.pathname);
}

function tgTarget(action: string, params: URLSearchParams): LinkTarget | undefined {
  if (action === 'resolve') return userTarget(params.get('domain') ?? '');
  if (action === 'join') return inviteTarget(params.get('invite') ?? '');
  return undefined;
}

function telegramPathTarget(pathname: string): LinkTarget | undefined {
  const segments = pathname.split('/').filter((s) => s.length > 0);
  const [first = '', second = ''] = segments.map(safeDecode);
  if (first.startsWith('+')) return inviteTarget(first.slice(1));
  if (first === 'joinchat') return inviteTarget(second);
  if (first === 's') return userTarget(second);
  if (RESERVED_PATHS.has(first.toLowerCase())) return undefined;
  return userTarget(first);
}

function userTarget(name: string): LinkTarget | undefined {
  const handle = canonicalHandle(name);
  return HANDLE_PATTERN.test(handle) ? { kind: 'user', handle } : undefined;
}

function inviteTarget(code: string): LinkTarget | undefined {
  return INVITE_CODE.test(code) ? { kind: 'invite', code } : undefined;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
