import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { AppError, type ExtractedSource, type MediaRef } from '../../core/index.js';
import { type OcrOptions, type OcrResult, ocrImage } from '../../detect/media/ocr.js';
import { type PdfTextOptions, type PdfTextResult, pdfText } from '../../detect/media/pdf-text.js';
import { extractKeyFrames, type KeyFrame, type KeyFrameOptions } from '../../detect/media/video/index.js';
import { isImage, isVideo } from './media-bank.js';

/**
 * Text read out of one media file under limits: OCR of an image, the text layer of a PDF, OCR
 * of a few key frames of a video. Which reader a file gets follows the media-bank provider's
 * image / video rules, so a file is the same kind of thing to every provider.
 */

export interface MediaTextLimits {
  ocr: boolean;
  pdf: boolean;
  /** Key frames read per video; 0 reads no video. */
  videoFrames: number;
  /** Tesseract traineddata names, most likely script first. */
  languages: string[];
  maxImageBytes: number;
  maxPdfBytes: number;
  maxVideoBytes: number;
  maxPdfPages: number;
  /** UTF-8 bytes of text kept from one file. */
  maxTextBytes: number;
}

export interface MediaTextExtractors {
  ocrImage(input: string | Buffer, options: OcrOptions): Promise<Pick<OcrResult, 'text'>>;
  pdfText(path: string, options: PdfTextOptions): Promise<Pick<PdfTextResult, 'text'>>;
  keyFrames(path: string, options: KeyFrameOptions): Promise<KeyFrame[]>;
}

export const DEFAULT_EXTRACTORS: MediaTextExtractors = { ocrImage, pdfText, keyFrames: extractKeyFrames };

export interface ExtractedText {
  source: ExtractedSource;
  text: string;
  /** Video only: seconds into the video of the frames whose text is in `text`. */
  timestamps?: number[];
}

/** Which reader a media file gets, or undefined when none is switched on for its kind. */
export function extractedSourceOf(ref: MediaRef, limits: MediaTextLimits): ExtractedSource | undefined {
  if (isVideo(ref)) return limits.videoFrames > 0 ? 'video-ocr' : undefined;
  if (isImage(ref)) return limits.ocr ? 'ocr' : undefined;
  if (isPdf(ref)) return limits.pdf ? 'pdf-text' : undefined;
  return undefined;
}

function isPdf(ref: MediaRef): boolean {
  const mime = ref.mime?.toLowerCase();
  if (mime !== undefined) return mime === 'application/pdf';
  return [ref.path, ref.fileName].some((name) => name !== undefined && extname(name).toLowerCase() === '.pdf');
}

/**
 * Reads the text of one file within `timeoutMs`. Throws on a file that is missing, too large,
 * corrupt, or slower than allowed: the caller reports it, the item's other files go on.
 */
export async function extractMediaText(
  path: string,
  source: ExtractedSource,
  options: { limits: MediaTextLimits; timeoutMs: number; extractors: MediaTextExtractors },
): Promise<ExtractedText> {
  const { limits, timeoutMs, extractors } = options;
  const maxBytes = { ocr: limits.maxImageBytes, 'pdf-text': limits.maxPdfBytes, 'video-ocr': limits.maxVideoBytes }[
    source
  ];
  await checkFile(path, maxBytes, source);
  switch (source) {
    case 'ocr': {
      const { text } = await extractors.ocrImage(path, { languages: limits.languages, timeoutMs, maxBytes });
      return { source, text: capText(text, limits.maxTextBytes) };
    }
    case 'pdf-text': {
      const pdf = { timeoutMs, maxBytes, maxPages: limits.maxPdfPages, maxTextBytes: limits.maxTextBytes };
      return { source, text: capText((await extractors.pdfText(path, pdf)).text, limits.maxTextBytes) };
    }
    case 'video-ocr':
      return readVideo(path, { ...options, maxBytes });
  }
}

/** One time budget for the whole video: decoding and every frame's OCR. */
async function readVideo(
  path: string,
  options: { limits: MediaTextLimits; timeoutMs: number; extractors: MediaTextExtractors; maxBytes: number },
): Promise<ExtractedText> {
  const { limits, extractors } = options;
  const deadline = Date.now() + options.timeoutMs;
  const frames = await extractors.keyFrames(path, {
    count: limits.videoFrames,
    timeoutMs: options.timeoutMs,
    maxInputBytes: options.maxBytes,
  });
  const texts: string[] = [];
  const timestamps: number[] = [];
  for (const frame of frames) {
    const timeoutMs = deadline - Date.now();
    if (timeoutMs <= 0) throw tooSlow('video', options.timeoutMs);
    const { text } = await extractors.ocrImage(frame.png, { languages: limits.languages, timeoutMs });
    // A caption held across frames is read once: repeating it would only repeat its signals.
    if (text.trim() === '' || texts.includes(text)) continue;
    texts.push(text);
    timestamps.push(frame.timestamp);
  }
  return { source: 'video-ocr', text: capText(texts.join('\n\n'), limits.maxTextBytes), timestamps };
}

async function checkFile(path: string, maxBytes: number, source: ExtractedSource): Promise<void> {
  const info = await stat(path);
  if (!info.isFile()) throw new AppError('PROVIDER_FAILED', { detail: 'it is not a regular file', retryable: false });
  if (info.size > maxBytes) {
    const key = { ocr: 'maxImageBytes', 'pdf-text': 'maxPdfBytes', 'video-ocr': 'maxVideoBytes' }[source];
    throw new AppError('PROVIDER_FAILED', {
      detail: `it has ${info.size} bytes, above the ${maxBytes}-byte limit (mediaText.${key})`,
      retryable: false,
    });
  }
}

export function tooSlow(what: string, timeoutMs: number): AppError {
  return new AppError('PROVIDER_FAILED', {
    detail: `reading the ${what} took longer than ${Math.round(timeoutMs) / 1000} s (mediaText.timeoutSeconds)`,
    retryable: true,
  });
}

/** Cuts at a character boundary so the kept text is at most `maxBytes` of UTF-8. */
function capText(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const cut = Buffer.from(text, 'utf8').subarray(0, maxBytes).toString('utf8');
  // A character split by the cut decodes as U+FFFD; drop it rather than invent a letter.
  return cut.endsWith('\uFFFD') ? cut.slice(0, -1) : cut;
}
