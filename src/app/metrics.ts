import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * What an operator graphs and alerts on, in Prometheus's text format at `GET /metrics`: items
 * in, items scanned by verdict, the time from publish to committed assessment, queue depth,
 * time per signal provider, errors by code. One registry per context (not prom-client's global
 * one), so tests and several contexts in one process never mix their counts.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly itemsIn = new Counter({
    name: 'rasd_items_in_total',
    help: 'Items accepted for scanning (published to the bus or read by a scan)',
    registers: [this.registry],
  });
  readonly itemsScanned = new Counter({
    name: 'rasd_items_scanned_total',
    help: 'Item versions processed and committed, by verdict (re-deliveries of assessed versions included, see rasd_items_duplicate_total)',
    labelNames: ['verdict'] as const,
    registers: [this.registry],
  });
  readonly duplicates = new Counter({
    name: 'rasd_items_duplicate_total',
    help: 'Deliveries of item versions already assessed (redeliveries, re-imports): acknowledged, not rescanned',
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: 'rasd_item_latency_seconds',
    help: 'From publish to committed assessment',
    // From a millisecond to a minute: p99 ≤ 100 ms is the aim, minutes mean a backlog.
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
  readonly providerSeconds = new Counter({
    name: 'rasd_provider_seconds_total',
    help: 'Time spent in each signal provider',
    labelNames: ['provider'] as const,
    registers: [this.registry],
  });
  readonly errors = new Counter({
    name: 'rasd_errors_total',
    help: 'Failures by error code (AppError codes: docs/errors.md)',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly deadLettered = new Counter({
    name: 'rasd_items_dead_lettered_total',
    help: 'Items moved to the dead-letter subject after failing repeatedly',
    registers: [this.registry],
  });
  readonly queueDepth: Gauge;

  /** `depth` is asked at each scrape (the bus's pending count); absent, the gauge stays 0. */
  constructor(depth?: () => Promise<number>) {
    this.queueDepth = new Gauge({
      name: 'rasd_queue_depth',
      help: 'Items waiting in the work queue',
      registers: [this.registry],
      ...(depth !== undefined && {
        async collect() {
          this.set(await depth().catch(() => Number.NaN));
        },
      }),
    });
  }

  /** Times each provider when passed to createScanner's `timeProvider`. */
  readonly timeProvider = (provider: string, ms: number): void => {
    this.providerSeconds.inc({ provider }, ms / 1000);
  };

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
