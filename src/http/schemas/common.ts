import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '../../core/index.js';

/**
 * Building blocks shared by every resource: page size and cursor, the page envelope, query
 * instants and the problem body every error is sent as.
 */

export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 50;

/** Query strings are text; `limit=20` is coerced, `limit=0` or `limit=501` is a 400 naming `/query/limit`. */
export const limitSchema = z.coerce
  .number()
  .int()
  .min(1)
  .max(MAX_PAGE_SIZE)
  .default(DEFAULT_PAGE_SIZE)
  .describe(`Rows per page, 1..${MAX_PAGE_SIZE}.`);

export const cursorSchema = z
  .string()
  .min(1)
  .max(1024)
  .optional()
  .describe('Opaque cursor from the `next` field of the previous page.');

/** A list page: `next` is absent on the last page. */
export function pageSchema<T extends z.ZodType>(row: T) {
  return z.object({
    rows: z.array(row),
    next: z.string().optional().describe('Pass as `cursor` to get the next page; absent on the last page.'),
  });
}

/** An instant in a query: a date (UTC midnight) or an ISO 8601 date-time with a timezone. */
export const instantSchema = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

export const ERROR_CODE_IDS = Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]];

/**
 * RFC 9457 problem details, sent as `application/problem+json`. `code` is the stable
 * `AppError` code; `pointer` names the input that was wrong (`/query/limit`, `/params/key`).
 */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int().min(400).max(599),
  code: z.union([z.enum(ERROR_CODE_IDS), z.literal('UNAUTHORIZED')]),
  detail: z.string(),
  pointer: z.string().optional(),
});
export type Problem = z.infer<typeof problemSchema>;
