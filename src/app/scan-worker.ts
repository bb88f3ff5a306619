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

/** Batches whose acks may await the server's confirmation while the worker goes on. */
const MAX_BATCHES_ACKING = 4;

/**
 * A worker: takes items from the work queue, scans them, commits the batch, then acknowledges.
 * The acknowledgement comes after the commit, so a worker that dies in between leaves its
 * deliveries to come back, and the store's unique keys (and the `findAssessed` check) make the
 * second delivery change nothing: one assessment, at most one case and action per item version.
 * The worker does not wait for the server to confirm those acks before its next batch (see below).
 * A payload that is not an item is poison and goes to the dead letters at once with the reason;
 * a batch whose commit fails is given back (nak) with the error, so a database outage retries
 * and a batch that always fails ends in the dead letters after the bus's maxDeliver.
 */
export function startScanWorker(ctx: AppContext, bus: Bus, options: ScanWorkerOptions = {}): Consumer {
  const follow = afterScanBatch(ctx);
  const { metrics } = ctx;
  const acking = new Set<Promise<void>>();
  const consumer = bus.consume(
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
      for (const { work } of good) metrics.latency.observe(Math.max(0, committedAt - work.publishedAt) / 1000);
      // The acks go out in the background: the next batch is scanned while the server confirms
      // them (a round trip per batch off every worker's path). Each delivery is settled at once,
      // so the loop neither naks it nor counts it as held; an ack that is not confirmed only
      // means a redelivery, which the store's unique keys make harmless.
      const acks = Promise.all(good.map(({ delivery }) => delivery.ack())).then(
        () => undefined,
        (error: unknown) => reportError(error as Error),
      );
      acking.add(acks);
      void acks.finally(() => acking.delete(acks));
      // Back-pressure: a bus that stops confirming slows the worker down instead of piling up acks.
      while (acking.size > MAX_BATCHES_ACKING) await Promise.race(acking);
    },
    {
      batchSize: options.batchSize ?? 64,
      maxInFlight: options.maxInFlight ?? 256,
      maxConcurrentBatches: options.maxConcurrentBatches ?? 1,
      onError: reportError,
    },
  );
  function reportError(error: Error): void {
    metrics.errors.inc({ code: isAppError(error) ? error.code : 'BUS' });
    options.onError?.(error);
  }
  return {
    get inFlight() {
      return consumer.inFlight;
    },
    async stop(mode) {
      await consumer.stop(mode);
      // After `finish` or `return` the acks already sent are confirmed before the stop resolves,
      // so nothing committed comes back after the ack wait; `abandon` settles nothing, as a crash.
      if (mode !== 'abandon') await Promise.all(acking);
    },
  };
}
