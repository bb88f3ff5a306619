import Table from 'cli-table3';
import type { ScanSourcesResult } from '../scan/index.js';

export interface ScanSummaryJson {
  runId: string;
  items: number;
  unchanged: number;
  violating: number;
  review: number;
  clear: number;
  channelEvents: number;
  byCategory: Record<string, number>;
  byOrg: Record<string, number>;
  errors: { record: string; code: string; message: string }[];
}

/** The `--json` contract of `rasd scan`: one object, stable field names. */
export function scanSummaryJson(result: ScanSourcesResult & { runId: string }): ScanSummaryJson {
  const s = result.summary;
  return {
    runId: result.runId,
    items: s.items,
    unchanged: s.unchanged,
    violating: s.violating,
    review: s.review,
    clear: s.clear,
    channelEvents: s.channelEvents,
    byCategory: s.byCategory,
    byOrg: s.byOrg,
    errors: s.errors.map(({ record, code, message }) => ({ record, code, message })),
  };
}

const MAX_ERRORS_SHOWN = 20;

/** Colour only for a person at a terminal; piped output stays plain text. */
function tableStyle(out: NodeJS.WritableStream): { style?: { head: string[]; border: string[] } } {
  return (out as NodeJS.WriteStream).isTTY ? {} : { style: { head: [], border: [] } };
}

export function printSummaryTable(result: ScanSourcesResult & { runId: string }, out = process.stdout): void {
  const s = result.summary;
  const totals = new Table({
    head: ['items', 'violating', 'review', 'clear', 'unchanged', 'errors'],
    ...tableStyle(out),
  });
  totals.push([s.items, s.violating, s.review, s.clear, s.unchanged, s.errors.length]);
  out.write(`scan ${result.runId}\n${totals.toString()}\n`);
  const flagged = new Table({ head: ['flagged by', 'name', 'items'], ...tableStyle(out) });
  for (const [category, n] of Object.entries(s.byCategory)) flagged.push(['category', category, n]);
  for (const [org, n] of Object.entries(s.byOrg)) flagged.push(['organisation', org, n]);
  if (flagged.length > 0) out.write(`${flagged.toString()}\n`);
  if (s.errors.length > 0) {
    const errors = new Table({
      head: ['record', 'code', 'message'],
      colWidths: [40, 24, 70],
      wordWrap: true,
      ...tableStyle(out),
    });
    for (const e of s.errors.slice(0, MAX_ERRORS_SHOWN)) errors.push([e.record, e.code, e.message]);
    out.write(`${errors.toString()}\n`);
    if (s.errors.length > MAX_ERRORS_SHOWN) {
      out.write(`… and ${s.errors.length - MAX_ERRORS_SHOWN} more errors (use --json for all)\n`);
    }
  }
}
