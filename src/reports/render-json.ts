import type { Report } from './report.js';

/**
 * JSON for machines and for diffs between two runs: keys are written in one fixed order whatever
 * order the Report object was assembled in, so the same figures always give the same bytes, and
 * `JSON.parse` of the output deep-equals the Report it came from.
 */

function ordered(report: Report): Report {
  const { period, totals } = report;
  return {
    period: { from: period.from, to: period.to, label: period.label },
    generatedAt: report.generatedAt,
    totals: {
      scanned: totals.scanned,
      violating: totals.violating,
      review: totals.review,
      clear: totals.clear,
      flagged: totals.flagged,
      flaggedRate: totals.flaggedRate,
    },
    byDay: report.byDay.map((d) => ({
      day: d.day,
      scanned: d.scanned,
      violating: d.violating,
      review: d.review,
      flagged: d.flagged,
    })),
    byCategory: report.byCategory.map((c) => ({
      category: c.category,
      title: c.title,
      kind: c.kind,
      violating: c.violating,
      review: c.review,
      flagged: c.flagged,
    })),
    byOrg: report.byOrg.map((o) => ({
      org: o.org,
      violating: o.violating,
      review: o.review,
      flagged: o.flagged,
      mentions: o.mentions,
    })),
    byChannel: report.byChannel.map((c) => ({
      chatId: c.chatId,
      // Left out rather than null when absent, so a parsed report equals the original.
      ...(c.title !== undefined && { title: c.title }),
      scanned: c.scanned,
      violating: c.violating,
      review: c.review,
      flagged: c.flagged,
      flaggedRate: c.flaggedRate,
    })),
  };
}

export function renderJson(report: Report): string {
  return `${JSON.stringify(ordered(report), null, 2)}\n`;
}
