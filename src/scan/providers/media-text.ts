import { isAbsolute, resolve } from 'node:path';
import {
  AppError,
  type Evidence,
  type ExtractedFrom,
  type ExtractedSource,
  type Item,
  type MediaRef,
  type Signal,
  toAppError,
  withinTime,
} from '../../core/index.js';
import type { NormalizedText, ScanInput, SignalProvider } from '../provider.js';
import {
  DEFAULT_EXTRACTORS,
  type ExtractedText,
  extractedSourceOf,
  extractMediaText,
  type MediaTextExtractors,
  type MediaTextLimits,
  tooSlow,
} from './extract-media-text.js';

/**
 * Text inside media (memes, posters, screenshots, PDFs, title cards of videos), read out and put
 * through the same text providers as the message text: the test marker, lexicon, tactics, links,
 * classifier and text banks, behind the same normaliser. Their signals come back with
 * `extractedFrom` naming the file and its reader, and with spans marked `in: 'extracted'`: they
 * point into the extracted text, never into `Item.text`. OCR or PDF signals that carry a category
 * also carry the `text-in-image` tactic (when they have none of their own): putting the words in
 * a picture is how a caption-only filter is dodged.
 *
 * The text providers see the extracted text as a text-only item (no media, no entities), so the
 * media providers, this one included, have nothing to do on it, and the message's own links are
 * not counted twice.
 */

export interface MediaTextOptions extends MediaTextLimits {
  /** Wall clock for one file: an image's OCR, a PDF's text, a video's frames and their OCR. */
  timeoutSeconds: number;
  /** Files read per item, in order; the rest are reported unread. */
  maxFilesPerItem: number;
  /** Wall clock for all the files of one item together. */
  maxSecondsPerItem: number;
}

/** What the text of a message goes through; asked for at scan time, as the registry is built after. */
export interface TextProviders {
  normalize: (text: string) => NormalizedText;
  providers: Iterable<SignalProvider>;
}

export interface MediaTextProviderOptions extends MediaTextOptions {
  textPath: () => TextProviders;
  /** Folder relative media paths are read from when the item's source names none; default the working directory. */
  baseDir?: string;
  extractors?: MediaTextExtractors;
}

export const MEDIA_TEXT_PROVIDER = 'media-text';
const VERSION = 'media-text@1';
/** The bottom of the shipped policy's review band: a signal this strong is a finding. */
const FINDING_SCORE = 0.5;

interface MediaFile {
  index: number;
  ref: MediaRef;
  path: string;
  source: ExtractedSource;
}

export function mediaTextProvider(options: MediaTextProviderOptions): SignalProvider {
  const extractors = options.extractors ?? DEFAULT_EXTRACTORS;
  const baseDir = options.baseDir ?? process.cwd();
  return {
    id: MEDIA_TEXT_PROVIDER,
    kinds: ['classifier', 'lexicon', 'bank-match', 'tactic', 'link', 'test-marker'],
    version: `${VERSION}(${options.languages.join('+')})`,
    provide(input: ScanInput): Signal[] | Promise<Signal[]> {
      const root = input.mediaRoot ?? baseDir;
      const files: MediaFile[] = [];
      input.item.media.forEach((ref, index) => {
        const source = extractedSourceOf(ref, options);
        if (source === undefined || ref.status !== 'present' || ref.path === undefined) return;
        files.push({ index, ref, source, path: isAbsolute(ref.path) ? ref.path : resolve(root, ref.path) });
      });
      // Text-only items (most of a stream) stay synchronous and cost nothing.
      if (files.length === 0) return [];
      return readAll(input, files, root, { ...options, extractors });
    },
  };
}

