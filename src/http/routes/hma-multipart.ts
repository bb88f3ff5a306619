import { invalidInput } from '../../core/index.js';

/**
 * Just enough `multipart/form-data` for HMA's upload routes (`curl -F photo=@x.jpg`): the body is
 * already bounded by the route's byte limit and held in memory, so this only splits it. Kept
 * here because `@fastify/multipart` is not a dependency; swap it in if uploads grow beyond one
 * file per request.
 */

export interface FormFile {
  field: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export interface FormData {
  files: FormFile[];
  fields: Record<string, string>;
}

const MAX_PARTS = 16;
const MAX_HEADER_BYTES = 8 * 1024;
const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

export function boundaryOf(contentType: string | undefined): string | undefined {
  const m = /boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType ?? '');
  return m?.[1] ?? m?.[2];
}

function dispositionParam(header: string, name: string): string | undefined {
  const m =
    new RegExp(`;\\s*${name}="([^"]*)"`, 'i').exec(header) ?? new RegExp(`;\\s*${name}=([^;\\s]+)`, 'i').exec(header);
  return m?.[1];
}

function parsePart(part: Buffer): FormFile | { field: string; value: string } {
  const end = part.indexOf(HEADER_END);
  if (end < 0 || end > MAX_HEADER_BYTES) throw invalidInput('a multipart part has no readable headers', '/body');
  const headers = part.subarray(0, end).toString('utf8').split('\r\n');
  const data = part.subarray(end + HEADER_END.length);
  let disposition = '';
  let contentType: string | undefined;
  for (const line of headers) {
    const [key = '', ...rest] = line.split(':');
    const value = rest.join(':').trim();
    if (key.trim().toLowerCase() === 'content-disposition') disposition = value;
    if (key.trim().toLowerCase() === 'content-type') contentType = value.toLowerCase();
  }
  const field = dispositionParam(disposition, 'name');
  if (!disposition.toLowerCase().startsWith('form-data') || field === undefined) {
    throw invalidInput('a multipart part has no form-data name', '/body');
  }
  const filename = dispositionParam(disposition, 'filename');
  if (filename === undefined) return { field, value: data.toString('utf8') };
  return { field, data, ...(filename !== '' && { filename }), ...(contentType !== undefined && { contentType }) };
}

export function parseFormData(body: Buffer, contentType: string | undefined): FormData {
  const boundary = boundaryOf(contentType);
  if (boundary === undefined) throw invalidInput('multipart/form-data without a boundary', '/body');
  const delimiter = Buffer.from(`--${boundary}`);
  const out: FormData = { files: [], fields: {} };
  let at = body.indexOf(delimiter);
  if (at < 0) throw invalidInput('the multipart body has no parts', '/body');
  for (let parts = 0; ; parts += 1) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString() === '--') return out;
    if (parts >= MAX_PARTS) throw invalidInput(`more than ${MAX_PARTS} multipart parts`, '/body');
    if (!body.subarray(at, at + 2).equals(CRLF)) throw invalidInput('a multipart delimiter is malformed', '/body');
    const next = body.indexOf(Buffer.concat([CRLF, delimiter]), at);
    if (next < 0) throw invalidInput('the multipart body ends before its closing delimiter', '/body');
    const part = parsePart(body.subarray(at + CRLF.length, next));
    if ('data' in part) out.files.push(part);
    else out.fields[part.field] = part.value;
    at = next + CRLF.length;
  }
}
