import { type ChildProcess, spawn } from 'node:child_process';
import { type CpuCap, cpuCap } from './cpu-cap.js';

/**
 * `rasd worker` processes for the scale-out benchmark: started with a metrics port each,
 * optionally each under its own CPU quota, and stopped with SIGTERM as a deployment would.
 */

export interface WorkerPlace {
  /** Working folder holding the worker's rasd.yaml. */
  dir: string;
  env: NodeJS.ProcessEnv;
  /** Unique per setting: names the CPU caps. */
  prefix: string;
}

export interface WorkerOptions {
  bin: string;
  /** Extra node arguments before the script (a CPU profile, say). */
  nodeArgs: readonly string[];
  maxInFlight: number;
  concurrentBatches: number;
  /** Cores each worker may use; undefined: no cap. */
  cores: number | undefined;
}

export interface Workers {
  children: ChildProcess[];
  /** Each worker's base URL (its /metrics is there), in the order started. */
  probes: string[];
  caps: CpuCap[];
}

export async function startWorkers(place: WorkerPlace, n: number, options: WorkerOptions): Promise<Workers> {
  // The caps first: a machine that cannot make them fails the run before any worker exists.
  const caps: CpuCap[] = [];
  try {
    for (let index = 0; index < n; index++) {
      if (options.cores !== undefined)
        caps.push(cpuCap(`rasd-bench-${process.pid}-${place.prefix}-${index}`, options.cores));
    }
  } catch (error) {
    for (const cap of caps) cap.remove();
    throw error;
  }
  const workers: Workers = { children: [], probes: [], caps };
  try {
    workers.probes = await Promise.all(
      Array.from({ length: n }, (_, index) => startOne(place, options, workers, index)),
    );
    return workers;
  } catch (error) {
    await stopWorkers(workers);
    throw error;
  }
}

function startOne(place: WorkerPlace, options: WorkerOptions, workers: Workers, index: number): Promise<string> {
  const args = ['worker', '--port', '0', '--batch-size', '64'];
  args.push('--max-in-flight', String(options.maxInFlight), '--concurrent-batches', String(options.concurrentBatches));
  const child = spawn(process.execPath, [...options.nodeArgs, options.bin, ...args], {
    cwd: place.dir,
    env: place.env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  workers.children.push(child);
  // Capped before it has done any timed work: its start-up is never inside a clock.
  const cap = workers.caps[index];
  if (cap !== undefined && child.pid !== undefined) cap.add(child.pid);
  return new Promise<string>((done, fail) => {
    let err = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const m = /metrics at (http:\/\/[^\s)]+)\/metrics/.exec(err);
      if (m?.[1]) done(m[1]);
    });
    child.once('exit', () => fail(new Error(`worker exited: ${err}`)));
  });
}

export async function stopWorkers({ children, caps }: Workers): Promise<void> {
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((done) => {
          if (c.exitCode !== null || c.signalCode !== null) return done();
          c.once('exit', () => done());
          c.kill('SIGTERM');
        }),
    ),
  );
  for (const cap of caps) cap.remove();
}

/** Item versions each worker has scanned and committed, from its /metrics, in probe order. */
export async function scannedEach(probes: readonly string[]): Promise<number[]> {
  return Promise.all(
    probes.map(async (probe) => {
      const text = await (await fetch(`${probe}/metrics`)).text();
      let total = 0;
      for (const m of text.matchAll(/^rasd_items_scanned_total\{[^}]*\} (\d+)$/gm)) total += Number(m[1]);
      return total;
    }),
  );
}
