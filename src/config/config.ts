import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { appError, invalidConfig } from '../core/index.js';
import type { Env } from './env.js';
import { networkSchema } from './network-config.js';
import { telegramSchema } from './telegram-config.js';

/**
 * Files that ship with Rasd (policy, lexicon, sample) are found relative to the package, not the
 * cwd. Walk up to package.json because the same code runs from `src/` (tests) and `dist/src/`.
 */
export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return `${start}/`;
    dir = parent;
  }
  return `${dir}/`;
}
export const DEFAULT_POLICY_PATH = `${PACKAGE_ROOT}data/policy/default.yaml`;
export const DEFAULT_LEXICON_PATH = `${PACKAGE_ROOT}data/lexicon/organisations.json`;
export const DEFAULT_MODEL_PATH = `${PACKAGE_ROOT}data/models/text`;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const pdqThresholds = {
  /** Largest PDQ Hamming distance that is a match (HMA, PDQ's README: 31). */
  pdqMaxDistance: z.coerce.number().int().min(0).max(128),
  /** Smallest PDQ quality of a scanned image worth matching (python-threatexchange: 50). */
  pdqMinQuality: z.coerce.number().int().min(0).max(100),
  /** Smallest audio match score (1 − aligned bit error rate); 0.8 sits between measured copies and strangers. */
  audioMinScore: z.coerce.number().min(0).max(1),
  /** Smallest TMK level-1 and level-2 scores of a match (Meta's validated 0.7). */
  tmkLevel1: z.coerce.number().min(-1).max(1),
  tmkLevel2: z.coerce.number().min(-1).max(1),
};

/** Media banks matched by the scan and the HMA routes; config-file keys only (no RASD_* variable). */
const mediaBanksSchema = z
  .object({
    /** Seconds between polls of the bank versions: an added or disabled entry takes effect within one. */
    refreshSeconds: z.coerce.number().min(0.05).max(3600).default(2),
    pdqMaxDistance: pdqThresholds.pdqMaxDistance.default(31),
    pdqMinQuality: pdqThresholds.pdqMinQuality.default(50),
    audioMinScore: pdqThresholds.audioMinScore.default(0.8),
    tmkLevel1: pdqThresholds.tmkLevel1.default(0.7),
    tmkLevel2: pdqThresholds.tmkLevel2.default(0.7),
    /** Per-bank thresholds, e.g. `{ PARTNER_PDQ: { pdqMaxDistance: 20 } }`. */
    banks: z.record(z.string().regex(/^[A-Z0-9_]+$/), z.object(pdqThresholds).partial().strict()).default({}),
    /** Media files above this are refused before reading (Telegram's own cap is 2 GB, 4 GB premium). */
    maxFileBytes: z.coerce
      .number()
      .int()
      .positive()
      .default(4 * 1024 ** 3),
  })
  .prefault({});

/**
 * Text inside media read by the scan (OCR, PDF text, OCR of video key frames) and put through
 * the text providers; config-file keys only. Every file is untrusted: each has a byte cap and a
 * time limit, and an item's files share one time budget.
 */
const mediaTextSchema = z
  .object({
    /** OCR of photos and image documents. */
    ocr: z.boolean().default(true),
    /** The text layer of PDF documents (pdftotext). */
    pdf: z.boolean().default(true),
    /** Key frames OCR'd per video, spread over its length; 0 reads no video. */
    videoFrames: z.coerce.number().int().min(0).max(30).default(3),
    /** Tesseract traineddata names, most likely script first (it decides line direction). */
    languages: z
      .array(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{1,31}$/))
      .min(1)
      .default(['ara', 'eng']),
    /** Wall clock for one file: an image's OCR, a PDF's text, or a video's frames and their OCR. */
    timeoutSeconds: z.coerce.number().positive().max(600).default(30),
    /** Files read per item (a Telegram album holds up to 10); the rest are reported unread. */
    maxFilesPerItem: z.coerce.number().int().min(1).max(100).default(10),
    /** Wall clock for all the files of one item together. */
    maxSecondsPerItem: z.coerce.number().positive().max(3600).default(60),
    maxImageBytes: z.coerce
      .number()
      .int()
      .positive()
      .default(20 * 1024 * 1024),
    maxPdfBytes: z.coerce
      .number()
      .int()
      .positive()
      .default(100 * 1024 * 1024),
    maxVideoBytes: z.coerce
      .number()
      .int()
      .positive()
      .default(2 * 1024 ** 3),
    /** PDF pages read from the start. */
    maxPdfPages: z.coerce.number().int().positive().default(50),
    /** UTF-8 bytes of text kept from one file, which the text providers then read. */
    maxTextBytes: z.coerce
      .number()
      .int()
      .positive()
      .default(1024 * 1024),
  })
  .prefault({});

