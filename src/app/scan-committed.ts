import { type ScanItemsResult, scanItems } from '../scan/index.js';
import { afterScanBatch } from './after-scan-batch.js';
import type { AppContext } from './context.js';

type Inputs = Parameters<typeof scanItems>[0];

/**
 * Scans items and commits them in one transaction, with what follows a stored batch, then counts
 * the outcome in the metrics and logs provider failures (ids and codes only). The one path from
 * an item in hand to a committed assessment, for the queue's workers and the live intake alike.
 */
export async function scanCommitted(
  ctx: AppContext,
  inputs: Inputs,
  afterSave = afterScanBatch(ctx),
): Promise<ScanItemsResult> {
  const result = await scanItems(inputs, { scanner: ctx.scanner, store: ctx.store, afterSave });
  const { metrics } = ctx;
  const { summary } = result;
  metrics.itemsScanned.inc({ verdict: 'violating' }, summary.violating);
  metrics.itemsScanned.inc({ verdict: 'review' }, summary.review);
  metrics.itemsScanned.inc({ verdict: 'clear' }, summary.clear);
  metrics.duplicates.inc(summary.unchanged);
  for (const error of result.errors) {
    metrics.errors.inc({ code: error.code });
    ctx.log.scan.warn({ record: error.record, code: error.code }, 'provider failed on an item');
  }
  return result;
}
