import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { type AppError, appError, isAppError, type SourceRecord } from '../../../core/index.js';
import { streamJsonBatches } from '../../json/json-stream.js';
import { ExportWalker } from './export-walker.js';
import type { MediaRoot } from './media-path.js';

export interface TelegramExportOptions {
  /** A message larger than this (in bytes of JSON) is reported and skipped. */
  maxRecordBytes: number;
  /** Look media files up on disk (size, presence, links); default true. */
  statMedia?: boolean;
  /** Bytes per read; the default suits real use, tests set it small to cut messages apart. */
  readChunkBytes?: number;
}

/** Read size: large enough that per-chunk work is negligible, small enough to keep memory flat. */
const CHUNK_BYTES = 1 << 18;

interface ExportLocation {
  file: string;
  root: MediaRoot;
}

function hasErrnoCode(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string';
}

function errnoCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'unknown error';
}

async function locateExport(path: string, statMedia: boolean): Promise<ExportLocation> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (error) {
    throw appError(
      'SOURCE_UNREADABLE',
      `${path} cannot be read (${errnoCode(error)}); give the export folder or its result.json`,
      path,
    );
  }
  let file = path;
  if (info.isDirectory()) {
    file = join(path, 'result.json');
    const inner = await stat(file).catch(() => undefined);
    if (!inner?.isFile()) {
      throw appError(
        'SOURCE_FORMAT_UNKNOWN',
        `${path} has no result.json; export the chat from Telegram Desktop with the format "Machine-readable JSON"`,
        path,
      );
    }
  } else if (!info.isFile()) {
    throw appError('SOURCE_UNREADABLE', `${path} is not a regular file or folder`, path);
  }
  const dir = resolve(dirname(file));
  return { file, root: { dir, realDir: await realpath(dir), statMedia } };
}

function notAnExport(file: string): AppError {
  return appError(
    'SOURCE_FORMAT_UNKNOWN',
    `${file} is not a Telegram Desktop JSON export (no "messages" and no "chats"); export with the format "Machine-readable JSON"`,
    file,
  );
}

/**
 * Reads a Telegram Desktop JSON export, single-chat or full-account, as a stream of source
 * records, with memory bounded by the largest message rather than the file. `path` is the
 * export folder or its result.json. Throws SOURCE_UNREADABLE or SOURCE_FORMAT_UNKNOWN before
 * yielding anything when the path is not a readable export; after that, problems are yielded
 * as error records and reading goes on where it can.
 */
export async function* readTelegramExport(path: string, options: TelegramExportOptions): AsyncGenerator<SourceRecord> {
  const { file, root } = await locateExport(path, options.statMedia ?? true);
  const walker = new ExportWalker(file, root);
  const stream = createReadStream(file, { highWaterMark: options.readChunkBytes ?? CHUNK_BYTES });
  // Until a key only an export has is seen, nothing is yielded: a foreign file must fail whole.
  let held: SourceRecord[] | undefined = [];
  try {
    for await (const batch of streamJsonBatches(stream, {
      select: walker.select,
      maxValueBytes: options.maxRecordBytes,
    })) {
      if (walker.foreign) throw notAnExport(file);
      const records = await walker.handle(batch);
      if (held !== undefined && !walker.recognised) {
        if (batch.some((e) => e.error?.code === 'EXPORT_TRUNCATED' || e.error?.code === 'EXPORT_JSON_INVALID'))
          throw notAnExport(file);
        held.push(...records);
        continue;
      }
      if (held !== undefined) yield* held;
      held = undefined;
      yield* records;
    }
    if (!walker.recognised) throw notAnExport(file);
    if (held !== undefined) yield* held;
    yield* walker.finish();
  } catch (error) {
    // Only the disk's errors (they carry an errno code) mean the source is unreadable; a bug stays a bug.
    if (isAppError(error) || !hasErrnoCode(error)) throw error;
    throw appError('SOURCE_UNREADABLE', `${file} could not be read to the end (${errnoCode(error)})`, file);
  } finally {
    stream.destroy();
  }
}
