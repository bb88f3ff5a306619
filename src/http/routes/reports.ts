import { AppError, isAppError } from '../../core/index.js';
import {
  buildReport,
  type PeriodInput,
  parsePeriod,
  REPORT_RENDERERS,
  type ReportPeriod,
} from '../../reports/index.js';
import { defineRoute, RawBody } from '../route.js';
import { reportQuerySchema, reportSchema } from '../schemas/index.js';
import { HTML_CSP } from '../security-headers.js';

/** `GET /v1/reports`: the transparency report of a quarter or a date range, as JSON, CSV or HTML. */

/** Which query parameter a period error is about: reports names it in the error's pointer. */
function periodPointer(input: PeriodInput, pointer: string | undefined): string {
  if (pointer) return `/query/${pointer}`;
  if (input.quarter !== undefined) return '/query/quarter';
  return input.from === undefined && input.to === undefined ? '/query' : '/query/from';
}

function periodOf(input: PeriodInput): ReportPeriod {
  try {
    return parsePeriod(input);
  } catch (error) {
    if (!isAppError(error) || error.code !== 'REPORT_RANGE_INVALID') throw error;
    throw new AppError('REPORT_RANGE_INVALID', {
      ...(error.detail !== undefined && { detail: error.detail }),
      pointer: periodPointer(input, error.pointer),
      cause: error,
    });
  }
}

export const reportRoute = defineRoute({
  method: 'GET',
  url: '/v1/reports',
  summary: 'Build a transparency report',
  description:
    'Give `quarter=2024Q4`, or `from` and `to` (dates inclusive, e.g. from=2024-10-01&to=2024-12-31). ' +
    '`format=csv` and `format=html` return the rendered file; the HTML page is self-contained.',
  tags: ['reports'],
  query: reportQuerySchema,
  response: reportSchema,
  produces: [REPORT_RENDERERS.json.mediaType, REPORT_RENDERERS.csv.mediaType, REPORT_RENDERERS.html.mediaType],
  handle: async ({ ctx, query }) => {
    const { format, ...input } = query;
    const period = periodOf(input);
    const report = await buildReport({ store: ctx.store, period, generatedAt: new Date() });
    const renderer = REPORT_RENDERERS[format];
    const headers: Record<string, string> =
      format === 'html'
        ? { 'content-security-policy': HTML_CSP }
        : format === 'csv'
          ? { 'content-disposition': `attachment; filename="rasd-report-${period.from.slice(0, 10)}.csv"` }
          : {};
    return new RawBody(renderer.render(report), renderer.mediaType, headers);
  },
});
