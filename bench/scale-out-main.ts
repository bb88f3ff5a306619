/**
 * Prints the scale-out benchmark: `npm run bench:scale [-- --items N --latency-seconds S]`.
 * Needs PostgreSQL on 127.0.0.1:5432 and NATS JetStream on 127.0.0.1:4222 (each run uses its own
 * databases and subjects and removes them).
 */
import { parseArgs } from 'node:util';
import { benchScaleOut } from './scale-out.js';

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '20000' },
    'latency-seconds': { type: 'string', default: '20' },
    'max-in-flight': { type: 'string', default: '256' },
    'concurrent-batches': { type: 'string', default: '1' },
  },
});
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const f = await benchScaleOut({
  items: Number(values.items),
  latencySeconds: Number(values['latency-seconds']),
  maxInFlight: Number(values['max-in-flight']),
  concurrentBatches: Number(values['concurrent-batches']),
});
process.stdout.write(
  [
    `scale-out on PostgreSQL + NATS JetStream, ${fmt(f.items)} items (publish not timed)`,
    `  1 worker:   ${fmt(f.oneWorker)} items/s`,
    `  2 workers:  ${fmt(f.twoWorkers)} items/s`,
    `  ratio 2/1:  ${fmt(f.ratio, 2)}×   (aim ≥ 1.7×)`,
    `  latency at ${fmt(f.scaledLatency.rate)} items/s (50 % of 2 workers), ${fmt(f.scaledLatency.items)} items: ` +
      `p50 ${fmt(f.scaledLatency.p50Ms, 1)} ms, p99 ${fmt(f.scaledLatency.p99Ms, 1)} ms   (aim p99 ≤ 100 ms)`,
    'embedded default (SQLite + in-process bus, one process), same run',
    `  throughput: ${fmt(f.embedded.itemsPerSecond)} items/s`,
    `  latency at ${fmt(f.embedded.rate)} items/s (50 %): p50 ${fmt(f.embedded.p50Ms, 1)} ms, p99 ${fmt(f.embedded.p99Ms, 1)} ms`,
    `  2 scaled workers / embedded: ${fmt(f.twoWorkers / f.embedded.itemsPerSecond, 2)}×`,
    '',
  ].join('\n'),
);
