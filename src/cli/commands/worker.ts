import type { Command } from 'commander';
import { createContext, startScanWorker } from '../../app/index.js';
import { startProbeServer } from '../../http/probe-server.js';
import { type CommonOptions, configOverrides, parsePort, parsePositive } from '../options.js';
import { waitForShutdown } from '../shutdown.js';

interface WorkerOptions extends CommonOptions {
  batchSize: number;
  maxInFlight: number;
  concurrentBatches: number;
  port?: number;
  host?: string;
}

/**
 * `rasd worker`: scans items from the work queue (RASD_BUS_URL) into the store
 * (RASD_DATABASE_URL) until SIGTERM, then finishes what it holds and leaves. Start as many as
 * the machines have cores; they share the queue.
 */
export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('scan items from the work queue (RASD_BUS_URL) until stopped; run one per core')
    .option('--batch-size <n>', 'items scanned and committed together', parsePositive, 64)
    .option('--max-in-flight <n>', 'deliveries held at most (back-pressure)', parsePositive, 256)
    .option(
      '--concurrent-batches <n>',
      'batches scanned at once (1: the next batch grows while one runs)',
      parsePositive,
      1,
    )
    .option('--port <n>', 'serve /metrics, /ready and /health on this port (0: any free one)', parsePort)
    .option('--host <host>', 'address for --port (default 127.0.0.1)')
    .option('--db <path>', 'database (default ./rasd.db or RASD_DATABASE_URL)')
    .action(async (options: WorkerOptions) => {
      await using ctx = await createContext(configOverrides(options), { providerTiming: true });
      if (ctx.config.bus.url === 'memory') {
        throw new Error('rasd worker takes items from a shared queue: set RASD_BUS_URL=nats://… (or use rasd scan)');
      }
      const consumer = startScanWorker(ctx, ctx.bus, {
        batchSize: options.batchSize,
        maxInFlight: Math.max(options.maxInFlight, options.batchSize),
        maxConcurrentBatches: options.concurrentBatches,
        onError: (error) => ctx.log.scan.error({ err: error }, 'worker: the queue failed; retrying'),
      });
      const probes =
        options.port === undefined
          ? undefined
          : await startProbeServer(ctx, {
              port: options.port,
              ...(options.host !== undefined && { host: options.host }),
            });
      process.stderr.write(
        `rasd: worker taking items from ${ctx.config.bus.url}${probes ? ` (metrics at ${probes.url}/metrics)` : ''}\n`,
      );
      await waitForShutdown();
      // Graceful: finish the batch in hand (commit, ack), give back the rest at once.
      await consumer.stop('finish');
      await probes?.close();
    });
}
