import { classifyLink } from './classify.js';
import { deobfuscate } from './deobfuscate.js';
import { hostIn, KNOWN_HOST_SET, KNOWN_TLDS, WORDLIKE_TLDS } from './hosts.js';
import { type MappedText, originalEnd, originalStart, tricksIn, tricksOf } from './mapped.js';
import { type NormalisedUrl, normaliseUrl } from './normalise.js';
import { type Link, type LinkEntity, type LinkSource, MAX_LINKS_PER_MESSAGE, MAX_URL_LENGTH } from './types.js';

/**
 * Every link in a message: in the text (plainly written or disguised), in `url` entities, behind
 * `text-link` entities and on inline buttons. Pure and total: it never throws, returns at most
 * `MAX_LINKS_PER_MESSAGE` links, and offsets always lie within `text`.
 *
 * An `@username` is not a link (it names a chat without leaving the platform), nor is the domain
 * of an e-mail address.
 */
export function extractLinks(text: string, entities?: readonly LinkEntity[]): Link[] {
  const links: Link[] = [];
  const safeText = typeof text === 'string' ? text : '';
  // A bug in one part must not lose the message: each part keeps what it found before failing.
  try {
    findInText(safeText, links);
  } catch {}
  try {
    if (Array.isArray(entities)) addEntities(safeText, entities, links);
  } catch {}
  return links;
}

/**
 * Candidates in the rewritten text: a scheme link, a `tg://` link, a `www.` host, or a bare dotted
 * name with optional port and path. Never starts inside a word, a path or an e-mail address.
 * Labels are delimited by dots and the lookbehind forbids starting after a dot or a letter, so
 * each run of text is tried from one place only and matching stays linear.
 */
const CANDIDATE =
  /(?<![\p{L}\p{N}\p{M}@._\-/\\])(?:(?:https?|ftp):\/\/[^\s<>"'`]+|tg:\/\/[a-z]+(?:\?[^\s<>"'`]*)?|www\.[^\s<>"'`]+|[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+(?::\d{1,5})?(?:[/?#][^\s<>"'`]*)?)/giu;

function findInText(text: string, links: Link[]): void {
  if (text.length === 0) return;
  const m = deobfuscate(text);
  // Every link form has a dot or the colon of a scheme; most chat messages have neither.
  if (!/[.:]/.test(m.text)) return;
  for (const match of m.text.matchAll(CANDIDATE)) {
    if (links.length >= MAX_LINKS_PER_MESSAGE) return;
    const from = match.index;
    const candidate = trimTrailing(match[0]);
    if (candidate.length === 0 || m.text.charAt(from + match[0].length) === '@') continue;
    const normalised = acceptCandidate(candidate) ? normaliseUrl(candidate) : null;
    if (!normalised) continue;
    links.push(textLink(text, m, from, from + candidate.length, normalised));
  }
}

function textLink(text: string, m: MappedText, from: number, to: number, n: NormalisedUrl): Link {
  const start = originalStart(m, from);
  const end = Math.max(start + 1, originalEnd(m, to - 1));
  return {
    url: n.url,
    raw: text.slice(start, end).slice(0, MAX_URL_LENGTH),
    start,
    end,
    source: 'text',
    obfuscated: tricksOf(tricksIn(m, from, to)),
    host: n.host,
    kind: classifyLink(n),
  };
}

