import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { canonicalValue, type LookupOptions } from '../../app/media-bank-index.js';
import { parseMediaValue } from '../../app/media-bank-values.js';
import { invalidInput } from '../../core/index.js';
import { pdqHammingDistance } from '../../detect/media/pdq/index.js';
import {
  MEDIA_BANK_SIGNAL_TYPES,
  type MediaBankMatch,
  type MediaBankSignalType,
} from '../../scan/providers/media-bank.js';
import type { HmaDeps } from './hma-deps.js';
import { hashUpload, hashUrl, parseQuery, readUpload, signalTypeOf } from './hma-hashing.js';

/**
 * HMA's matcher role (`/m/…`), same parameters and response shapes. Differences a client may
 * notice: `bank_content_id` is Rasd's entry id (a string such as `be_12`, not an integer);
 * banks are on or off, so `seed` and `bypass_coinflip` are accepted and change nothing; errors
 * are Rasd's problem JSON.
 */

interface MatchPayload {
  bank_content_id: string;
  /** A string, as HMA sends it. */
  distance: string;
}

type MatchesByBank = Record<string, MatchPayload[]>;

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const banksParam = z.string().optional();

const rawLookupQuery = z
  .object({
    signal: z.string().min(1),
    signal_type: z.string().min(1),
    banks: banksParam,
    include_distance: flag.optional(),
  })
  .strict();
const lookupQuery = z
  .object({
    url: z.string().optional(),
    content_type: z.string().optional(),
    types: z.string().optional(),
    signal: z.string().optional(),
    signal_type: z.string().optional(),
    banks: banksParam,
    seed: z.string().optional(),
    bypass_coinflip: flag.optional(),
  })
  .strict();
const uploadLookupQuery = z
  .object({
    content_type: z.string().optional(),
    types: z.string().optional(),
    banks: banksParam,
    seed: z.string().optional(),
    bypass_coinflip: flag.optional(),
  })
  .strict();
const statusQuery = z.object({ signal_type: z.string().optional() }).strict();

function bankSet(banks: string | undefined): ReadonlySet<string> | undefined {
  if (banks === undefined || banks.trim() === '') return undefined;
  return new Set(banks.split(',').map((b) => b.trim()));
}

const EXPECTED: Record<MediaBankSignalType, string> = {
  pdq: '64 hexadecimal digits',
  md5: '32 hexadecimal digits',
  sha256: '64 hexadecimal digits',
  vpdq: 'frame,quality,hash,timestamp lines',
  tmk: 'the base64 of a .tmk file',
  'audio-fingerprint': 'a cp1: Chromaprint fingerprint',
};

/** Every entry a hash matches; HMA's index query, with each bank's own threshold. */
export function query(
  deps: HmaDeps,
  type: MediaBankSignalType,
  value: string,
  options: LookupOptions,
): MediaBankMatch[] {
  const parsed = parseMediaValue(type, value);
  if (parsed === undefined) throw invalidInput(`invalid ${type} signal: expected ${EXPECTED[type]}`, '/query/signal');
  switch (parsed.signalType) {
    case 'pdq':
      return deps.banks.matchPdq({ orig: parsed.value }, undefined, options);
    case 'vpdq':
      return deps.banks.matchVpdq(parsed.frames, options);
    case 'audio-fingerprint':
      return deps.banks.matchAudio(parsed.print, options);
    case 'tmk':
      return deps.banks.matchTmk(parsed.hash, options);
    default:
      return deps.banks.matchExact(parsed.signalType, parsed.value, options);
  }
}

function byBank(matches: MediaBankMatch[]): MatchesByBank {
  const out: MatchesByBank = {};
  for (const m of matches) {
    const list = out[m.entry.bank] ?? [];
    list.push({ bank_content_id: m.entry.id, distance: String(m.distance) });
    out[m.entry.bank] = list;
  }
  return out;
}

/** `{ signal_type: { bank: [...] } }` for every hash of a file; a hash too poor to match ("") finds nothing. */
function lookupAll(deps: HmaDeps, hashes: Partial<Record<MediaBankSignalType, string>>, banks: string | undefined) {
  const out: Record<string, MatchesByBank> = {};
  for (const [type, value] of Object.entries(hashes) as [MediaBankSignalType, string][]) {
    out[type] = value === '' ? {} : byBank(query(deps, type, value, { ...withBanks(banks) }));
  }
  return out;
}

