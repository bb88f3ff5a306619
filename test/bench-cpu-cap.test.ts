import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cpuSecondsOf } from '../bench/cpu-account.js';
import { cpuCap } from '../bench/cpu-cap.js';

/**
 * The scale-out benchmark's per-worker CPU cap: a process moved under a quota of a fifth of a
 * core cannot spend more than about that, however hard it spins. Needs root and the cgroup v1
 * cpu controller, as the benchmark does; skipped (and says so) elsewhere.
 */
const ROOT = '/sys/fs/cgroup/cpu';
const usable = (() => {
  try {
    accessSync(ROOT, constants.W_OK);
    return existsSync(`${ROOT}/cpu.cfs_quota_us`);
  } catch {
    return false;
  }
})();

/** CPU seconds of a live process: the benchmark's own reading of /proc. */
const cpuOf = (pid: number): number => cpuSecondsOf(pid) ?? Number.NaN;

describe.skipIf(!usable)('bench CPU cap (cgroup v1)', () => {
  it('holds a spinning process to its quota and removes its group afterwards', async () => {
    const cap = cpuCap(`rasd-test-${process.pid}`, 0.2);
    const child = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
    try {
      cap.add(child.pid as number);
      const before = cpuOf(child.pid as number);
      await new Promise((r) => setTimeout(r, 2_000));
      const spent = cpuOf(child.pid as number) - before;
      // Uncapped it would spend up to 2 s here; the quota allows 0.4 s (plus a period's slack).
      expect(spent).toBeLessThan(0.6);
      expect(spent).toBeGreaterThan(0.02);
    } finally {
      await new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGKILL');
      });
      cap.remove();
    }
    expect(existsSync(`${ROOT}/rasd-test-${process.pid}`)).toBe(false);
  });
});

describe('bench CPU cap, on any machine', () => {
  it('refuses a cap of no cores or of more than the machine could have', () => {
    expect(() => cpuCap('rasd-test-zero', 0)).toThrow(/between 0 and 64 cores/);
    expect(() => cpuCap('rasd-test-many', 100)).toThrow(/between 0 and 64 cores/);
  });
});
