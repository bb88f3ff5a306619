import { enrolBatch } from '../review/cases/index.js';
import type { AfterSaveContext } from '../scan/index.js';
import type { ScanBatch } from '../storage/ports.js';
import type { AppContext } from './context.js';
import { previewBatch } from './media-previews.js';

/**
 * What follows a stored scan batch, the same for `rasd scan`, the demo and the workers: its
 * items join the channel network, its review cases join the queues and their pictures get
 * reviewer previews. Preview problems are
 * logged with the item key and the reason (never content) and do not stop the scan.
 */
export function afterScanBatch(ctx: AppContext): (batch: ScanBatch, context: AfterSaveContext) => Promise<void> {
  return async (batch, context) => {
    if (ctx.config.network.live) ctx.network.observe(batch.items, batch.assessments);
    await enrolBatch(ctx.store, batch);
    const { problems } = await previewBatch(ctx.store, batch, context);
    for (const problem of problems) ctx.log.scan.warn(problem, 'media preview skipped');
  };
}
