import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { canonicalValue } from '../../app/media-bank-index.js';
import { BANK_SIGNAL_TYPES, type BankSignalType, invalidInput, notFound } from '../../core/index.js';
import type { MediaBankSignalType } from '../../scan/providers/media-bank.js';
import type { BankStore, BankSummary, NewBankEntry } from '../../storage/ports.js';
import type { HmaDeps } from './hma-deps.js';
import { hashUpload, hashUrl, parseQuery, readUpload, signalTypeOf } from './hma-hashing.js';
import { query } from './hma-matching.js';

/**
 * HMA's curator role (`/c/…`) over Rasd's BankStore. Rasd banks are on or off, so HMA's
 * `matching_enabled_ratio` is 1 or 0 and only those two values are accepted when writing. The
 * store has no rename, no delete and no per-entry disable, so those routes are not offered.
 * Every write ends with a refresh of the media banks, so this server's next lookup sees it.
 */

const bankPath = z.object({ bank_name: z.string().min(1) });
const contentPath = bankPath.extend({ content_id: z.string().min(1) });
const ratio = z.number().min(0).max(1);
const createBody = z
  .object({
    name: z.string(),
    enabled_ratio: ratio.optional(),
    enabled: z.boolean().optional(),
    description: z.string().optional(),
  })
  .strict();
const updateBody = z
  .object({ name: z.string().optional(), enabled_ratio: ratio.optional(), enabled: z.boolean().optional() })
  .strict();
const metadata = z
  .object({
    content_id: z.string().max(200).optional(),
    content_uri: z.string().max(500).optional(),
    json: z.unknown(),
  })
  .partial()
  .strict();
const contentQuery = z
  .object({
    url: z.string().optional(),
    content_type: z.string().optional(),
    types: z.string().optional(),
    note: z.string().optional(),
  })
  .strict();
const listQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().optional(),
    signal_type: z.string().optional(),
  })
  .strict();
const showQuery = z
  .object({ include_signals: z.string().optional(), include_metadata: z.string().optional() })
  .strict();

interface HmaBank {
  name: string;
  matching_enabled_ratio: number;
  enabled: boolean;
  description: string;
  version: number;
  entries: number;
  created_at: string;
}

function toHmaBank(b: BankSummary): HmaBank {
  return {
    name: b.name,
    matching_enabled_ratio: b.enabled ? 1 : 0,
    enabled: b.enabled,
    description: b.description,
    version: b.version,
    entries: b.entries,
    created_at: b.createdAt,
  };
}

function parse<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'params'): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.code === 'unrecognized_keys' ? issue.keys[0] : issue?.path.join('/');
  throw invalidInput(`${where} field "${path ?? ''}": ${issue?.message ?? 'invalid'}`, `/${where}/${path ?? ''}`);
}

/** HMA's `enabled` / `enabled_ratio` as Rasd's flag; undefined when neither is given. */
function enabledFrom(body: { enabled?: boolean | undefined; enabled_ratio?: number | undefined }): boolean | undefined {
  if (body.enabled_ratio !== undefined) {
    if (body.enabled_ratio !== 0 && body.enabled_ratio !== 1) {
      throw invalidInput(
        'Rasd banks are on or off: enabled_ratio must be 0 or 1 (no partial roll-out)',
        '/body/enabled_ratio',
      );
    }
    return body.enabled_ratio === 1;
  }
  return body.enabled;
}

async function bankOf(store: BankStore, name: string): Promise<BankSummary> {
  const bank = await store.getBank(name);
  if (bank === undefined) throw notFound('bank', name);
  return bank;
}

interface SignalInput {
  signals: Partial<Record<MediaBankSignalType, string>>;
  note?: string | undefined;
  org?: string | undefined;
  category?: string | undefined;
  source?: string | undefined;
}

/** Adds one piece of content's hashes; answers HMA's `{ id, signals }` plus every entry's id. */
async function addSignals(deps: HmaDeps, bank: string, input: SignalInput) {
  const store = deps.ctx.store;
  await bankOf(store, bank);
  const entries: NewBankEntry[] = [];
  for (const [type, value] of Object.entries(input.signals) as [MediaBankSignalType, string][]) {
    if (value === '') continue;
    const canonical = canonicalValue(type, value);
    if (canonical === undefined)
      throw invalidInput(`invalid ${type} signal: not a ${type} hash in hex`, `/body/${type}`);
    entries.push({
      signalType: type,
      value: canonical,
      source: input.source ?? 'hma-api',
      addedBy: 'hma-api',
      ...(input.note !== undefined && input.note !== '' && { note: input.note }),
      ...(input.org !== undefined && { org: input.org }),
      ...(input.category !== undefined && { category: input.category }),
    });
  }
  if (entries.length === 0) throw invalidInput('no signals given (a photo too plain to hash gives none)', '/body');
  const result = await store.addBankEntries(bank, entries);
  await deps.banks.refresh();
  const ids: Partial<Record<MediaBankSignalType, string>> = {};
  const signals: Partial<Record<MediaBankSignalType, string>> = {};
  for (const e of entries) {
    const type = e.signalType as MediaBankSignalType;
    const banks = new Set([bank]);
    const found = query(deps, type, e.value, { banks, includeDisabled: true, maxDistance: 0 });
    const id = found.find((m) => m.entry.value === e.value)?.entry.id;
    if (id !== undefined) ids[type] = id;
    signals[type] = e.value;
  }
  return { id: Object.values(ids)[0] ?? null, signals, ids, added: result.added, duplicates: result.duplicates };
}

