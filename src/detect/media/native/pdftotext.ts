import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AppError, invalidInput } from '../../../core/errors.js';
import { runProcess } from './run-process.js';

/**
 * Runs poppler's pdftotext on one file and returns its UTF-8 output: the text of each page in
 * reading order, each page ended by a form feed. Long documents are cut, not refused: at most
 * `maxPages` pages are read and at most `maxTextBytes` of text kept, because the first pages of a
 * propaganda PDF say what it is and a partial text still feeds the detectors.
 */
export interface PdftotextOptions {
  timeoutMs: number;
  /** File size above which the PDF is refused before pdftotext opens it. */
  maxBytes: number;
  maxPages: number;
  maxTextBytes: number;
}

export interface PdftotextOutput {
  text: string;
  /** True when `maxTextBytes` cut the text (pdftotext was killed once it had written that much). */
  truncated: boolean;
}

/** The spec lets a header start anywhere in the first 1024 bytes; readers accept that too. */
const HEADER_WINDOW = 1024;
const PDF_HEADER = Buffer.from('%PDF-');

/** Thrown inside the stdout handler to stop pdftotext once enough text has arrived. */
const ENOUGH = Symbol('enough text');

export async function pdftotext(path: string, options: PdftotextOptions): Promise<PdftotextOutput> {
  // Absolute, so a name starting with '-' cannot be read as an option.
  const file = resolve(path);
  await checkPdfFile(file, options.maxBytes);
  const chunks: Buffer[] = [];
  let kept = 0;
  let truncated = false;
  const onStdout = (chunk: Buffer): void => {
    const room = options.maxTextBytes - kept;
    chunks.push(chunk.subarray(0, Math.max(0, room)));
    kept += Math.min(chunk.length, Math.max(0, room));
    if (chunk.length > room) {
      truncated = true;
      throw ENOUGH;
    }
  };
  const args = ['-enc', 'UTF-8', '-eol', 'unix', '-f', '1', '-l', String(options.maxPages), file, '-'];
  try {
    const { stderr, code } = await runProcess('pdftotext', args, {
      timeoutMs: options.timeoutMs,
      // The handler enforces the text cap itself, so it can keep what came before the cut.
      maxStdoutBytes: Number.MAX_SAFE_INTEGER,
      onStdout,
    });
    if (code !== 0) throw exitError(code, stderr);
  } catch (error) {
    if (error !== ENOUGH) throw error;
  }
  return { text: decodeUtf8Prefix(Buffer.concat(chunks)), truncated };
}

async function checkPdfFile(file: string, maxBytes: number): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new AppError('SOURCE_UNREADABLE', { detail: `PDF cannot be opened: ${file}`, pointer: file, cause: error });
  }
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) throw invalidInput(`PDF is ${size} bytes; the limit is ${maxBytes}`, file);
    const head = Buffer.alloc(Math.min(size, HEADER_WINDOW));
    await handle.read(head, 0, head.length, 0);
    if (!head.includes(PDF_HEADER)) throw invalidInput('file is not a PDF (no %PDF- header)', file);
  } finally {
    await handle.close();
  }
}

/** pdftotext: 1 cannot open or parse the document, 3 copying text is not permitted. */
function exitError(code: number, stderr: string): AppError {
  const said = stderr
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(-2)
    .join(' / ')
    .slice(0, 400);
  if (code === 1 || code === 3) {
    return invalidInput(`PDF cannot be read (pdftotext exit ${code}): ${said || 'no message'}`);
  }
  return new AppError('PROVIDER_FAILED', { detail: `pdftotext exited with code ${code}: ${said}`, retryable: false });
}

/** A byte cap can split a UTF-8 sequence; drop the partial character rather than emit U+FFFD. */
function decodeUtf8Prefix(bytes: Buffer): string {
  let end = bytes.length;
  let back = 0;
  while (end - back > 0 && back < 4 && ((bytes[end - back - 1] ?? 0) & 0xc0) === 0x80) back++;
  const lead = bytes[end - back - 1];
  if (lead !== undefined && lead >= 0xc0) {
    const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    if (back + 1 < need) end -= back + 1;
  }
  return bytes.subarray(0, end).toString('utf8');
}
