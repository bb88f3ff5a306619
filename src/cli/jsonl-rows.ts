import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { RecordError } from '../core/index.js';

/**
 * Reads a JSONL file line by line through a parser; a bad line becomes a record error with its
 * line number and the rest goes on. Used by the commands that read training-format rows.
 */
export async function readJsonlRows<T>(
  path: string,
  parse: (value: unknown) => T,
): Promise<{ rows: T[]; errors: RecordError[] }> {
  const rows: T[] = [];
  const errors: RecordError[] = [];
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    try {
      rows.push(parse(JSON.parse(text)));
    } catch (error) {
      const detail =
        error instanceof SyntaxError ? 'not valid JSON' : 'does not fit the training row format (id, text, label)';
      errors.push({
        record: `${path}#${line}`,
        code: 'RECORD_INVALID',
        message: `line ${line} ${detail}; it was skipped`,
      });
    }
  }
  return { rows, errors };
}