function signalsFromBody(body: unknown): SignalInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidInput('the body must be a JSON object such as {"pdq": "<hash>", "note": "…"}', '/body');
  }
  const input: SignalInput = { signals: {} };
  for (const [key, value] of Object.entries(body)) {
    if (key === 'note' || key === 'org' || key === 'category') {
      if (value !== null && typeof value !== 'string') throw invalidInput(`${key} must be a string`, `/body/${key}`);
      if (typeof value === 'string') input[key] = value;
      continue;
    }
    if (typeof value !== 'string') throw invalidInput(`${key} must be a hash string`, `/body/${key}`);
    input.signals[signalTypeOf(key, `/body/${key}`)] = value;
  }
  return input;
}

function sourceOf(meta: z.output<typeof metadata> | undefined): string | undefined {
  const ref = meta?.content_uri ?? meta?.content_id;
  return ref === undefined ? undefined : `hma-api:${ref}`;
}

function metadataOf(raw: unknown): z.output<typeof metadata> | undefined {
  if (raw === undefined) return undefined;
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw invalidInput('metadata must be a JSON object', '/body/metadata');
    }
  }
  return parse(metadata, value, 'body');
}

export function registerCuration(app: FastifyInstance, deps: HmaDeps): void {
  const store = deps.ctx.store;

  app.get('/c/banks', async () => (await store.listBanks()).map(toHmaBank));

  app.post('/c/banks', async (request, reply) => {
    const body = parse(createBody, request.body, 'body');
    const enabled = enabledFrom(body);
    const bank = await store.createBank({
      name: body.name,
      ...(body.description !== undefined && { description: body.description }),
      ...(enabled !== undefined && { enabled }),
    });
    await deps.banks.refresh();
    return reply.code(201).send(toHmaBank(bank));
  });

  app.get('/c/bank/:bank_name', async (request) => {
    const { bank_name } = parse(bankPath, request.params, 'params');
    return toHmaBank(await bankOf(store, bank_name));
  });

  app.put('/c/bank/:bank_name', async (request) => {
    const { bank_name } = parse(bankPath, request.params, 'params');
    const body = parse(updateBody, request.body, 'body');
    let bank = await bankOf(store, bank_name);
    if (body.name !== undefined && body.name !== bank_name) {
      throw invalidInput('banks cannot be renamed: their names are the keys partners exchange', '/body/name');
    }
    const enabled = enabledFrom(body);
    if (enabled !== undefined) bank = await store.setBankEnabled(bank_name, enabled);
    await deps.banks.refresh();
    return toHmaBank(bank);
  });

  app.get('/c/bank/:bank_name/content', async (request) => {
    const { bank_name } = parse(bankPath, request.params, 'params');
    const q = parseQuery(listQuery, request.query);
    const signalType = q.signal_type === undefined ? undefined : listType(q.signal_type);
    const page = await store.listBankEntries(bank_name, {
      limit: q.limit,
      ...(q.cursor !== undefined && { cursor: q.cursor }),
      ...(signalType !== undefined && { signalType }),
    });
    return {
      rows: page.rows.map((e) => ({
        id: e.id,
        signals: { [e.signalType]: e.value },
        ...(e.note !== undefined && { note: e.note }),
        ...(e.org !== undefined && { org: e.org }),
        ...(e.category !== undefined && { category: e.category }),
        source: e.source,
        added_by: e.addedBy,
        added_at: e.addedAt,
      })),
      ...(page.next !== undefined && { next: page.next }),
    };
  });

  app.get('/c/bank/:bank_name/content/:content_id', async (request) => {
    const { bank_name, content_id } = parse(contentPath, request.params, 'params');
    const q = parseQuery(showQuery, request.query);
    const bank = await bankOf(store, bank_name);
    await deps.banks.ready();
    const entry = deps.banks.index.get(content_id);
    if (entry === undefined || entry.bank !== bank_name) throw notFound('media entry', content_id);
    return {
      id: entry.id,
      disable_until_ts: 0,
      bank: { name: bank.name, matching_enabled_ratio: bank.enabled ? 1 : 0 },
      ...(q.include_signals === 'true' && { signals: { [entry.signalType]: entry.value } }),
      ...(entry.note !== undefined && { note: entry.note }),
      ...(entry.org !== undefined && { org: entry.org }),
      ...(entry.category !== undefined && { category: entry.category }),
    };
  });

  app.post('/c/bank/:bank_name/content', { bodyLimit: deps.maxMediaBytes }, async (request, reply) => {
    const { bank_name } = parse(bankPath, request.params, 'params');
    const q = parseQuery(contentQuery, request.query);
    await bankOf(store, bank_name);
    let hashes: Partial<Record<MediaBankSignalType, string>>;
    let fields: Record<string, unknown> = {};
    if (q.url !== undefined && q.url !== '') {
      hashes = await hashUrl(deps, q.url, q.content_type, q.types);
      if (typeof request.body === 'object' && request.body !== null && !Buffer.isBuffer(request.body)) {
        fields = request.body as Record<string, unknown>;
      }
    } else {
      const upload = readUpload(request, q.content_type);
      hashes = await hashUpload(deps, upload, q.types);
      fields = upload.fields;
    }
    const note = typeof fields.note === 'string' ? fields.note : q.note;
    const source = sourceOf(metadataOf(fields.metadata));
    const added = await addSignals(deps, bank_name, { signals: hashes, note, source });
    return reply.code(201).send(added);
  });

  app.post('/c/bank/:bank_name/signal', async (request, reply) => {
    const { bank_name } = parse(bankPath, request.params, 'params');
    return reply.code(201).send(await addSignals(deps, bank_name, signalsFromBody(request.body)));
  });
}

function listType(name: string): BankSignalType {
  if ((BANK_SIGNAL_TYPES as readonly string[]).includes(name)) return name as BankSignalType;
  return signalTypeOf(name, '/query/signal_type');
}
