import { TELEGRAM_RESERVED_PATHS } from '../../../core/telegram-paths.js';
import { FILE_HOST_SET, hostIn, PASTE_SET, SHORTENER_SET, TELEGRAM_SET } from './hosts.js';
import type { NormalisedUrl } from './normalise.js';
import type { LinkKind } from './types.js';

const USERNAME = /^[a-z][a-z0-9_]{3,31}$/i;

/** What a normalised link points at. Several kinds may apply; none is a finding on its own. */
export function classifyLink(link: NormalisedUrl): LinkKind[] {
  const kinds: LinkKind[] = [];
  const telegram = link.scheme === 'tg' ? classifyTg(link) : classifyTelegramWeb(link);
  if (telegram) kinds.push(telegram);
  if (link.scheme === 'tg') return kinds;
  if (hostIn(link.host, SHORTENER_SET)) kinds.push('shortener');
  if (hostIn(link.host, FILE_HOST_SET)) kinds.push('file-host');
  if (hostIn(link.host, PASTE_SET)) kinds.push('paste');
  return kinds;
}

/** `tg://join?invite=…`, `tg://addlist?slug=…` (a folder of chats) and `tg://resolve?domain=…`. */
function classifyTg(link: NormalisedUrl): LinkKind | null {
  if (link.hostname === 'join' && link.params.get('invite')) return 'telegram-invite';
  if (link.hostname === 'addlist' && link.params.get('slug')) return 'telegram-invite';
  if (link.hostname === 'resolve' && USERNAME.test(link.params.get('domain') ?? '')) return 'telegram-channel';
  return null;
}

/**
 * `t.me/+code`, `t.me/joinchat/code` and `t.me/addlist/slug` invite into private chats and
 * folders; `t.me/name`, `t.me/s/name`, `t.me/c/123/45` and `name.t.me` point at a public chat.
 */
function classifyTelegramWeb(link: NormalisedUrl): LinkKind | null {
  if (!hostIn(link.host, TELEGRAM_SET)) return null;
  if (!TELEGRAM_SET.has(link.host)) {
    return USERNAME.test(link.host.slice(0, link.host.indexOf('.'))) ? 'telegram-channel' : null;
  }
  const segments = link.pathname.split('/').filter((s) => s.length > 0);
  const first = safeDecode(segments[0] ?? '');
  const second = segments[1] ?? '';
  if (first.startsWith('+') && first.length > 1) return 'telegram-invite';
  if ((first === 'joinchat' || first === 'addlist') && second.length > 0) return 'telegram-invite';
  if (first === 's' && USERNAME.test(second)) return 'telegram-channel';
  if (first === 'c' && /^\d+$/.test(second)) return 'telegram-channel';
  if (USERNAME.test(first) && !TELEGRAM_RESERVED_PATHS.has(first.toLowerCase())) return 'telegram-channel';
  return null;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
