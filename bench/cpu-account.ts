import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time by process group, read from /proc (Linux), so the scale-out benchmark can say where a
 * drain's CPU went — the workers, PostgreSQL, nats-server, the benchmark itself — and how much
 * of the machine was left for a second worker. Wall-clock ratios alone cannot tell "the design
 * does not scale" from "the machine had no core left"; CPU seconds per item can.
 */

/** Linux reports utime/stime in clock ticks; 100 per second on every kernel we run on. */
const TICKS_PER_SECOND = 100;

/** utime + stime of one process, in seconds; undefined once it has gone (its time is then lost). */
export function cpuSecondsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Pids whose command name (/proc/PID/comm) is `name`, e.g. every PostgreSQL backend. */
export function pidsNamed(name: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) pids.push(Number(entry));
    } catch {
      // gone between the listing and the read
    }
  }
  return pids;
}

export interface CpuGroups {
  /** Group name → the pids in it, looked up again at each reading (backends come and go). */
  [group: string]: () => number[];
}

export type CpuReading = Map<string, Map<number, number>>;

export function readCpu(groups: CpuGroups): CpuReading {
  const reading: CpuReading = new Map();
  for (const [group, pids] of Object.entries(groups)) {
    const seconds = new Map<number, number>();
    for (const pid of pids()) {
      const used = cpuSecondsOf(pid);
      if (used !== undefined) seconds.set(pid, used);
    }
    reading.set(group, seconds);
  }
  return reading;
}

/**
 * CPU seconds each group used between two readings. A process that started in between counts
 * from zero; one that ended in between is lost, so read `after` before stopping anything.
 */
export function cpuBetween(before: CpuReading, after: CpuReading): Map<string, number> {
  const used = new Map<string, number>();
  for (const [group, pids] of after) {
    let sum = 0;
    for (const [pid, seconds] of pids) sum += seconds - (before.get(group)?.get(pid) ?? 0);
    used.set(group, sum);
  }
  return used;
}

/** The machine's CPU time by state since boot (/proc/stat, first line), in ticks. */
export interface MachineTicks {
  idle: number;
  iowait: number;
  steal: number;
  total: number;
}

export function readMachine(): MachineTicks {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  const parts = [user, nice, system, idle, iowait, irq, softirq, steal].map((n) => n ?? 0);
  return { idle: idle ?? 0, iowait: iowait ?? 0, steal: steal ?? 0, total: parts.reduce((a, b) => a + b, 0) };
}

/** Shares of the machine's time between two readings that were idle, waiting on disk, or taken by the host. */
export function machineBetween(
  before: MachineTicks,
  after: MachineTicks,
): { idle: number; iowait: number; steal: number } {
  const total = Math.max(1, after.total - before.total);
  return {
    idle: (after.idle - before.idle) / total,
    iowait: (after.iowait - before.iowait) / total,
    steal: (after.steal - before.steal) / total,
  };
}
