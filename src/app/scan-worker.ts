import type { Bus, Consumer, Delivery } from '../bus/ports.js';
import { isAppError } from '../core/index.js';
import { afterScanBatch } from './after-scan-batch.js';
import type { AppContext } from './context.js';
import { scanCommitted } from './scan-committed.js';
import { type DecodedWorkItem, decodeWorkItem } from './work-item.js';

export interface ScanWorkerOptions {
  /** Deliveries scanned and committed together: one transaction per batch. */
  batchSize?: number;
  /** Back-pressure: unsettled deliveries this worker holds at most. */
  maxInFlight?: number;
  /** Batches scanned at once; see ConsumeOptions. */
  maxConcurrentBatches?: number;
  onError?: (error: Error) => void;
}

/**
 * A worker: takes items from the work queue, scans them, commits the batch, then acknowledges.
 * The acknowledgement comes after the commit, so a worker that dies in between leaves its
 * deliveries to come back, and the store's unique keys (and the `findAssessed` check) make the
 * second delivery change nothing: one assessment, at most one case and action per item version.
 * A payload that is not an item is poison and goes to the dead letters at once with the reason;
 * a batch whose commit fails is given back (nak) with the error, so a database outage retries
 * and a batch that always fails ends in the dead letters after the bus's maxDeliver.
 */
export function startScanWorker(ctx: AppContext, bus: Bus, options: ScanWorkerOptions = {}): Consumer {
  const follow = afterScanBatch(ctx);
  const { metrics } = ctx;
  return bus.consume(
    async (deliveries: readonly Delivery[]) => {
      const good: { delivery: Delivery; work: DecodedWorkItem }[] = [];
      for (const delivery of deliveries) {
        try {
          good.push({ delivery, work: decodeWorkItem(delivery.payload) });
        } catch (error) {
          metrics.deadLettered.inc();
          metrics.errors.inc({ code: isAppError(error) ? error.code : 'INTERNAL' });
          await delivery.term((error as Error).message);
        }
      }
      if (good.length === 0) return;
      await scanCommitted(
        ctx,
        good.map(({ delivery, work }) => ({
          item: work.item,
          record: delivery.id,
          ...(work.mediaRoot !== undefined && { mediaRoot: work.mediaRoot }),
        })),
        follow,
      );
      const committedAt = Date.now();
      // In parallel: each ack waits for the server's confirmation, one round trip apiece.
      await Promise.all(good.map(({ delivery }) => delivery.ack()));
      for (const { work } of good) metrics.latency.observe(Math.max(0, committedAt - work.publishedAt) / 1000);
    },
    {
      batchSize: options.batchSize ?? 64,
      maxInFlight: options.maxInFlight ?? 256,
      maxConcurrentBatches: options.maxConcurrentBatches ?? 1,
      onError: (error) => {
        metrics.errors.inc({ code: isAppError(error) ? error.code : 'BUS' });
        options.onError?.(error);
      },
    },
  );
}
