import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTextPath, type TextPath } from '../../app/text-path.js';
import { type Item, itemSchema, type MediaRef, type Signal } from '../../core/index.js';
import { ocrImage } from '../../detect/media/ocr.js';
import type { ScanOutcome } from '../scanner.js';
import { DEFAULT_EXTRACTORS, type MediaTextExtractors } from './extract-media-text.js';
import { corruptJpeg } from './fixtures/synthetic-images.js';
import { ARABIC_GREETING, canDrawText, textPdf, textPng, textVideo } from './fixtures/synthetic-text-media.js';
import { type MediaTextOptions, mediaTextProvider } from './media-text.js';
import { TEST_MARKER } from './test-marker.js';

const dir = mkdtempSync(join(tmpdir(), 'rasd-media-text-'));
const files: Record<string, string> = {};
let path: TextPath;

const LIMITS: MediaTextOptions = {
  ocr: true,
  pdf: true,
  videoFrames: 3,
  languages: ['ara', 'eng'],
  timeoutSeconds: 30,
  maxFilesPerItem: 10,
  maxSecondsPerItem: 60,
  maxImageBytes: 20 * 1024 * 1024,
  maxPdfBytes: 100 * 1024 * 1024,
  maxVideoBytes: 2 * 1024 ** 3,
  maxPdfPages: 50,
  maxTextBytes: 1024 * 1024,
};

