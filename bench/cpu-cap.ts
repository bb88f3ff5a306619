import { existsSync, mkdirSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A CPU quota for one process, through the Linux cgroup v1 `cpu` controller (the one these
 * machines mount at /sys/fs/cgroup/cpu; writing it needs root). The scale-out benchmark uses it
 * to give each worker a fixed share of a core, as if every worker had a small machine of its
 * own: then a second worker can only add throughput if nothing they share — PostgreSQL, NATS,
 * locks, the queue — holds it back, which is the question scale-out asks. Without a cap, on a
 * 2-core machine that also runs the database, the answer is set by the cores instead.
 * cgroup v2 (`cpu.max`) is not handled: no machine here has it to test against.
 */
const V1_ROOT = '/sys/fs/cgroup/cpu';
const PERIOD_US = 100_000;

export interface CpuCap {
  /** Moves a process, with all its threads, under the quota. */
  add(pid: number): void;
  /** Removes the group; call once its processes have exited. */
  remove(): void;
}

/** Throws, saying what to do, unless caps of `cores` can be made here; run it before any work. */
export function checkCpuCap(cores: number): void {
  if (!(cores > 0 && cores <= 64)) throw new Error(`a CPU cap must be between 0 and 64 cores, got ${cores}`);
  if (!existsSync(join(V1_ROOT, 'cpu.cfs_quota_us'))) {
    throw new Error(
      `--worker-cores needs the cgroup v1 cpu controller at ${V1_ROOT} (not found); run the benchmark without it`,
    );
  }
}

export function cpuCap(name: string, cores: number): CpuCap {
  checkCpuCap(cores);
  const dir = join(V1_ROOT, name);
  try {
    mkdirSync(dir);
    writeFileSync(join(dir, 'cpu.cfs_period_us'), String(PERIOD_US));
    writeFileSync(join(dir, 'cpu.cfs_quota_us'), String(Math.round(cores * PERIOD_US)));
  } catch (error) {
    try {
      rmdirSync(dir);
    } catch {
      // never made: nothing to take back
    }
    throw new Error(`could not make the CPU cap ${dir} (root is needed): ${(error as Error).message}`);
  }
  return {
    add(pid) {
      writeFileSync(join(dir, 'cgroup.procs'), String(pid));
    },
    remove() {
      try {
        rmdirSync(dir);
      } catch (error) {
        // Gone already is fine; a group still holding a process is worth a word, not a failed run.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
          process.stderr.write(`could not remove the CPU cap ${dir}: ${(error as Error).message}\n`);
        }
      }
    },
  };
}
