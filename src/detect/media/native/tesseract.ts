import sharp from 'sharp';
import { AppError, invalidInput } from '../../../core/errors.js';
import { runProcess } from './run-process.js';

/**
 * Runs the system tesseract (5.x) on one image and returns its TSV (one row per page, block,
 * paragraph, line and word, words with a 0–100 confidence). The image is first decoded by sharp
 * and re-encoded as a grey PNG, for three reasons: tesseract reads any bytes that are not an image
 * as a *list of file names* and opens them, so it must only ever see a PNG we wrote; sharp refuses
 * decompression bombs (`limitInputPixels`) before tesseract allocates them; and one decoder means
 * one set of formats and one kind of error for every caller.
 */
export interface TesseractOptions {
  /** Traineddata names joined with `+`, most likely script first (it decides line direction). */
  languages: readonly string[];
  timeoutMs: number;
  /** Decoded pixels (width × height) above which the image is refused, not resized. */
  maxPixels: number;
}

/**
 * Page segmentation mode 3 (automatic layout, no orientation detection): memes, screenshots and
 * posters hold several blocks of text, and psm 3 finds them and returns lines in reading order.
 * Sparse mode (11) finds stray words in photos slightly better but breaks lines into fragments,
 * and psm 6 (one block) merges columns; orientation detection (psm 1) needs `osd` and doubles the
 * time. Rotated text is left to EXIF auto-orientation.
 */
const PAGE_SEGMENTATION_MODE = '3';

/** Longest side tesseract sees: enough for legible text at phone-screenshot sizes, bounded time. */
const MAX_SIDE = 4096;
/**
 * Images whose longest side is below this are upscaled ×2: tesseract reads best with letters
 * 20–40 px high, and Telegram recompresses photos to 1280 px, where captions are often smaller.
 * On rendered Arabic + English lines of 12–72 px in 600–1000 px images it read 32/32 exactly
 * upscaled against 31/32 as is (Naskh at 16 px lost a word), for ≈10% more time.
 */
const UPSCALE_BELOW = 1600;
const IMAGE_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'tiff', 'heif']);
const LANGUAGE = /^[A-Za-z][A-Za-z0-9_]{1,31}$/;
const MAX_TSV_BYTES = 16 * 1024 * 1024;

export async function tesseractTsv(image: Buffer, options: TesseractOptions): Promise<string> {
  const languages = checkLanguages(options.languages);
  const png = await toGreyPng(image, options.maxPixels);
  const args = ['stdin', 'stdout', '--psm', PAGE_SEGMENTATION_MODE, '-l', languages, 'tsv'];
  const { stdout, stderr, code } = await runProcess('tesseract', args, {
    timeoutMs: options.timeoutMs,
    maxStdoutBytes: MAX_TSV_BYTES,
    input: png,
  });
  if (code !== 0) {
    throw new AppError('PROVIDER_FAILED', {
      detail: `tesseract exited with code ${code}: ${lastLines(stderr)}`,
      retryable: false,
    });
  }
  return stdout.toString('utf8');
}

function checkLanguages(languages: readonly string[]): string {
  if (languages.length === 0) throw invalidInput('OCR needs at least one language');
  const bad = languages.find((language) => !LANGUAGE.test(language));
  if (bad !== undefined) throw invalidInput(`OCR language "${bad}" is not a traineddata name such as ara or eng`);
  return languages.join('+');
}

async function toGreyPng(image: Buffer, maxPixels: number): Promise<Buffer> {
  try {
    const decoder = sharp(image, { limitInputPixels: maxPixels, failOn: 'error', animated: false });
    const { format, width, height } = await decoder.metadata();
    // SVG and PDF loaders can pull in other resources; only plain raster formats are read.
    if (!IMAGE_FORMATS.has(format)) throw invalidInput(`image format "${format}" is not read for OCR`);
    const longest = Math.max(width, height);
    const side = longest < UPSCALE_BELOW ? longest * 2 : Math.min(longest, MAX_SIDE);
    return await decoder
      .rotate()
      .flatten({ background: '#ffffff' })
      .resize({ width: side, height: side, fit: 'inside', kernel: 'lanczos3' })
      .greyscale()
      .png({ compressionLevel: 1 })
      .toBuffer();
  } catch (error) {
    if (error instanceof AppError) throw error;
    const why = error instanceof Error ? error.message : String(error);
    throw new AppError('INPUT_INVALID', { detail: `image cannot be decoded for OCR: ${why}`, cause: error });
  }
}

/** Tesseract explains a failure over a few lines ("Failed loading language 'xx'" …). */
function lastLines(stderr: string): string {
  const lines = stderr.split('\n').filter((line) => line.trim() !== '');
  return (lines.slice(-3).join(' / ') || 'no message').slice(0, 400);
}
