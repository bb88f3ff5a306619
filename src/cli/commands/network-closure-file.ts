import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';

/**
 * A closure list as a platform or a partner hands it over (issue 7: "an import says so"): JSON
 * Lines, one `{"chat", "at", "platform"?, "note"?}` a line. A bad line is reported with its
 * number and the rest goes on; nothing of a bad line is recorded.
 */

const MAX_FILE_BYTES = 50 * 1024 * 1024;

const closureLine = z
  .object({
    chat: z.string().trim().min(1).max(300),
    at: z.iso.datetime({ offset: true }),
    platform: z
      .string()
      .regex(/^[a-z0-9-]{1,32}$/)
      .optional(),
    note: z.string().trim().min(1).max(500).optional(),
  })
  .strict();

export type ClosureLine = z.infer<typeof closureLine>;

export interface ClosureFile {
  closures: { line: number; closure: ClosureLine }[];
  errors: { line: number; error: string }[];
}

export async function readClosureFile(path: string): Promise<ClosureFile> {
  const size = (await stat(path)).size;
  if (size > MAX_FILE_BYTES) {
    throw new Error(`${path} is ${size} bytes; a closure list may be at most ${MAX_FILE_BYTES} (split it)`);
  }
  const out: ClosureFile = { closures: [], errors: [] };
  const lines = (await readFile(path, 'utf8')).split('\n');
  for (const [index, text] of lines.entries()) {
    if (text.trim() === '') continue;
    const line = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      out.errors.push({ line, error: 'not JSON: write one {"chat", "at"} object a line' });
      continue;
    }
    const parsed = closureLine.safeParse(value);
    if (parsed.success) out.closures.push({ line, closure: parsed.data });
    else {
      const issue = parsed.error.issues[0];
      out.errors.push({ line, error: `${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'invalid'}` });
    }
  }
  return out;
}
