import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_LEXICON_PATH, DEFAULT_MODEL_PATH, DEFAULT_POLICY_PATH } from '../config/index.js';
import { appError, Registry } from '../core/index.js';
import { TextModel } from '../detect/text/classifier/index.js';
import { compileLexicon, type Lexicon, loadLexicon } from '../detect/text/lexicon/index.js';
import { foldNormalized, normalize } from '../detect/text/normalize/index.js';
import {
  createScanner,
  loadPolicy,
  type NormalizedText,
  type Policy,
  type Scanner,
  type SignalProvider,
  testMarkerProvider,
} from '../scan/index.js';
import { classifierProvider } from '../scan/providers/classifier.js';
import { lexiconProvider } from '../scan/providers/lexicon.js';
import { linksProvider } from '../scan/providers/links.js';
import { tacticsProvider } from '../scan/providers/tactics.js';

/** The shipped text model: trained by `scripts/train-model.sh` from the training corpus. */
export const DEFAULT_MODEL_DIR = DEFAULT_MODEL_PATH;
export const MODEL_FILE = 'model.bin';
export const MODEL_VERSION = '2026.11.1';
/**
 * How the shipped model treats account-level weak labels: cross-fitted cleaning, chosen on dev
 * (docs/classifier.md: recall on row-labelled positives up, news false positives unchanged).
 */
export const DEFAULT_WEAK_LABELS = 'clean' as const;
/**
 * Bumped whenever normalisation changes what the classifier sees; models record it.
 * 2: leet read by dictionary and by loose shape outside Arabizi.
 */
export const NORMALIZER_VERSION = 'normalize@2';

export interface TextPathOptions {
  policyPath?: string;
  lexiconPath?: string;
  /** A model folder; `null` runs without a classifier (training uses only the normaliser). */
  modelPath?: string | null;
  policy?: Policy;
  extraProviders?: SignalProvider[];
}

/** Everything between a text and a verdict, with no storage: used by scans, `eval` and `train`. */
export interface TextPath {
  scanner: Scanner;
  providers: Registry<SignalProvider>;
  policy: Policy;
  lexicon: Lexicon;
  model?: TextModel;
  normalize: (text: string) => NormalizedText;
  /** The canonical text only, as the classifier sees it. */
  normalizeText: (text: string) => string;
  normalizerVersion: string;
}

export function loadTextModel(dir: string): TextModel {
  const file = join(dir, MODEL_FILE);
  if (!existsSync(file)) {
    throw appError(
      'CONFIG_INVALID',
      `no text model at ${file}; train one with \`rasd train --data F.jsonl --out ${dir}\``,
      'scan.modelPath',
    );
  }
  const model = TextModel.fromBytes(readFileSync(file));
  // Features only mean something behind the normaliser they were learnt behind: a model from an
  // older normaliser would score quietly worse, so it is refused with the way out.
  if (model.meta.normalizer !== NORMALIZER_VERSION) {
    throw appError(
      'CONFIG_INVALID',
      `the text model at ${file} was trained behind ${model.meta.normalizer}, this build normalises with ${NORMALIZER_VERSION}; retrain it with \`rasd train --data F.jsonl --out ${dir}\``,
      'scan.modelPath',
    );
  }
  return model;
}

export function createTextPath(options: TextPathOptions): TextPath {
  const policy = options.policy ?? loadPolicy(options.policyPath ?? DEFAULT_POLICY_PATH);
  // Terms are folded like messages are normalised, so a disguised name meets its canonical form.
  const lexicon = compileLexicon(loadLexicon(options.lexiconPath ?? DEFAULT_LEXICON_PATH), { fold: foldNormalized });
  const model = options.modelPath === null ? undefined : loadTextModel(options.modelPath ?? DEFAULT_MODEL_DIR);
  const providers: SignalProvider[] = [
    testMarkerProvider,
    lexiconProvider(lexicon),
    tacticsProvider(NORMALIZER_VERSION),
    linksProvider,
    ...(model ? [classifierProvider(model)] : []),
    ...(options.extraProviders ?? []),
  ];
  const registry = new Registry<SignalProvider>('signal providers', providers);
  const normalizeFull = (text: string): NormalizedText => normalize(text);
  return {
    scanner: createScanner({ providers: registry, policy, normalize: normalizeFull }),
    providers: registry,
    policy,
    lexicon,
    ...(model && { model }),
    normalize: normalizeFull,
    normalizeText: (text) => normalize(text, { tactics: false, arabizi: false }).text,
    normalizerVersion: NORMALIZER_VERSION,
  };
}
