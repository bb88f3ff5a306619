import { z } from 'zod';
import { REPORT_FORMATS } from '../../reports/index.js';

/**
 * Transparency reports for a quarter (`quarter=2024Q4`) or a range (`from=2024-10-01&to=2024-12-31`,
 * dates inclusive). `format=csv|html` returns the rendered file instead of JSON.
 */

export const reportQuerySchema = z
  .object({
    quarter: z.string().min(1).max(16).optional().describe('A quarter such as 2024Q4 or 2024-Q4.'),
    from: z.string().min(1).max(64).optional().describe('First day (YYYY-MM-DD) or an ISO date-time with a timezone.'),
    to: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .describe('Last day, inclusive (YYYY-MM-DD), or an exclusive ISO date-time.'),
    format: z.enum(REPORT_FORMATS).default('json'),
  })
  .strict();

const count = z.number().int().nonnegative();

export const reportSchema = z.object({
  period: z.object({ from: z.string(), to: z.string(), label: z.string() }),
  generatedAt: z.string(),
  totals: z.object({
    scanned: count,
    violating: count,
    review: count,
    clear: count,
    flagged: count,
    flaggedRate: z.number().min(0).max(1),
  }),
  byDay: z.array(z.object({ day: z.string(), scanned: count, violating: count, review: count, flagged: count })),
  byCategory: z.array(
    z.object({
      category: z.string(),
      title: z.string(),
      kind: z.enum(['violating', 'clear', 'unknown']),
      violating: count,
      review: count,
      flagged: count,
    }),
  ),
  byOrg: z.array(z.object({ org: z.string(), violating: count, review: count, flagged: count, mentions: count })),
  byChannel: z.array(
    z.object({
      chatId: z.string(),
      title: z.string().optional(),
      scanned: count,
      violating: count,
      review: count,
      flagged: count,
      flaggedRate: z.number().min(0).max(1),
    }),
  ),
});