/** The HMA-compatible routes (`/h`, `/m`, `/c`); off until roles are listed. */
const hmaSchema = z
  .object({
    /** Which of HMA's roles this server plays: hasher (/h), matcher (/m), curator (/c). */
    roles: z.array(z.enum(['hasher', 'matcher', 'curator'])).default([]),
    /** Hosts whose URLs may be fetched and hashed (`example.org` also allows its subdomains); empty = never fetch. */
    fetchHosts: z.array(z.string().min(1)).default([]),
    /** Largest uploaded or fetched file. */
    maxMediaBytes: z.coerce
      .number()
      .int()
      .positive()
      .default(32 * 1024 * 1024),
    fetchTimeoutSeconds: z.coerce.number().positive().max(600).default(30),
  })
  .prefault({});

/** Preserved evidence of removed items; config-file key only. */
const evidenceSchema = z
  .object({
    /** Days a removed item's evidence is kept; 183 covers the six months of TCO art. 6(2) however they fall. */
    retentionDays: z.coerce.number().int().min(1).max(36_500).default(183),
  })
  .prefault({});

/** The review room: how long a claim holds, and how much graphic material one reviewer is shown. */
const reviewSchema = z
  .object({
    /**
     * Graphic cases one reviewer is served per UTC day (`review/cases/wellbeing.ts`); 0 serves
     * none. Capped at 500: past that the cap no longer limits a working day's exposure.
     */
    graphicDailyCap: z.coerce.number().int().min(0).max(500).default(20),
    /** Minutes a claim locks a case; a day at most, so an abandoned claim cannot hide a case for long. */
    claimMinutes: z.coerce.number().int().min(1).max(1440).default(15),
  })
  .prefault({});

/**
 * Where the outbox delivers (`actions/outbox-runner.ts`): one target per destination — a
 * platform's name for its referral batches, `decisions` for reviewers' decisions. Config-file
 * keys only. The HMAC secret is read from `secretFile` at start, never written in the config
 * (config files get shared and committed; the settings audit records this file's values).
 */
const outboxTargetSchema = z
  .object({
    url: z.url({ protocol: /^https?$/ }),
    secretFile: z.string().min(1),
    timeoutMs: z.coerce.number().int().min(100).max(120_000).optional(),
  })
  .strict();
const outboxSchema = z
  .object({
    targets: z.record(z.string().regex(/^[a-z0-9-]{1,32}$/), outboxTargetSchema).default({}),
    /** Seconds between delivery rounds while `rasd serve` or `rasd outbox run` is up. */
    intervalSeconds: z.coerce.number().min(1).max(3600).default(10),
    maxAttempts: z.coerce.number().int().min(1).max(100).default(8),
  })
  .prefault({});

/**
 * The operator's side of a DSA statement of reasons (`actions/dsa-policy.ts`): which law or
 * terms a removal rests on, where, and who asked. Config-file keys only. Values are checked
 * against the Transparency Database's lists when a statement is built, not here, so a wrong
 * DSA setting refuses statements and leaves the rest of Rasd running.
 */
const dsaSchema = z
  .object({
    /** `incompatible`: the service's terms; `illegal`: a law, named in `legalGround`. */
    ground: z.enum(['illegal', 'incompatible']).default('incompatible'),
    sourceType: z.string().min(1).default('SOURCE_VOLUNTARY'),
    sourceIdentity: z.string().trim().min(1).max(500).optional(),
    /** ISO 3166 codes of EU/EEA states; `EEA` stands for all thirty. */
    territorialScope: z
      .array(z.string().regex(/^[A-Z]{2}$|^EEA$/))
      .min(1)
      .default(['EEA']),
    referenceUrl: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .optional(),
    legalGround: z.string().trim().min(1).max(500).optional(),
    tosGround: z.string().trim().min(1).max(500).default('Terms of service: violent extremist and terrorist content'),
    explanation: z
      .string()
      .trim()
      .min(1)
      .max(2000)
      .default(
        'A reviewer found that the content promotes or supports a terrorist or violent extremist organisation or its acts, which the service does not allow.',
      ),
    /** Whether an `incompatible` removal is also stated to be illegal; a reviewer judges policy, not law. */
    alsoIllegal: z.boolean().default(false),
  })
  .strict()
  .prefault({});

