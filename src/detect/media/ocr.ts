import { open } from 'node:fs/promises';
import { AppError, invalidInput } from '../../core/errors.js';
import { tesseractTsv } from './native/tesseract.js';

/**
 * Text inside an image (memes, screenshots, posters, flyers) read by tesseract, so the text
 * detectors can see what a caption does not say. Arabic and English by default.
 */
export interface OcrOptions {
  /** Tesseract traineddata names; Arabic first so right-to-left lines keep their order. */
  languages?: string[];
  timeoutMs?: number;
  /** Encoded image bytes above which the image is refused before decoding. */
  maxBytes?: number;
  /** Decoded pixels above which the image is refused (decompression bombs). */
  maxPixels?: number;
}

export interface OcrResult {
  /** Words joined by single spaces, lines by `\n`; bidi marks tesseract adds are removed. */
  text: string;
  /** Tesseract's word confidences averaged over characters, 0..1; 0 when no word was found. */
  confidence: number;
  words: number;
  source: 'ocr';
}

export const OCR_DEFAULTS = {
  languages: ['ara', 'eng'],
  timeoutMs: 30_000,
  maxBytes: 20 * 1024 * 1024,
  maxPixels: 100_000_000,
} as const;

export async function ocrImage(input: string | Buffer, options: OcrOptions = {}): Promise<OcrResult> {
  const maxBytes = options.maxBytes ?? OCR_DEFAULTS.maxBytes;
  const image = typeof input === 'string' ? await readCapped(input, maxBytes) : checkSize(input, maxBytes);
  const tsv = await tesseractTsv(image, {
    languages: options.languages ?? OCR_DEFAULTS.languages,
    timeoutMs: options.timeoutMs ?? OCR_DEFAULTS.timeoutMs,
    maxPixels: options.maxPixels ?? OCR_DEFAULTS.maxPixels,
  });
  return parseTesseractTsv(tsv);
}

function checkSize(image: Buffer, maxBytes: number): Buffer {
  if (image.length === 0) throw invalidInput('image is empty');
  if (image.length > maxBytes) throw invalidInput(`image is ${image.length} bytes; the limit is ${maxBytes}`);
  return image;
}

async function readCapped(path: string, maxBytes: number): Promise<Buffer> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new AppError('SOURCE_UNREADABLE', { detail: `image cannot be opened: ${path}`, pointer: path, cause: error });
  }
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) throw invalidInput(`image is ${size} bytes; the limit is ${maxBytes}`, path);
    // Read one byte past the stated size: a file growing under us must not slip past the cap.
    const buffer = Buffer.alloc(Math.min(size, maxBytes) + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return checkSize(buffer.subarray(0, bytesRead), maxBytes);
  } finally {
    await handle.close();
  }
}

/** Right-to-left and left-to-right marks, embeddings and isolates; tesseract wraps runs in them. */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const WORD_LEVEL = '5';

/**
 * Reads tesseract's TSV: columns level, page, block, paragraph, line, word, left, top, width,
 * height, conf, text. Only word rows (level 5) carry text; their page/block/paragraph/line numbers
 * group them into lines, which tesseract already emits in reading order.
 */
export function parseTesseractTsv(tsv: string): OcrResult {
  const lines: string[][] = [];
  let lineKey = '';
  let weighted = 0;
  let characters = 0;
  let words = 0;
  for (const row of tsv.split('\n')) {
    const cells = row.split('\t');
    if (cells[0] !== WORD_LEVEL || cells.length < 12) continue;
    const word = cells.slice(11).join(' ').replace(BIDI_CONTROLS, '').replace(/\s+/g, ' ').trim();
    const confidence = Number(cells[10]);
    if (word === '' || !Number.isFinite(confidence) || confidence < 0) continue;
    const key = cells.slice(1, 5).join('.');
    if (key !== lineKey || lines.length === 0) lines.push([]);
    lineKey = key;
    lines.at(-1)!.push(word);
    words++;
    characters += word.length;
    weighted += word.length * Math.min(confidence, 100);
  }
  return {
    text: lines.map((line) => line.join(' ')).join('\n'),
    confidence: characters === 0 ? 0 : weighted / characters / 100,
    words,
    source: 'ocr',
  };
}
