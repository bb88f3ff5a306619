/**
 * Links found in a message: in its text (plain or disguised), in `url` entities, behind
 * `text-link` entities (the reader sees other text) and on inline buttons. Outlinks are how
 * content leaves a platform after takedowns, so every form a link can hide in counts.
 */

/** Where a link came from. `hidden` is a `text-link` whose visible text is not the link itself. */
export type LinkSource = 'text' | 'entity' | 'hidden' | 'button';

/** What a link points at; one link may be several (a paste site is also a file host). */
export const LINK_KINDS = ['telegram-invite', 'telegram-channel', 'shortener', 'file-host', 'paste'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** Disguises undone to find a link in text, named so a reviewer sees what was done. */
export const LINK_TRICKS = [
  'zero-width',
  'fullwidth',
  'lookalike-punctuation',
  'hxxp-scheme',
  'bracketed-punctuation',
  'spelled-dot',
  'spaced-separators',
] as const;
export type LinkTrick = (typeof LINK_TRICKS)[number];

export interface Link {
  /** Normalised: lower-case scheme and host, punycode, no default port, no tracking parameters. */
  url: string;
  /** As written: the text slice for text links, the entity's url otherwise. */
  raw: string;
  /** UTF-16 offsets into the text, when the link (or a hidden link's visible text) is in it. */
  start?: number;
  end?: number;
  source: LinkSource;
  /** Disguises undone to read the link; empty when it was written plainly. */
  obfuscated: LinkTrick[];
  /** Host without `www.`; `tg` for `tg://` app links. */
  host: string;
  kind: LinkKind[];
}

/** The part of an Item entity this library reads; kept structural so callers need not import core. */
export interface LinkEntity {
  type: string;
  text: string;
  url?: string | undefined;
}

/** Caps that bound the work one message can cause. */
export const MAX_LINKS_PER_MESSAGE = 200;
export const MAX_URL_LENGTH = 2048;
