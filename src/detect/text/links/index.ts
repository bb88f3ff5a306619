/**
 * Links in messages: found in text (plain and disguised), in entities, behind text-links and on
 * buttons; normalised, classified, and turned into link-tactic Signals. Pure: no I/O, no network.
 */

/** `classifyLink(normalised)` → the kinds of a link (invite, channel, shortener, file host, paste). */
export { classifyLink } from './classify.js';
/** `extractLinks(text, entities?)` → every `Link` in a message; never throws, at most 200. */
export { extractLinks } from './extract.js';
/** The host lists, as data, and `hostIn(host, set)` (equal or subdomain). */
export {
  FILE_HOSTS,
  hostIn,
  KNOWN_TLDS,
  PASTE_HOSTS,
  SHORTENER_HOSTS,
  TELEGRAM_HOSTS,
  WORDLIKE_TLDS,
} from './hosts.js';
/** `normaliseUrl(input)` → the canonical spelling of one link, or null. */
export { type NormalisedUrl, normaliseUrl } from './normalise.js';
/** `linkSignals(links, version?)` → one `link` Signal per finding and host. */
export { LINK_SCORES, LINKS_VERSION, linkSignals } from './signals.js';
export {
  LINK_KINDS,
  LINK_TRICKS,
  type Link,
  type LinkEntity,
  type LinkKind,
  type LinkSource,
  type LinkTrick,
  MAX_LINKS_PER_MESSAGE,
  MAX_URL_LENGTH,
} from './types.js';