function write(name: string, bytes: Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

function item(media: Partial<MediaRef>[], extra: Partial<Item> = {}): Item {
  return itemSchema.parse({
    chat: { id: 'c1' },
    messageId: '1',
    postedAt: '2026-01-01T00:00:00Z',
    text: 'hello',
    media: media.map((m) => ({ kind: 'photo', status: 'present', ...m })),
    ...extra,
  });
}

/** The shipped text path with the media-text provider registered in it, as the embedded preset does. */
function scannerWith(options: Partial<MediaTextOptions> & { extractors?: MediaTextExtractors } = {}) {
  const provider = mediaTextProvider({ ...LIMITS, ...options, textPath: () => withMedia, baseDir: dir });
  const withMedia = createTextPath({ policy: path.policy, extraProviders: [provider] });
  return { provider, scanner: withMedia.scanner };
}

async function scan(media: Partial<MediaRef>[], options: Parameters<typeof scannerWith>[0] = {}): Promise<ScanOutcome> {
  return scannerWith(options).scanner.scan(item(media));
}

const fromMedia = (outcome: ScanOutcome): Signal[] => outcome.assessment.signals.filter((s) => s.extractedFrom);

beforeAll(async () => {
  path = createTextPath({});
  files.marker = write('marker.png', await textPng([{ text: ARABIC_GREETING, rtl: true }, { text: TEST_MARKER }]));
  files.harmless = write(
    'harmless.png',
    await textPng([{ text: ARABIC_GREETING, rtl: true }, { text: 'Good morning' }]),
  );
  files.corrupt = write('corrupt.jpg', corruptJpeg());
  files.pdf = write('notes.pdf', textPdf(['Meeting notes', `${TEST_MARKER} in a document`]));
  if (canDrawText) files.video = await textVideo(join(dir, 'clip.mp4'), TEST_MARKER, 6, { from: 2, to: 4 });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('media-text provider', () => {
  it('flags an image whose OCR text holds the test marker, with the span marked as extracted text', async () => {
    const outcome = await scan([{ path: 'marker.png' }]);
    expect(outcome.failures).toEqual([]);
    expect(outcome.assessment.verdict).toBe('violating');
    expect(outcome.assessment.rules).toContain('test-marker');
    const marker = fromMedia(outcome).find((s) => s.kind === 'test-marker');
    expect(marker?.extractedFrom).toEqual({ source: 'ocr', media: 0 });
    expect(marker?.tactic).toBe('text-in-image');
    expect(outcome.assessment.tactics).toContain('text-in-image');
    // The span points into the OCR text (Arabic line, newline, marker), beyond the 5-char message.
    const ocrText = (await ocrImage(files.marker as string)).text;
    const span = marker?.evidence[0];
    expect(span).toMatchObject({ type: 'span', in: 'extracted', term: TEST_MARKER });
    if (span?.type !== 'span') throw new Error('no span');
    expect(ocrText.slice(span.start, span.end)).toBe(TEST_MARKER);
    expect(span.start).toBeGreaterThan('hello'.length);
    // Message-text signals carry no source and no `in`.
    for (const s of outcome.assessment.signals.filter((x) => !x.extractedFrom)) {
      for (const e of s.evidence) if (e.type === 'span') expect(e.in).toBeUndefined();
    }
  });

  it('keeps an image with harmless text clear, its text still read by the classifier', async () => {
    const outcome = await scan([{ path: 'harmless.png' }]);
    expect(outcome.failures).toEqual([]);
    expect(outcome.assessment.verdict).toBe('clear');
    const classifier = fromMedia(outcome).find((s) => s.kind === 'classifier');
    expect(classifier?.extractedFrom).toEqual({ source: 'ocr', media: 0 });
    expect(fromMedia(outcome).some((s) => s.kind === 'test-marker')).toBe(false);
  });

  it('reads the text layer of a PDF document', async () => {
    const outcome = await scan([{ kind: 'document', path: 'notes.pdf', mime: 'application/pdf' }]);
    expect(outcome.assessment.verdict).toBe('violating');
    const marker = fromMedia(outcome).find((s) => s.kind === 'test-marker');
    expect(marker?.extractedFrom).toEqual({ source: 'pdf-text', media: 0 });
    expect(marker?.tactic).toBeUndefined();
  });

  it.runIf(canDrawText)('reads text shown in the middle of a video from its key frames', async () => {
    const outcome = await scan([{ kind: 'video', path: 'clip.mp4', mime: 'video/mp4' }]);
    expect(outcome.failures).toEqual([]);
    expect(outcome.assessment.verdict).toBe('violating');
    const marker = fromMedia(outcome).find((s) => s.kind === 'test-marker');
    expect(marker?.extractedFrom?.source).toBe('video-ocr');
    // Three parts of 2 s: only the middle one's frame (t = 3 s) shows the marker.
    expect(marker?.extractedFrom?.timestamps).toEqual([3]);
  });

  it('costs nothing and stays synchronous on a text-only item', () => {
    const { provider, scanner } = scannerWith();
    const textOnly = item([]);
    expect(provider.provide({ item: textOnly, text: 'hello', links: [], normalized: path.normalize('hello') })).toEqual(
      [],
    );
    expect(scanner.scan(textOnly)).not.toBeInstanceOf(Promise);
  });

  it('reports a corrupt image as a failure of the item', async () => {
    const outcome = await scan([{ path: 'corrupt.jpg' }]);
    expect(outcome.failures).toHaveLength(1);
    expect(outcome.failures[0]).toMatchObject({ provider: 'media-text', code: 'PROVIDER_FAILED' });
    expect(outcome.failures[0]?.message).toMatch(/media 0 \(corrupt\.jpg\).*decoded/);
  });

  it('keeps what a readable image shows when another of its files is corrupt', async () => {
    const outcome = await scan([{ path: 'corrupt.jpg' }, { path: 'marker.png' }]);
    expect(outcome.assessment.verdict).toBe('violating');
    expect(fromMedia(outcome).find((s) => s.kind === 'test-marker')?.extractedFrom?.media).toBe(1);
  });

  it('refuses an image above the byte cap before reading it', async () => {
    const outcome = await scan([{ path: 'harmless.png' }], { maxImageBytes: 100 });
    expect(outcome.failures[0]?.message).toMatch(/above the 100-byte limit \(mediaText\.maxImageBytes\)/);
    expect(fromMedia(outcome)).toEqual([]);
  });

  it('gives up on a file slower than the timeout', async () => {
    const hanging: MediaTextExtractors = { ...DEFAULT_EXTRACTORS, ocrImage: () => new Promise(() => undefined) };
    const started = Date.now();
    const outcome = await scan([{ path: 'harmless.png' }], { timeoutSeconds: 0.2, extractors: hanging });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(outcome.failures[0]?.message).toMatch(/longer than 0\.2 s \(mediaText\.timeoutSeconds\)/);
  });

  it('reads at most maxFilesPerItem files, and reports the rest unread', async () => {
    const read: string[] = [];
    const counting: MediaTextExtractors = {
      ...DEFAULT_EXTRACTORS,
      ocrImage: async (input) => {
        read.push(String(input));
        return { text: 'Good morning' };
      },
    };
    const outcome = await scan([{ path: 'harmless.png' }, { path: 'marker.png' }], {
      maxFilesPerItem: 1,
      extractors: counting,
    });
    expect(read).toEqual([files.harmless]);
    expect(outcome.failures[0]?.message).toMatch(/media 1 \(marker\.png\): not read.*mediaText\.maxFilesPerItem/);
  });

  it('does not count the message’s own links again on the extracted text', async () => {
    const plain: MediaTextExtractors = { ...DEFAULT_EXTRACTORS, ocrImage: async () => ({ text: 'Good morning' }) };
    const { scanner } = scannerWith({ extractors: plain });
    const hidden = item([{ path: 'harmless.png' }], {
      entities: [{ type: 'text-link', text: 'click', url: 'https://t.me/joinchat/AAAAAE' }],
    });
    const outcome = await scanner.scan(hidden);
    expect(outcome.assessment.signals.some((s) => s.kind === 'link' && !s.extractedFrom)).toBe(true);
    expect(fromMedia(outcome).some((s) => s.kind === 'link')).toBe(false);
  });

  it('leaves alone kinds that are switched off, and files that are not present', () => {
    const { provider } = scannerWith({ ocr: false });
    const input = (media: Partial<MediaRef>[]) => ({
      item: item(media),
      text: 'hello',
      links: [],
      normalized: path.normalize('hello'),
    });
    expect(provider.provide(input([{ path: 'marker.png' }]))).toEqual([]);
    expect(provider.provide(input([{ kind: 'document', path: 'notes.pdf', status: 'missing' }]))).toEqual([]);
    expect(provider.provide(input([{ kind: 'voice', path: 'a.ogg', mime: 'audio/ogg' }]))).toEqual([]);
  });
});
