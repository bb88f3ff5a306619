import { isIP } from 'node:net';
import { invalidInput } from '../../core/index.js';

/**
 * Fetching a URL to hash it (HMA's `url=` parameters) is a request the server makes on a
 * caller's behalf, so it is off unless the operator lists the hosts it may reach
 * (`hma.fetchHosts`): without the list a caller could make Rasd read internal services (SSRF).
 * Each redirect is checked against the list again, and the body is cut off at the byte limit.
 */

export interface FetchPolicy {
  hosts: readonly string[];
  maxBytes: number;
  timeoutMs: number;
}

export interface FetchedMedia {
  bytes: Buffer;
  /** The response's Content-Type, lower-case, without parameters. */
  contentType: string;
}

const MAX_REDIRECTS = 3;

function hostAllowed(host: string, hosts: readonly string[]): boolean {
  const name = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return hosts.some((allowed) => {
    const a = allowed.toLowerCase();
    // An IP address is allowed only when listed as it is; a name also allows its subdomains.
    return name === a || (isIP(name) === 0 && isIP(a) === 0 && name.endsWith(`.${a}`));
  });
}

/** The URL, parsed, when this policy lets the server fetch it; INPUT_INVALID with the reason otherwise. */
export function checkFetchUrl(raw: string, policy: Pick<FetchPolicy, 'hosts'>, pointer = '/query/url'): URL {
  if (policy.hosts.length === 0) {
    throw invalidInput(
      'this server does not fetch URLs: hashing a remote file is off until the operator lists the hosts it may fetch from (hma.fetchHosts in the config file); upload the file instead',
      pointer,
    );
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalidInput('url is not an absolute URL', pointer);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalidInput('url must be http or https', pointer);
  if (url.username !== '' || url.password !== '') throw invalidInput('url must not carry credentials', pointer);
  if (!hostAllowed(url.hostname, policy.hosts)) {
    throw invalidInput(`the host ${url.hostname} is not in the list of hosts this server may fetch from`, pointer);
  }
  return url;
}

async function readLimited(response: Response, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw invalidInput(`the remote file has ${declared} bytes, above the ${maxBytes}-byte limit`, '/query/url');
  }
  const chunks: Buffer[] = [];
  let total = 0;
  if (response.body === null) return Buffer.alloc(0);
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > maxBytes) throw invalidInput(`the remote file is above the ${maxBytes}-byte limit`, '/query/url');
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/** Fetches an allowed URL, following at most 3 redirects that stay on allowed hosts. */
export async function fetchMedia(raw: string, policy: FetchPolicy): Promise<FetchedMedia> {
  let url = checkFetchUrl(raw, policy);
  const signal = AbortSignal.timeout(policy.timeoutMs);
  for (let hop = 0; ; hop += 1) {
    let response: Response;
    try {
      response = await fetch(url, { redirect: 'manual', signal });
    } catch (cause) {
      throw invalidInput(`cannot fetch the url: ${(cause as Error).message}`, '/query/url');
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location !== null) {
      await response.body?.cancel();
      if (hop >= MAX_REDIRECTS) throw invalidInput('the url redirects too often', '/query/url');
      url = checkFetchUrl(new URL(location, url).toString(), policy);
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw invalidInput(`fetching the url answered HTTP ${response.status}`, '/query/url');
    }
    const contentType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    return { bytes: await readLimited(response, policy.maxBytes), contentType };
  }
}
