import type { ChatType, Item } from '../core/index.js';
import { extractLinks, type Link } from '../detect/text/links/index.js';
import { foldNormalized } from '../detect/text/normalize/index.js';
import { announcesBackupNormalized } from './backup-phrases.js';
import type { NodeKind, Observation, ObservedLink } from './network-types.js';
import { canonicalHandle, HANDLE_PATTERN } from './node-ids.js';
import { textFingerprintNormalized } from './text-fingerprint.js';

export interface ObservationExtra {
  tactics?: string[];
  orgs?: string[];
  language?: string;
  /** Fingerprints the media pipeline computed (PDQ hex, video hashes); `media:` is added when missing. */
  mediaFingerprints?: string[];
  /**
   * The item's text after the evasion-proof normaliser, when the caller has it (a scan does):
   * normalising is the larger part of an observation's cost, so it is done once per item.
   */
  normalizedText?: string;
  /** The item's links as `extractLinks` found them, when the caller has them (a scan does). */
  links?: readonly Link[];
}

const CHAT_KINDS: Record<ChatType, Exclude<NodeKind, 'site' | 'invite'>> = {
  channel: 'channel',
  supergroup: 'group',
  group: 'group',
  private: 'group',
  bot: 'bot',
  unknown: 'channel',
};

/** `@name` not inside a word, an e-mail address or a link path. */
const MENTION = /(?<![\p{L}\p{N}_@./])@([a-z][a-z0-9_]{2,31})\b/giu;

/**
 * One stored item reduced to what the network analysis needs: links, mentions, the forward
 * source, fingerprints and two text features. The text itself is not kept.
 */
export function observationOf(item: Item, extra: ObservationExtra = {}): Observation {
  const links = extra.links ?? extractLinks(item.text, item.entities);
  const normalized = extra.normalizedText ?? (item.text === '' ? '' : foldNormalized(item.text).text);
  const observation: Observation = {
    chatId: item.chat.id,
    chatKind: CHAT_KINDS[item.chat.type ?? 'unknown'],
    messageId: item.messageId,
    at: item.postedAt,
    links: links.map(observedLink),
    mentions: mentionsOf(item),
    fingerprints: fingerprintsOf(item, normalized, extra.mediaFingerprints),
    bareTextLength: bareTextLength(item.text, links),
    announcesBackup: announcesBackupNormalized(normalized),
  };
  if (item.chat.username) observation.handle = canonicalHandle(item.chat.username);
  if (item.chat.title) observation.title = item.chat.title;
  if (item.forward !== undefined) observation.forwardFrom = forwardOf(item.forward);
  if (extra.tactics !== undefined) observation.tactics = extra.tactics;
  if (extra.orgs !== undefined) observation.orgs = extra.orgs;
  if (extra.language !== undefined) observation.language = extra.language;
  return observation;
}

function observedLink(link: Link): ObservedLink {
  const via = link.source === 'hidden' ? 'hidden' : link.source === 'button' ? 'button' : 'text';
  return { url: link.url, via };
}

function forwardOf(forward: NonNullable<Item['forward']>): NonNullable<Observation['forwardFrom']> {
  const from: NonNullable<Observation['forwardFrom']> = {};
  if (forward.fromId) from.chatId = forward.fromId;
  if (forward.fromName) from.name = forward.fromName;
  return from;
}

function mentionsOf(item: Item): string[] {
  const found = new Set<string>();
  for (const entity of item.entities) {
    if (entity.type !== 'mention') continue;
    const handle = canonicalHandle(entity.text);
    if (HANDLE_PATTERN.test(handle)) found.add(handle);
  }
  // The pattern opens with a Unicode lookbehind that V8 tries at every position: skip it when no `@`.
  if (item.text.includes('@')) {
    for (const match of item.text.matchAll(MENTION)) found.add(canonicalHandle(match[1] as string));
  }
  return [...found];
}

function fingerprintsOf(item: Item, normalized: string, media: readonly string[] = []): string[] {
  const out = new Set<string>();
  for (const ref of item.media) if (ref.sha256 !== undefined) out.add(`media:${ref.sha256}`);
  for (const key of media) if (key.length > 0) out.add(key.startsWith('media:') ? key : `media:${key.toLowerCase()}`);
  const text = textFingerprintNormalized(normalized);
  if (text !== undefined) out.add(text);
  return [...out];
}

/** Characters left once links, mentions and whitespace are out: a beacon post leaves almost none. */
export function bareTextLength(text: string, links: readonly Link[]): number {
  let bare = '';
  let from = 0;
  const spans = links
    .filter((l) => l.source === 'text' && l.start !== undefined && l.end !== undefined)
    .sort((a, b) => (a.start as number) - (b.start as number));
  for (const link of spans) {
    const start = link.start as number;
    if (start >= from) bare += text.slice(from, start);
    from = Math.max(from, link.end as number);
  }
  bare += text.slice(from);
  const unmentioned = bare.includes('@') ? bare.replace(MENTION, '') : bare;
  return [...unmentioned.replace(/\s+/gu, '')].length;
}
