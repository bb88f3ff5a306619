import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../../../core/index.js';

/**
 * The organisations lexicon file (`data/lexicon/organisations.json`): designated
 * organisations, the lists that designate them, and the names, aliases and media-outlet
 * names to look for. `data/lexicon/README.md` describes the format for editors.
 */

export const TERM_KINDS = ['name', 'alias', 'abbreviation', 'former-name', 'media-outlet'] as const;
/** What a term is to its organisation. */
export type TermKind = (typeof TERM_KINDS)[number];

export const IDEOLOGIES = ['jihadist', 'far-right', 'left-wing', 'ethno-nationalist', 'other'] as const;
export type Ideology = (typeof IDEOLOGIES)[number];

export const SOURCE_KINDS = ['sanctions-list', 'proscription-list', 'designation-list', 'ban-order', 'other'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters and digits joined by single hyphens');
/** A BCP 47 primary language subtag, optionally with a region or script (`ar`, `pt-BR`, `sr-Latn`). */
const lang = z
  .string()
  .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as "ar" or "en"');
const nonBlank = z
  .string()
  .refine((s) => s.trim().length > 0, 'must not be empty')
  .refine((s) => s === s.trim(), 'must not start or end with whitespace');
/** Term text must contain at least one letter or digit, else it can never match a word. */
const termText = nonBlank.refine((s) => /[\p{L}\p{N}]/u.test(s), 'must contain a letter or digit');

export const lexiconSourceSchema = z
  .object({
    id: slug,
    title: nonBlank,
    url: z.url(),
    kind: z.enum(SOURCE_KINDS),
  })
  .strict();
export type LexiconSource = z.infer<typeof lexiconSourceSchema>;

export const designationSchema = z
  .object({
    /** A `sources[].id`. */
    source: slug,
    /** The list's own reference (e.g. UN permanent reference `QDe.115`); only when verified. */
    ref: nonBlank.optional(),
    /** `delisted`: kept for history; the organisation is no longer on that list. */
    status: z.enum(['listed', 'delisted']).optional(),
    note: nonBlank.optional(),
  })
  .strict();
export type Designation = z.infer<typeof designationSchema>;

export const lexiconTermSchema = z
  .object({
    text: termText,
    lang,
    kind: z.enum(TERM_KINDS),
    /** Match only with the same upper/lower case letters as `text` (e.g. `The Base`, `LeT`). */
    caseSensitive: z.boolean().optional(),
    /** Single words that, directly after the term, cancel the match (`National Action` + `plan`). */
    notFollowedBy: z.array(termText).min(1).optional(),
    note: nonBlank.optional(),
  })
  .strict();
export type LexiconTerm = z.infer<typeof lexiconTermSchema>;

/** A form that was considered and deliberately left out, with the reason. Never matched. */
export const excludedTermSchema = z.object({ text: termText, lang, reason: nonBlank }).strict();
export type ExcludedTerm = z.infer<typeof excludedTermSchema>;

/** Why an organisation has no term in a language that every organisation is expected to have. */
export const languageGapSchema = z.object({ lang, reason: nonBlank }).strict();
export type LanguageGap = z.infer<typeof languageGapSchema>;

export const lexiconOrganisationSchema = z
  .object({
    id: slug,
    name: z.object({ en: nonBlank }).catchall(nonBlank),
    ideology: z.enum(IDEOLOGIES),
    note: nonBlank.optional(),
    designations: z.array(designationSchema).min(1),
    terms: z.array(lexiconTermSchema).min(1),
    excluded: z.array(excludedTermSchema).optional(),
    languageGaps: z.array(languageGapSchema).optional(),
  })
  .strict();
export type LexiconOrganisation = z.infer<typeof lexiconOrganisationSchema>;

export const lexiconFileSchema = z
  .object({
    /** Calendar version: `YYYY.M.N`, N counting releases within the month. */
    version: z.string().regex(/^\d{4}\.(?:[1-9]|1[0-2])\.\d+$/, 'must look like 2026.11.1'),
    updated: z.iso.date(),
    sources: z.array(lexiconSourceSchema).min(1),
    organisations: z.array(lexiconOrganisationSchema).min(1),
  })
  .strict()
  .superRefine((file, ctx) => {
    const sourceIds = new Set<string>();
    file.sources.forEach((source, i) => {
      if (sourceIds.has(source.id)) {
        ctx.addIssue({ code: 'custom', message: `duplicate source id "${source.id}"`, path: ['sources', i, 'id'] });
      }
      sourceIds.add(source.id);
    });
    const orgIds = new Set<string>();
    file.organisations.forEach((org, i) => {
      if (orgIds.has(org.id)) {
        ctx.addIssue({
          code: 'custom',
          message: `duplicate organisation id "${org.id}"`,
          path: ['organisations', i, 'id'],
        });
      }
      orgIds.add(org.id);
      org.designations.forEach((d, j) => {
        if (!sourceIds.has(d.source)) {
          ctx.addIssue({
            code: 'custom',
            message: `unknown source "${d.source}"; add it to "sources" first`,
            path: ['organisations', i, 'designations', j, 'source'],
          });
        }
      });
      const texts = new Set<string>();
      org.terms.forEach((t, j) => {
        const key = `${t.lang}\u0000${t.text}`;
        if (texts.has(key)) {
          ctx.addIssue({
            code: 'custom',
            message: `duplicate term "${t.text}"`,
            path: ['organisations', i, 'terms', j, 'text'],
          });
        }
        texts.add(key);
      });
      (org.excluded ?? []).forEach((x, j) => {
        if (org.terms.some((t) => t.text === x.text && t.lang === x.lang)) {
          ctx.addIssue({
            code: 'custom',
            message: `"${x.text}" is both a term and excluded`,
            path: ['organisations', i, 'excluded', j, 'text'],
          });
        }
      });
    });
  });
export type LexiconFile = z.infer<typeof lexiconFileSchema>;

/** RFC 6901 JSON Pointer for a zod issue path (`["organisations", 3, "id"]` → `/organisations/3/id`). */
export function jsonPointer(path: readonly PropertyKey[]): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function invalid(detail: string, pointer: string, cause?: unknown): AppError {
  return new AppError('LEXICON_INVALID', { detail, pointer, ...(cause !== undefined && { cause }) });
}

/**
 * Validates an already-parsed lexicon value. Throws `LEXICON_INVALID` whose `pointer` is the
 * JSON Pointer of the first problem; `origin` (a file name) only prefixes the message.
 */
export function parseLexicon(value: unknown, origin = 'lexicon'): LexiconFile {
  const parsed = lexiconFileSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const pointer = jsonPointer(issue?.path ?? []);
  throw invalid(`${origin}: ${pointer || '(root)'}: ${issue?.message ?? 'invalid'}`, pointer || '/', parsed.error);
}

/** Reads and validates a lexicon JSON file. The only I/O in this module. Throws `LEXICON_INVALID`. */
export function loadLexicon(path: string): LexiconFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw invalid(`cannot read ${path}: ${(cause as Error).message}`, path, cause);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw invalid(`${path} is not valid JSON: ${(cause as Error).message}`, path, cause);
  }
  return parseLexicon(value, path);
}
