import type { Category, Tactic } from './taxonomy.js';

/**
 * A Signal is what one provider says about one item. Many signals make an Assessment; the
 * policy, not the provider, turns them into a verdict.
 */
export const SIGNAL_KINDS = [
  'classifier',
  'lexicon',
  'bank-match',
  'tactic',
  'link',
  'lineage',
  'test-marker',
] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/**
 * Where in the item a signal points: offsets are UTF-16 code units into `Item.text`, unless
 * `in` says they point into text extracted from a media file (then the signal's `extractedFrom`
 * names the file); such a span must never be highlighted in the message.
 */
export interface SpanEvidence {
  type: 'span';
  start: number;
  end: number;
  /** The lexicon term or rule that matched, never a copy of the message. */
  term?: string;
  /** `extracted`: offsets into the media's extracted text, not into `Item.text`. */
  in?: 'extracted';
}

export interface EntryEvidence {
  type: 'entry';
  /** A lexicon or bank entry id. */
  entry: string;
  distance?: number;
  source?: string;
}

export interface FeatureEvidence {
  type: 'feature';
  name: string;
  weight: number;
}

export type Evidence = SpanEvidence | EntryEvidence | FeatureEvidence;

/** How text was read out of a media file: OCR of an image, a PDF's text layer, OCR of video frames. */
export const EXTRACTED_SOURCES = ['ocr', 'pdf-text', 'video-ocr'] as const;
export type ExtractedSource = (typeof EXTRACTED_SOURCES)[number];

/**
 * The media file a signal's text came from. Extracted text is not stored (it can be read again
 * from the file), so this is what ties a span back to the picture, document or video a reviewer
 * must open.
 */
export interface ExtractedFrom {
  source: ExtractedSource;
  /** Index into `Item.media`. */
  media: number;
  /** For `video-ocr`: seconds into the video of the frames whose text was read. */
  timestamps?: number[];
}

export interface Signal {
  provider: string;
  kind: SignalKind;
  score: number;
  category?: Category;
  org?: string;
  tactic?: Tactic;
  /** A short machine label of what matched (e.g. `org-name`, `media-outlet`). */
  label?: string;
  evidence: Evidence[];
  /** Version of the model, lexicon or bank that produced it. */
  version: string;
  /** Set when the signal is about text read out of a media file rather than the message text. */
  extractedFrom?: ExtractedFrom;
}
