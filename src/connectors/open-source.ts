import { statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { appError, type SourceReader } from '../core/index.js';
import { readJsonl } from './jsonl/read-jsonl.js';
import { readTelegramExport } from './telegram/export/index.js';

export interface SourceOptions {
  maxRecordBytes: number;
  /** Telegram exports: look media files up on disk; default true. */
  statMedia?: boolean;
}

type Format = 'telegram-export' | 'jsonl';

async function sniff(path: string): Promise<Format> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) throw appError('SOURCE_UNREADABLE', `${path} does not exist or cannot be read`, path);
  if (info.isDirectory()) {
    if ((await stat(join(path, 'result.json')).catch(() => undefined))?.isFile()) return 'telegram-export';
    throw appError(
      'SOURCE_FORMAT_UNKNOWN',
      `${path} is a folder without result.json; give a Telegram Desktop JSON export folder`,
      path,
    );
  }
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return 'telegram-export';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  throw appError(
    'SOURCE_FORMAT_UNKNOWN',
    `${path} is neither a Telegram export (a folder with result.json, or a .json file) nor a .jsonl/.ndjson file of Rasd items`,
    path,
  );
}

/**
 * Opens a source by what it looks like: a folder with result.json or a .json file is a
 * Telegram Desktop export, a .jsonl/.ndjson file is Rasd items. Lazy: nothing is touched until
 * iteration starts, and a source that cannot be read throws an AppError on the first step.
 */
export async function* openSource(path: string, options: SourceOptions): SourceReader {
  const format = await sniff(path);
  if (format === 'jsonl') yield* readJsonl(path, { maxRecordBytes: options.maxRecordBytes });
  else yield* readTelegramExport(path, options);
}

/**
 * The folder a source's relative media paths are relative to: an export folder itself, or the
 * folder holding a result.json or .jsonl file. Absolute, so a scan does not depend on where the
 * process was started.
 */
export function mediaRootOf(path: string): string {
  const absolute = resolve(path);
  const isFolder = (() => {
    try {
      return statSync(absolute).isDirectory();
    } catch {
      return false;
    }
  })();
  return isFolder ? absolute : dirname(absolute);
}
