import { pdftotext } from './native/pdftotext.js';

/**
 * The text layer of a PDF (manuals, magazines, statements shared as documents), for the text
 * detectors. A scanned PDF has no text layer and gives '' here; its pages would need rendering and
 * OCR, which this does not do.
 */
export interface PdfTextOptions {
  timeoutMs?: number;
  /** File size above which the PDF is refused unread. */
  maxBytes?: number;
  /** Pages read from the start; later pages are ignored. */
  maxPages?: number;
  /** UTF-8 bytes of text kept; pdftotext is stopped once it has written more. */
  maxTextBytes?: number;
}

export interface PdfTextResult {
  /** Pages separated by a blank line, trailing spaces and runs of blank lines removed. */
  text: string;
  /** Pages whose text is in `text` (a page cut by `maxTextBytes` counts). */
  pages: number;
  /** True when `maxTextBytes` cut the text short. */
  truncated: boolean;
  source: 'pdf-text';
}

export const PDF_TEXT_DEFAULTS = {
  timeoutMs: 30_000,
  maxBytes: 100 * 1024 * 1024,
  maxPages: 200,
  maxTextBytes: 4 * 1024 * 1024,
} as const;

const PAGE_END = '\f';
// C0 controls other than tab and newline carry no words and confuse tokenisers downstream.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

export async function pdfText(path: string, options: PdfTextOptions = {}): Promise<PdfTextResult> {
  const maxPages = Math.max(1, Math.floor(options.maxPages ?? PDF_TEXT_DEFAULTS.maxPages));
  const output = await pdftotext(path, {
    timeoutMs: options.timeoutMs ?? PDF_TEXT_DEFAULTS.timeoutMs,
    maxBytes: options.maxBytes ?? PDF_TEXT_DEFAULTS.maxBytes,
    maxPages,
    maxTextBytes: options.maxTextBytes ?? PDF_TEXT_DEFAULTS.maxTextBytes,
  });
  const pages = output.text.split(PAGE_END);
  // Each page ends with a form feed, so only a page cut by the text cap leaves text after the last.
  if (pages.at(-1) === '') pages.pop();
  return {
    text: pages
      .map(cleanPage)
      .filter((page) => page !== '')
      .join('\n\n'),
    pages: pages.length,
    truncated: output.truncated,
    source: 'pdf-text',
  };
}

function cleanPage(page: string): string {
  return page
    .replace(CONTROL, '')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