function withBanks(banks: string | undefined): LookupOptions {
  const set = bankSet(banks);
  return set === undefined ? {} : { banks: set };
}

function needHasher(deps: HmaDeps): void {
  if (!deps.roles.has('hasher')) {
    throw invalidInput(
      'hashing is off on this server (the hasher role is not in hma.roles); send signal and signal_type',
    );
  }
}

function compareOne(type: MediaBankSignalType, pair: unknown, threshold: number): [boolean, { distance: number }] {
  if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((h) => typeof h === 'string')) {
    throw invalidInput(`comparison hashes for ${type} must be a list of exactly 2 strings`, `/body/${type}`);
  }
  const [a, b] = pair.map((h: string) => canonicalValue(type, h));
  if (a === undefined || b === undefined) throw invalidInput(`invalid ${type} hash`, `/body/${type}`);
  if (type === 'vpdq') throw invalidInput('vpdq hashes are compared by /m/lookup, not /m/compare', `/body/${type}`);
  if (type !== 'pdq') return [a === b, { distance: a === b ? 0 : 1 }];
  const distance = pdqHammingDistance(a, b);
  return [distance <= threshold, { distance }];
}

export function registerMatching(app: FastifyInstance, deps: HmaDeps): void {
  app.get('/m/raw_lookup', async (request) => {
    const q = parseQuery(rawLookupQuery, request.query);
    await deps.banks.ready();
    const type = signalTypeOf(q.signal_type);
    // As in HMA, a raw lookup sees disabled banks too: it asks the index, not the policy.
    const matches = query(deps, type, q.signal, { ...withBanks(q.banks), includeDisabled: true });
    if (q.include_distance === true) {
      return { matches: matches.map((m) => ({ bank_content_id: m.entry.id, distance: String(m.distance) })) };
    }
    return { matches: matches.map((m) => m.entry.id) };
  });

  app.get('/m/lookup', async (request) => {
    const q = parseQuery(lookupQuery, request.query);
    await deps.banks.ready();
    if (q.url !== undefined && q.url !== '') {
      needHasher(deps);
      const all = lookupAll(deps, await hashUrl(deps, q.url, q.content_type, q.types), q.banks);
      if (q.signal_type === undefined) return all;
      return all[signalTypeOf(q.signal_type)] ?? {};
    }
    if (!q.signal || !q.signal_type) throw invalidInput('either url or both signal and signal_type are required');
    return byBank(query(deps, signalTypeOf(q.signal_type), q.signal, withBanks(q.banks)));
  });

  app.post('/m/lookup', { bodyLimit: deps.maxMediaBytes }, async (request) => {
    needHasher(deps);
    const q = parseQuery(uploadLookupQuery, request.query);
    await deps.banks.ready();
    const hashes = await hashUpload(deps, readUpload(request, q.content_type), q.types);
    return lookupAll(deps, hashes, q.banks);
  });

  app.get('/m/index/status', async (request) => {
    const q = parseQuery(statusQuery, request.query);
    const types = q.signal_type === undefined ? [...MEDIA_BANK_SIGNAL_TYPES] : [signalTypeOf(q.signal_type)];
    const counts = deps.banks.index.counts;
    const builtTo = deps.banks.loaded ? Math.floor(deps.banks.lastPoll / 1000) : -1;
    return Object.fromEntries(
      types.map((t) => [t, { present: deps.banks.loaded, built_to: builtTo, size: deps.banks.loaded ? counts[t] : 0 }]),
    );
  });

  app.post('/m/compare', async (request) => {
    const body = request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw invalidInput('the request body must be a JSON object such as {"pdq": ["<hash>", "<hash>"]}', '/body');
    }
    const threshold = deps.ctx.config.mediaBanks.pdqMaxDistance;
    const out: Record<string, [boolean, { distance: number }]> = {};
    for (const [name, pair] of Object.entries(body))
      out[name] = compareOne(signalTypeOf(name, `/body/${name}`), pair, threshold);
    return out;
  });
}
