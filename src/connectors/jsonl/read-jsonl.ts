import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { appError, type Channel, type Item, isAppError, itemSchema, type SourceRecord } from '../../core/index.js';
import { type Line, splitLines } from './split-lines.js';

export interface JsonlOptions {
  /** A line longer than this many bytes is reported and skipped without being held. */
  maxRecordBytes: number;
}

const BOM = '\uFEFF';

function hasErrnoCode(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string';
}

function errnoCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'unknown error';
}

function lineRecord(path: string, line: Line, seen: Map<string, Channel>): SourceRecord[] {
  const record = `${path}#${line.number}`;
  const invalid = (message: string): SourceRecord[] => [
    { type: 'error', error: { record, code: 'RECORD_INVALID', message } },
  ];
  if (line.bytes === undefined) {
    const message = `line ${record} is ${line.tooLong} bytes, over the record limit; it was skipped and the rest of the file is read. Raise the limit to read it`;
    return [{ type: 'error', error: { record, code: 'EXPORT_LIMIT_EXCEEDED', message } }];
  }
  let text = line.bytes.toString('utf8');
  if (line.number === 1 && text.startsWith(BOM)) text = text.slice(1);
  if (text.trim() === '') return [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // The parser's message quotes the line, and the line may hold message text: keep it out.
    return invalid(`line ${record} is not valid JSON; it was skipped and the rest of the file is read`);
  }
  const parsed = itemSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue?.path.map(String).join('.') || '(line)';
    return invalid(
      `line ${record} is not a Rasd item: "${at}" ${issue?.message ?? 'is invalid'}; it was skipped and the rest of the file is read`,
    );
  }
  return [...channelOnce(parsed.data, seen), { type: 'item', item: parsed.data, record }];
}

/** The first item of a chat announces it; storage widens first/last seen from later ones. */
function channelOnce(item: Item, seen: Map<string, Channel>): SourceRecord[] {
  const key = `${item.platform}/${item.chat.id}`;
  if (seen.has(key)) return [];
  const channel: Channel = {
    platform: item.platform,
    id: item.chat.id,
    type: item.chat.type ?? 'unknown',
    firstSeenAt: item.postedAt,
    lastSeenAt: item.postedAt,
  };
  if (item.chat.username !== undefined) channel.username = item.chat.username;
  if (item.chat.title !== undefined) channel.title = item.chat.title;
  seen.set(key, channel);
  return [{ type: 'channel', channel }];
}

/**
 * Reads Rasd's own JSONL format, one Item a line (see `itemSchema`). Blank lines are skipped;
 * a bad or over-long line becomes an error record and reading goes on. Throws SOURCE_UNREADABLE
 * before yielding anything when the file cannot be opened.
 */
export async function* readJsonl(path: string, options: JsonlOptions): AsyncGenerator<SourceRecord> {
  const info = await stat(path).catch((error: unknown) => {
    throw appError('SOURCE_UNREADABLE', `${path} cannot be read (${errnoCode(error)})`, path);
  });
  if (!info.isFile()) throw appError('SOURCE_UNREADABLE', `${path} is not a regular file`, path);
  const stream = createReadStream(path, { highWaterMark: 1 << 18 });
  const seen = new Map<string, Channel>();
  try {
    for await (const lines of splitLines(stream, options.maxRecordBytes)) {
      yield* lines.flatMap((line) => lineRecord(path, line, seen));
    }
  } catch (error) {
    // Only the disk's errors (they carry an errno code) mean the source is unreadable; a bug stays a bug.
    if (isAppError(error) || !hasErrnoCode(error)) throw error;
    throw appError('SOURCE_UNREADABLE', `${path} could not be read to the end (${errnoCode(error)})`, path);
  } finally {
    stream.destroy();
  }
}