const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/** Drops punctuation that ends the sentence rather than the link; keeps a balanced `)` (wiki links). */
export function trimTrailing(candidate: string): string {
  let end = candidate.length;
  while (end > 0) {
    const ch = candidate.charAt(end - 1);
    const opener = CLOSERS[ch];
    if (opener !== undefined) {
      const body = candidate.slice(0, end);
      if (body.split(opener).length >= body.split(ch).length) break;
    } else if (!/[.,;:!?'"*»›…،؛؟\u06d4]/.test(ch)) break;
    end--;
  }
  return candidate.slice(0, end);
}

/** Splits `scheme://authority/rest` or `authority/rest` into the host and whether anything follows it. */
function hostPart(candidate: string): { host: string; written: string; hasRest: boolean; scheme: boolean } {
  const schemeEnd = candidate.indexOf('://');
  const scheme = schemeEnd >= 0;
  const afterScheme = scheme ? candidate.slice(schemeEnd + 3) : candidate;
  const authorityEnd = afterScheme.search(/[/?#]/);
  const authority = authorityEnd >= 0 ? afterScheme.slice(0, authorityEnd) : afterScheme;
  const withoutUser = authority.slice(authority.lastIndexOf('@') + 1);
  const portAt = withoutUser.search(/:\d*$/);
  const written = portAt >= 0 ? withoutUser.slice(0, portAt) : withoutUser;
  const hasRest = portAt >= 0 || (authorityEnd >= 0 && afterScheme.length > authorityEnd + 1);
  return { host: written.toLowerCase(), written, hasRest, scheme };
}

/**
 * Whether a candidate is a link rather than prose. With a scheme or `www.` any plausible host
 * counts; a bare name needs a known TLD, and a TLD that is also a word or a file extension
 * (`notes.md`, `done.today`) needs a path after it or a listed host. A capitalised two-letter TLD
 * after a lower-case word ("war da.Es", "gone.De") is a sentence missing its space, not a domain.
 */
function acceptCandidate(candidate: string): boolean {
  if (/^tg:\/\//i.test(candidate)) return true;
  const { host, written, hasRest, scheme } = hostPart(candidate);
  if (scheme || host.startsWith('www.')) return host.includes('.');
  if (hostIn(host, KNOWN_HOST_SET)) return true;
  const tld = host.slice(host.lastIndexOf('.') + 1);
  if (!KNOWN_TLDS.has(tld)) return false;
  if (hasRest) return true;
  if (WORDLIKE_TLDS.has(tld)) return false;
  return !isSentenceJoin(written);
}

function isSentenceJoin(writtenHost: string): boolean {
  const dot = writtenHost.lastIndexOf('.');
  const tld = writtenHost.slice(dot + 1);
  const before = writtenHost.slice(0, dot);
  return /^[A-Z][a-z]$/.test(tld) && before !== before.toUpperCase();
}

const LINK_ENTITY_SOURCES: Record<string, LinkSource> = {
  url: 'entity',
  'text-link': 'hidden',
  'button-url': 'button',
};

/**
 * Links carried by entities. A `url` entity repeats a link already in the text and is added only
 * when the text scan missed it. A `text-link` whose visible text is its own target is an ordinary
 * link; otherwise the target is hidden from the reader. Offsets point at the visible text, found
 * in entity order (exports list entities in the order they appear).
 */
function addEntities(text: string, entities: readonly LinkEntity[], links: Link[]): void {
  const inText = new Set(links.map((link) => sameLinkKey(link.url)));
  const seen = new Set<string>();
  let cursor = 0;
  for (const entity of entities) {
    if (links.length >= MAX_LINKS_PER_MESSAGE) return;
    let source = entity && typeof entity.type === 'string' ? LINK_ENTITY_SOURCES[entity.type] : undefined;
    if (source === undefined || typeof entity.text !== 'string') continue;
    const target = source === 'entity' ? (entity.url ?? entity.text) : entity.url;
    const n = typeof target === 'string' ? normaliseUrl(target) : null;
    if (!n || target === undefined) continue;
    const at = source === 'button' ? -1 : locate(text, entity.text, cursor);
    if (at >= 0) cursor = at + entity.text.length;
    if (source === 'hidden' && showsItself(entity.text, n)) source = 'entity';
    if (source === 'entity' && inText.has(sameLinkKey(n.url))) continue;
    const key = `${source} ${n.url} ${at}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const span = at >= 0 && entity.text.length > 0 ? { start: at, end: at + entity.text.length } : {};
    const raw = target.slice(0, MAX_URL_LENGTH);
    links.push({ url: n.url, raw, ...span, source, obfuscated: [], host: n.host, kind: classifyLink(n) });
  }
}

function locate(text: string, visible: string, cursor: number): number {
  if (visible.length === 0) return -1;
  const at = text.indexOf(visible, cursor);
  return at >= 0 ? at : text.indexOf(visible);
}

/** A normalised url without scheme, `www.` and final `/`: what a reader would call the same link. */
function sameLinkKey(url: string): string {
  return url.replace(/^[a-z]+:\/\/(?:www\.)?/, '').replace(/\/$/, '');
}

/** Whether the visible text of a text-link is the link itself. */
function showsItself(visible: string, target: NormalisedUrl): boolean {
  const shown = normaliseUrl(visible);
  return shown !== null && sameLinkKey(shown.url) === sameLinkKey(target.url);
}
