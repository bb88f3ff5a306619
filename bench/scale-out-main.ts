/**
 * Prints the scale-out benchmark: `npm run bench:scale [-- --items N --rounds R --latency-seconds S]`.
 * Needs PostgreSQL on 127.0.0.1:5432 and NATS JetStream on 127.0.0.1:4222 (each run uses its own
 * databases and subjects and removes them).
 */
import { parseArgs } from 'node:util';
import { checkCpuCap } from './cpu-cap.js';
import { benchScaleOut, type Drain } from './scale-out.js';

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '60000' },
    'latency-seconds': { type: 'string', default: '20' },
    rounds: { type: 'string', default: '3' },
    'max-in-flight': { type: 'string', default: '256' },
    'concurrent-batches': { type: 'string', default: '1' },
    'worker-cores': { type: 'string' },
  },
});
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

for (const name of ['items', 'rounds', 'latency-seconds'] as const) {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number ≥ 1, got "${values[name]}"`);
}
const cap = values['worker-cores'] === undefined ? undefined : Number(values['worker-cores']);
// Before the first drain, not minutes into the run when the first worker is capped.
if (cap !== undefined) checkCpuCap(cap);
const f = await benchScaleOut({
  items: Number(values.items),
  latencySeconds: Number(values['latency-seconds']),
  rounds: Number(values.rounds),
  maxInFlight: Number(values['max-in-flight']),
  concurrentBatches: Number(values['concurrent-batches']),
  ...(cap !== undefined && { workerCores: cap }),
});
/** Share of all cores the drain's processes kept busy (the rest was idle or someone else's). */
const busy = (d: Drain) =>
  `${fmt(([...d.cpu.values()].reduce((a, b) => a + b, 0) / (d.seconds * f.cores)) * 100)} % busy; ` +
  `idle ${fmt(d.machine.idle * 100)} %, iowait ${fmt(d.machine.iowait * 100)} %, steal ${fmt(d.machine.steal * 100)} %`;
const listed = (m: Map<string, number>) => [...m].map(([group, ms]) => `${group} ${fmt(ms, 3)}`).join(', ');
const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
const totalMs = sum(f.cpuPerItemMs);
const perItem = (d: Drain) => `${fmt((sum(d.cpu) / d.items) * 1000, 3)} ms CPU/item`;
process.stdout.write(
  [
    `scale-out on PostgreSQL + NATS JetStream, ${fmt(f.items)} items per drain, ${f.rounds.length} rounds ` +
      "(publish not timed; each drain timed after its workers' first 2,000 items each, " +
      'or a quarter of a smaller drain shared among them)' +
      (f.workerCores === undefined ? '' : `\n  each worker capped at ${fmt(f.workerCores, 2)} cores (a cgroup quota)`),
    ...f.rounds.map(
      (r, n) =>
        `  round ${n + 1}: 1 worker ${fmt(r.one.itemsPerSecond)} items/s (${perItem(r.one)}; machine ${busy(r.one)}), ` +
        `2 workers ${fmt(r.two.itemsPerSecond)} items/s (${perItem(r.two)}; ${busy(r.two)}), ` +
        `ratio ${fmt(r.two.itemsPerSecond / r.one.itemsPerSecond, 2)}×`,
    ),
    `  1 worker:   ${fmt(f.oneWorker)} items/s (median)`,
    `  2 workers:  ${fmt(f.twoWorkers)} items/s (median)`,
    `  ratio 2/1:  ${fmt(f.ratio, 2)}× median of the rounds   (aim ≥ 1.7×)`,
    `  CPU per item with 1 worker, ms: ${listed(f.cpuPerItemMs)}; total ${fmt(totalMs, 3)}`,
    `  CPU per item with 2 workers, ms: ${listed(f.cpuPerItemTwoMs)}; total ${fmt(sum(f.cpuPerItemTwoMs), 3)}`,
    f.workerCores === undefined
      ? `  this machine's ceiling for 2 workers: ${f.cores} cores / ${fmt(totalMs, 3)} ms per item = ` +
        `${fmt(f.ceiling * f.oneWorker)} items/s = ${fmt(f.ceiling, 2)}× one worker`
      : `  ceiling for 2 capped workers (the cores or the two caps, whichever binds first): ` +
        `${fmt(f.ceiling * f.oneWorker)} items/s = ${fmt(f.ceiling, 2)}× one worker`,
    `  latency at ${fmt(f.scaledLatency.rate)} items/s (50 % of 2 workers), ${fmt(f.scaledLatency.items)} items: ` +
      `p50 ${fmt(f.scaledLatency.p50Ms, 1)} ms, p99 ${fmt(f.scaledLatency.p99Ms, 1)} ms   (aim p99 ≤ 100 ms)`,
    `    (after 5 s of the same traffic; the new workers' first 5 s: p99 ${fmt(f.scaledLatency.warmUpP99Ms, 1)} ms)`,
    ...(f.workerCores === undefined
      ? []
      : [
          '    (capped workers: the quota stops a worker for the rest of each 100 ms period once it is spent, ' +
            'which lands in the tail; read the latency aim on a run without --worker-cores)',
        ]),
    'embedded default (SQLite + in-process bus, one process), same run',
    `  throughput: ${fmt(f.embedded.itemsPerSecond)} items/s`,
    `  latency at ${fmt(f.embedded.rate)} items/s (50 %): p50 ${fmt(f.embedded.p50Ms, 1)} ms, p99 ${fmt(f.embedded.p99Ms, 1)} ms`,
    `  2 scaled workers / embedded: ${fmt(f.twoWorkers / f.embedded.itemsPerSecond, 2)}×`,
    '',
  ].join('\n'),
);