async function readAll(
  input: ScanInput,
  files: MediaFile[],
  root: string,
  options: MediaTextOptions & { textPath: () => TextProviders; extractors: MediaTextExtractors },
): Promise<Signal[]> {
  const deadline = Date.now() + options.maxSecondsPerItem * 1000;
  const signals: Signal[] = [];
  const problems: string[] = [];
  for (const [n, file] of files.entries()) {
    const name = `media ${file.index} (${file.ref.path ?? file.ref.kind})`;
    if (n >= options.maxFilesPerItem) {
      problems.push(`${name}: not read, the item has more than ${options.maxFilesPerItem} (mediaText.maxFilesPerItem)`);
      continue;
    }
    const timeoutMs = Math.min(options.timeoutSeconds * 1000, deadline - Date.now());
    if (timeoutMs <= 0) {
      problems.push(
        `${name}: not read, the item's ${options.maxSecondsPerItem} s (mediaText.maxSecondsPerItem) are spent`,
      );
      continue;
    }
    try {
      const reading = extractMediaText(file.path, file.source, {
        limits: options,
        timeoutMs,
        extractors: options.extractors,
      });
      // The extractors bound their own tools; this bounds the whole of one file, stat included.
      // A tool still running after it is killed by its own timeout, shortly after.
      const extracted = await withinTime(reading, timeoutMs + BACKSTOP_GRACE_MS, () => tooSlow('file', timeoutMs));
      signals.push(...(await readText(input.item, extracted, file.index, options.textPath(), problems)));
    } catch (error) {
      problems.push(`${name}: ${reason(error, file.ref, root)}`);
    }
  }
  // Findings in one file are kept even when another file failed: a corrupt decoy next to a
  // flagged poster must not hide it. Only a failure that could have hidden a finding is reported.
  if (problems.length > 0 && !signals.some(isFinding)) {
    throw new AppError('PROVIDER_FAILED', {
      detail: `cannot read the text of ${problems.join('; ')}`,
      pointer: `${input.item.chat.id}/${input.item.messageId}`,
      retryable: false,
    });
  }
  return signals;
}

/** Runs every text provider on the extracted text, as they run on a message's. */
async function readText(
  item: Item,
  extracted: ExtractedText,
  media: number,
  path: TextProviders,
  problems: string[],
): Promise<Signal[]> {
  if (extracted.text.trim() === '') return [];
  const { text } = extracted;
  const input: ScanInput = {
    item: { ...item, text, entities: [], media: [] },
    text,
    links: [],
    normalized: path.normalize(text),
  };
  const from: ExtractedFrom = {
    source: extracted.source,
    media,
    ...(extracted.timestamps !== undefined && { timestamps: extracted.timestamps }),
  };
  const signals: Signal[] = [];
  for (const provider of path.providers) {
    if (provider.id === MEDIA_TEXT_PROVIDER) continue;
    try {
      for (const signal of await provider.provide(input)) signals.push(marked(signal, from));
    } catch (error) {
      problems.push(
        `media ${media}: ${provider.id} failed on its text: ${toAppError(error, 'PROVIDER_FAILED').message}`,
      );
    }
  }
  return signals;
}

function marked(signal: Signal, from: ExtractedFrom): Signal {
  const evidence = signal.evidence.map((e): Evidence => (e.type === 'span' ? { ...e, in: 'extracted' as const } : e));
  const pictured = from.source !== 'pdf-text' && signal.category !== undefined && signal.tactic === undefined;
  return { ...signal, ...(pictured && { tactic: 'text-in-image' as const }), evidence, extractedFrom: from };
}

function isFinding(signal: Signal): boolean {
  return signal.kind !== 'tactic' && signal.score >= FINDING_SCORE;
}

/** A tool's own timeout says more (which tool), so the backstop waits a little longer. */
const BACKSTOP_GRACE_MS = 500;

function reason(error: unknown, ref: MediaRef, root: string): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT' || code === 'MEDIA_MISSING') {
    const relative = ref.path !== undefined && !isAbsolute(ref.path);
    return relative ? `file not found under ${root}, where relative media paths are read from` : 'file not found';
  }
  if (code === 'EACCES' || code === 'EISDIR') return `file cannot be read (${code})`;
  const e = toAppError(error, 'PROVIDER_FAILED');
  return e.detail ?? e.message;
}
