import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { invalidInput } from '../../core/index.js';
import { fileHashes } from '../../detect/media/file-hashes.js';
import { hashImage } from '../../detect/media/pdq/index.js';
import type { MediaBankSignalType } from '../../scan/providers/media-bank.js';
import type { HmaDeps } from './hma-deps.js';
import { fetchMedia } from './hma-fetch.js';
import { parseFormData } from './hma-multipart.js';

/**
 * HMA's hasher role (`/h/hash`): a photo or video in, `{ signal_type: hash }` out. Rasd's
 * signal types keep Rasd's names (`pdq`, `md5`, `sha256`); HMA's `video_md5` is read as `md5`
 * wherever a signal type is given, since both are the MD5 of the file's bytes.
 */

export const HMA_CONTENT_TYPES = ['photo', 'video'] as const;
export type HmaContentType = (typeof HMA_CONTENT_TYPES)[number];

const SIGNALS_OF: Record<HmaContentType, readonly MediaBankSignalType[]> = {
  photo: ['pdq', 'md5', 'sha256'],
  video: ['md5', 'sha256'],
};

const ALIASES: Record<string, MediaBankSignalType> = {
  pdq: 'pdq',
  md5: 'md5',
  sha256: 'sha256',
  video_md5: 'md5',
  vpdq: 'vpdq',
};

/** A signal type by its Rasd or HMA name; INPUT_INVALID naming the accepted ones otherwise. */
export function signalTypeOf(name: string, pointer = '/query/signal_type'): MediaBankSignalType {
  const type = ALIASES[name.trim()];
  if (type === undefined) {
    throw invalidInput(`no such signal type "${name}"; this server has ${Object.keys(ALIASES).join(', ')}`, pointer);
  }
  return type;
}

function contentTypeOf(hint: string | undefined, mime: string): HmaContentType {
  const name = hint ?? (mime.startsWith('image/') ? 'photo' : mime.startsWith('video/') ? 'video' : undefined);
  if (name === undefined) {
    throw invalidInput(
      `cannot tell what content "${mime || 'no content type'}" is; give content_type=photo or content_type=video`,
      '/query/content_type',
    );
  }
  if (!(HMA_CONTENT_TYPES as readonly string[]).includes(name)) {
    throw invalidInput(`no such content_type "${name}"; use photo or video`, '/query/content_type');
  }
  return name as HmaContentType;
}

function selectedTypes(content: HmaContentType, types: string | undefined): MediaBankSignalType[] {
  const available = SIGNALS_OF[content];
  if (types === undefined) return [...available];
  const chosen = new Set<MediaBankSignalType>();
  for (const name of types.split(',')) {
    if (name.trim() === '') continue;
    const type = signalTypeOf(name, '/query/types');
    if (!available.includes(type)) throw invalidInput(`${content} has no ${name} signal`, '/query/types');
    chosen.add(type);
  }
  if (chosen.size === 0) throw invalidInput('empty signal type selection', '/query/types');
  return [...chosen];
}

/**
 * Hashes of one file. A PDQ hash below the quality floor is sent as "" (as HMA does): too
 * unreliable to match, and a caller must not bank it.
 */
export async function hashBytes(
  bytes: Buffer,
  types: readonly MediaBankSignalType[],
  minQuality: number,
  maxBytes: number,
): Promise<Partial<Record<MediaBankSignalType, string>>> {
  const out: Partial<Record<MediaBankSignalType, string>> = {};
  if (types.includes('md5') || types.includes('sha256')) {
    const files = await fileHashes(bytes);
    if (types.includes('md5')) out.md5 = files.md5;
    if (types.includes('sha256')) out.sha256 = files.sha256;
  }
  if (types.includes('pdq')) {
    const pdq = await hashImage(bytes, { maxBytes });
    out.pdq = pdq.quality >= minQuality ? pdq.hash : '';
  }
  return out;
}

export interface Upload {
  bytes: Buffer;
  content: HmaContentType;
  /** Text fields of a multipart form (HMA's `metadata`, `note`). */
  fields: Record<string, string>;
}

/**
 * The one file of a request: multipart with the file under `photo` or `video` (HMA's form), or
 * the raw bytes as the body with `content_type=` or an image/… or video/… Content-Type.
 */
export function readUpload(request: FastifyRequest, hint: string | undefined): Upload {
  const mime = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!Buffer.isBuffer(request.body)) {
    throw invalidInput(
      'send the file as multipart/form-data (field photo or video) or as the raw body with an image/… or video/… Content-Type',
      '/body',
    );
  }
  if (mime !== 'multipart/form-data') {
    if (request.body.length === 0) throw invalidInput('the upload is empty', '/body');
    return { bytes: request.body, content: contentTypeOf(hint, mime), fields: {} };
  }
  const form = parseFormData(request.body, request.headers['content-type']);
  if (form.files.length !== 1) throw invalidInput('send exactly one file per request', '/body');
  const [file] = form.files as [(typeof form.files)[number]];
  return { bytes: file.data, content: contentTypeOf(file.field, ''), fields: form.fields };
}

const hashQuery = z
  .object({ url: z.string().min(1), content_type: z.string().optional(), types: z.string().optional() })
  .strict();
const uploadQuery = z.object({ content_type: z.string().optional(), types: z.string().optional() }).strict();

export function parseQuery<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const name = issue?.code === 'unrecognized_keys' ? issue.keys[0] : issue?.path.join('/');
  throw invalidInput(`query parameter "${name ?? ''}": ${issue?.message ?? 'invalid'}`, `/query/${name ?? ''}`);
}

/** Fetches an allowed URL and hashes it as HMA's `hash_url_content` does. */
export async function hashUrl(
  deps: HmaDeps,
  url: string,
  hint: string | undefined,
  types: string | undefined,
): Promise<Partial<Record<MediaBankSignalType, string>>> {
  const fetched = await fetchMedia(url, { ...deps.fetch, maxBytes: deps.maxMediaBytes });
  const content = contentTypeOf(hint, fetched.contentType);
  const minQuality = deps.ctx.config.mediaBanks.pdqMinQuality;
  return hashBytes(fetched.bytes, selectedTypes(content, types), minQuality, deps.maxMediaBytes);
}

export async function hashUpload(
  deps: HmaDeps,
  upload: Upload,
  types: string | undefined,
): Promise<Partial<Record<MediaBankSignalType, string>>> {
  const minQuality = deps.ctx.config.mediaBanks.pdqMinQuality;
  return hashBytes(upload.bytes, selectedTypes(upload.content, types), minQuality, deps.maxMediaBytes);
}

export function registerHashing(app: FastifyInstance, deps: HmaDeps): void {
  app.get('/h/hash', async (request) => {
    const query = parseQuery(hashQuery, request.query);
    return hashUrl(deps, query.url, query.content_type, query.types);
  });
  app.post('/h/hash', { bodyLimit: deps.maxMediaBytes }, async (request) => {
    const query = parseQuery(uploadQuery, request.query);
    return hashUpload(deps, readUpload(request, query.content_type), query.types);
  });
}