export const configSchema = z
  .object({
    db: z
      .object({
        /** A SQLite file path (or `sqlite:PATH`), or a `postgres://` URL for the scaled preset. */
        url: z.string().min(1).default('./rasd.db'),
      })
      .prefault({}),
    bus: z
      .object({
        /** `memory` for the embedded preset, or a `nats://` URL (several: comma-separated). */
        url: z.string().min(1).default('memory'),
        /** Subject prefix on NATS (`<prefix>.items`, `<prefix>.dead`): deployments sharing a server differ here. */
        prefix: z
          .string()
          .regex(/^[A-Za-z0-9_-]{1,32}$/)
          .default('rasd'),
        /** A delivery not acknowledged within this time is given to another worker (its worker is taken for dead). */
        ackWaitSeconds: z.coerce.number().min(1).max(3600).default(30),
        /** Deliveries before an item that keeps failing goes to the dead letters with its last error. */
        maxDeliver: z.coerce.number().int().min(1).max(100).default(5),
      })
      .prefault({}),
    http: z
      .object({
        host: z.string().min(1).default('127.0.0.1'),
        port: z.coerce.number().int().min(0).max(65535).default(8080),
        /** Upper bound on a request body: the API takes ids and filters, not uploads. */
        bodyLimitBytes: z.coerce.number().int().positive().default(1_048_576),
      })
      .prefault({}),
    scan: z
      .object({
        policyPath: z.string().min(1).default(DEFAULT_POLICY_PATH),
        lexiconPath: z.string().min(1).default(DEFAULT_LEXICON_PATH),
        /** Folder of the text classifier (`model.bin`); the shipped model by default. */
        modelPath: z.string().min(1).default(DEFAULT_MODEL_PATH),
        /** Items written per transaction: large enough to amortise, small enough to lose little. */
        batchSize: z.coerce.number().int().min(1).max(100_000).default(2000),
        /** One message record in an export; Telegram caps text at 4096 chars, so 16 MiB is generous. */
        maxRecordBytes: z.coerce
          .number()
          .int()
          .min(1024)
          .default(16 * 1024 * 1024),
      })
      .prefault({}),
    log: z.object({ level: z.enum(LOG_LEVELS).default('info') }).prefault({}),
    mediaBanks: mediaBanksSchema,
    mediaText: mediaTextSchema,
    hma: hmaSchema,
    evidence: evidenceSchema,
    review: reviewSchema,
    outbox: outboxSchema,
    dsa: dsaSchema,
    network: networkSchema,
    telegram: telegramSchema,
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;

/**
 * Reads the config once: defaults, then the file named by `RASD_CONFIG` (YAML or JSON), then
 * `RASD_*` variables, then explicit overrides (CLI flags). Later sources win.
 */
export function loadConfig(env: Env, overrides: ConfigInput = {}): Config {
  const fromFile = env.RASD_CONFIG ? readConfigFile(env.RASD_CONFIG) : {};
  const fromEnv: ConfigInput = {
    db: pick({ url: env.RASD_DATABASE_URL }),
    bus: pick({ url: env.RASD_BUS_URL }),
    http: pick({ host: env.RASD_HTTP_HOST, port: env.RASD_HTTP_PORT }),
    scan: pick({
      policyPath: env.RASD_POLICY,
      lexiconPath: env.RASD_LEXICON,
      modelPath: env.RASD_MODEL,
      batchSize: env.RASD_BATCH_SIZE,
      maxRecordBytes: env.RASD_MAX_RECORD_BYTES,
    }),
    log: pick({ level: env.RASD_LOG_LEVEL }) as ConfigInput['log'],
    review: pick({ graphicDailyCap: env.RASD_REVIEW_GRAPHIC_DAILY_CAP, claimMinutes: env.RASD_REVIEW_CLAIM_MINUTES }),
    telegram: telegramFromEnv(env),
  };
  const merged = mergeDeep(mergeDeep(fromFile, fromEnv), overrides);
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidConfig(issue?.path.join('.') || '(root)', issue?.message ?? 'invalid');
  }
  return parsed.data;
}

function readConfigFile(path: string): ConfigInput {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw appError('CONFIG_INVALID', `cannot read config file ${path}: ${(cause as Error).message}`, path);
  }
  try {
    const value: unknown = parseYaml(text);
    return (value ?? {}) as ConfigInput;
  } catch (cause) {
    throw appError('CONFIG_INVALID', `config file ${path} is not YAML/JSON: ${(cause as Error).message}`, path);
  }
}

function telegramFromEnv(env: Env): ConfigInput['telegram'] {
  const telegram: Record<string, unknown> = pick({ sessionFile: env.RASD_TELEGRAM_SESSION_FILE });
  if (env.RASD_TELEGRAM_DRY_RUN !== undefined) telegram.dryRun = /^(1|true|yes|on)$/i.test(env.RASD_TELEGRAM_DRY_RUN);
  if (env.RASD_TELEGRAM_BOT_API_ROOT !== undefined) telegram.bot = { apiRoot: env.RASD_TELEGRAM_BOT_API_ROOT };
  return telegram as ConfigInput['telegram'];
}

function pick<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function mergeDeep(a: object, b: object): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
  for (const [key, value] of Object.entries(b)) {
    const prior = out[key];
    out[key] = isPlainObject(prior) && isPlainObject(value) ? mergeDeep(prior, value) : value;
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
