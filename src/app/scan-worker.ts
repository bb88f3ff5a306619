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

/** Batches whose acks may await the server's confirmation while the worker scans the next one. */
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
  const report = errorReporter(ctx, options.onError);
  const acks = backgroundAcks(report);
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
      await acks.send(good.map(({ delivery }) => delivery));
    },
    {
      batchSize: options.batchSize ?? 64,
      maxInFlight: options.maxInFlight ?? 256,
      maxConcurrentBatches: options.maxConcurrentBatches ?? 1,
      onError: report,
    },
  );
  return {
    get inFlight() {
      return consumer.inFlight;
    },
    async stop(mode) {
      await consumer.stop(mode);
      // After `finish` or `return` the acks already sent are confirmed (or have failed) before
      // the stop resolves, so nothing committed comes back after the ack wait; `abandon`
      // settles nothing, as a crash would.
      if (mode !== 'abandon') await acks.settled();
    },
  };
}

/** Counts an error by its code and passes it on; a throwing `onError` cannot crash the worker. */
function errorReporter(ctx: AppContext, onError: ((error: Error) => void) | undefined): (error: Error) => void {
  return (error) => {
    ctx.metrics.errors.inc({ code: isAppError(error) ? error.code : 'BUS' });
    try {
      onError?.(error);
    } catch (thrown) {
      ctx.log.scan.warn({ err: thrown }, "the worker's onError threw; the error it was given is counted");
    }
  };
}

/**
 * The acks of committed batches, sent in the background: the next batch is scanned while the
 * server confirms them (a round trip per batch off every worker's path). Each delivery is
 * settled at once, so the consumer loop neither naks it nor counts it as held; an ack that is
 * not confirmed only means a redelivery, which the store's unique keys make harmless, and each
 * one is counted. `send` waits while MAX_BATCHES_ACKING earlier batches are still unconfirmed:
 * a bus that stops confirming slows the worker down instead of piling up acks.
 */
function backgroundAcks(report: (error: Error) => void) {
  const pending = new Set<Promise<void>>();
  return {
    async send(deliveries: readonly Delivery[]): Promise<void> {
      const batch = Promise.allSettled(deliveries.map((d) => d.ack())).then((outcomes) => {
        for (const outcome of outcomes) if (outcome.status === 'rejected') report(outcome.reason as Error);
      });
      pending.add(batch);
      void batch.finally(() => pending.delete(batch));
      while (pending.size > MAX_BATCHES_ACKING) await Promise.race(pending);
    },
    settled: () => Promise.all(pending).then(() => undefined),
  };
}
