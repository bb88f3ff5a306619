import { MAX_URL_LENGTH } from './types.js';

/**
 * One canonical spelling per link, so the same outlink posted as `HTTPS://WWW.Example.ORG:443/a?utm_source=x`
 * and `https://www.example.org/a` counts once and matches a takedown list. The WHATWG URL parser
 * does the heavy lifting: lower-cases scheme and host, turns Unicode hosts into punycode with the
 * same UTS #46 processing as `url.domainToASCII`, drops default ports and percent-encodes the path.
 */
export interface NormalisedUrl {
  url: string;
  /** Host without a leading `www.`; `tg` for `tg://` links. */
  host: string;
  scheme: 'http' | 'https' | 'ftp' | 'tg';
  /** For `tg://` links the action (`join`, `resolve`…), otherwise the full hostname. */
  hostname: string;
  pathname: string;
  params: URLSearchParams;
}

const SCHEMES = new Set(['http', 'https', 'ftp', 'tg']);

/** Query parameters that only track the click; removing them never changes the destination. */
const TRACKING_PARAMS = new Set([
  '_ga',
  '_gl',
  'dclid',
  'fbclid',
  'gbraid',
  'gclid',
  'igsh',
  'igshid',
  'mc_cid',
  'mc_eid',
  'msclkid',
  'ttclid',
  'twclid',
  'wbraid',
  'yclid',
]);

/** Telegram usernames are case-insensitive; invite codes are not, so only a username is folded. */
const TELEGRAM_HOSTNAMES = new Set(['t.me', 'telegram.me', 'telegram.dog']);
const TELEGRAM_USERNAME = /^[a-z][a-z0-9_]{3,31}$/i;

/** The longest input worth parsing: a link longer than this is cut before it is parsed. */
const MAX_PARSE_LENGTH = 8192;

/** Normalises a link written with or without a scheme; null when it is not an http(s), ftp or tg link. */
export function normaliseUrl(input: string): NormalisedUrl | null {
  let text = input.trim().slice(0, MAX_PARSE_LENGTH);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  if (scheme === undefined || !text.slice(scheme.length + 1).startsWith('//')) {
    // `localhost:8080` and `example.org:443/x` carry a port, not a scheme; `mailto:` carries neither.
    if (scheme !== undefined && !/^[^:/]+:\d/.test(text)) return null;
    // Telegram clients open a bare link over HTTPS, and most sites today redirect there anyway.
    text = `https://${text}`;
  } else if (!SCHEMES.has(scheme)) return null;
  try {
    return scheme === 'tg' ? normaliseTg(text) : normaliseWeb(text);
  } catch {
    return null;
  }
}

function normaliseTg(text: string): NormalisedUrl | null {
  const u = new URL(text);
  const action = u.hostname.toLowerCase();
  if (!/^[a-z]+$/.test(action)) return null;
  const url = `tg://${action}${u.search}`.slice(0, MAX_URL_LENGTH);
  return { url, host: 'tg', scheme: 'tg', hostname: action, pathname: u.pathname, params: u.searchParams };
}

function normaliseWeb(text: string): NormalisedUrl | null {
  const u = new URL(text);
  const scheme = u.protocol.slice(0, -1);
  if (scheme !== 'http' && scheme !== 'https' && scheme !== 'ftp') return null;
  const hostname = u.hostname;
  if (!isPlausibleHost(hostname)) return null;
  u.username = '';
  u.password = '';
  stripTracking(u);
  if (TELEGRAM_HOSTNAMES.has(hostname.replace(/^www\./, ''))) foldTelegramUsername(u);
  // A fragment is usually an in-page anchor; `#!` and `#/` carry a route or a file id (old mega.nz links).
  if (!/^#[!/]/.test(u.hash)) u.hash = '';
  const url = u.href.slice(0, MAX_URL_LENGTH);
  return {
    url,
    host: hostname.replace(/^www\./, ''),
    scheme,
    hostname,
    pathname: u.pathname,
    params: u.searchParams,
  };
}

/** A dotted name with a TLD of letters (or punycode), an IPv4 address, or a bracketed IPv6 address. */
function isPlausibleHost(hostname: string): boolean {
  if (hostname.startsWith('[')) return true;
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(hostname)) return true;
  const labels = hostname.split('.');
  if (labels.length < 2 || labels.some((label) => label.length === 0 || label.length > 63)) return false;
  const tld = labels[labels.length - 1] as string;
  return /^(?:[a-z]{2,24}|xn--[a-z0-9-]{1,59})$/.test(tld);
}

function stripTracking(u: URL): void {
  if (u.search.length === 0) return;
  const drop = [...u.searchParams.keys()].filter((key) => {
    const k = key.toLowerCase();
    return k.startsWith('utm_') || TRACKING_PARAMS.has(k);
  });
  // Re-serialising the query changes its encoding, so it is touched only when something goes.
  if (drop.length === 0) return;
  for (const key of drop) u.searchParams.delete(key);
  if (u.searchParams.size === 0) u.search = '';
}

function foldTelegramUsername(u: URL): void {
  const segments = u.pathname.split('/');
  const first = segments[1] ?? '';
  const at = first === 's' ? 2 : 1;
  const name = segments[at] ?? '';
  if (TELEGRAM_USERNAME.test(name) && name !== 'joinchat') {
    segments[at] = name.toLowerCase();
    u.pathname = segments.join('/');
  }
}
