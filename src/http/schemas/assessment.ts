import { z } from 'zod';
import {
  ACTION_KINDS,
  CATEGORY_IDS,
  EXTRACTED_SOURCES,
  SEVERITIES,
  SIGNAL_KINDS,
  TACTIC_IDS,
  VERDICTS,
} from '../../core/index.js';

/** What Rasd concluded about one item version, with every signal and its evidence. */

export const verdictSchema = z.enum(VERDICTS);
export const categorySchema = z.enum(CATEGORY_IDS);

export const evidenceSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('span'),
    start: z.number().int(),
    end: z.number().int(),
    term: z.string().optional(),
    in: z.literal('extracted').optional().describe('Offsets into text extracted from media, not the message.'),
  }),
  z.object({
    type: z.literal('entry'),
    entry: z.string(),
    distance: z.number().optional(),
    source: z.string().optional(),
  }),
  z.object({ type: z.literal('feature'), name: z.string(), weight: z.number() }),
]);

export const signalSchema = z.object({
  provider: z.string(),
  kind: z.enum(SIGNAL_KINDS),
  score: z.number().min(0).max(1),
  category: categorySchema.optional(),
  org: z.string().optional(),
  tactic: z.enum(TACTIC_IDS).optional(),
  label: z.string().optional(),
  evidence: z.array(evidenceSchema),
  version: z.string(),
  extractedFrom: z
    .object({
      source: z.enum(EXTRACTED_SOURCES),
      media: z.number().int().nonnegative(),
      timestamps: z.array(z.number()).optional(),
    })
    .optional()
    .describe('The media file whose extracted text (OCR, PDF text) the signal is about.'),
});

export const assessmentSchema = z.object({
  itemKey: z.string(),
  verdict: verdictSchema,
  categories: z.array(categorySchema),
  severity: z.enum(SEVERITIES),
  confidence: z.number().min(0).max(1),
  tactics: z.array(z.enum(TACTIC_IDS)),
  orgs: z.array(z.string()),
  signals: z.array(signalSchema),
  rules: z.array(z.string()),
  policyVersion: z.string(),
  requestedActions: z.array(z.enum(ACTION_KINDS)),
  needsReview: z.boolean(),
  scannedAt: z.string(),
  latencyMs: z.number().nonnegative(),
});

/** Item keys contain slashes: clients send them as one segment, `encodeURIComponent(key)`. */
export const itemKeyParamsSchema = z.object({
  key: z
    .string()
    .min(1)
    .max(1024)
    .describe('Item key `platform/chatId/messageId/version`, URL-encoded as one path segment.'),
});
