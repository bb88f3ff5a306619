import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { runProcess } from './run-process.js';

const opts = { timeoutMs: 10_000, maxStdoutBytes: 1 << 20 };

/** Gone, or a zombie nobody has reaped yet (containers often run without an init that reaps). */
function isDead(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z') ?? true;
  } catch {
    return true;
  }
}

async function eventuallyDead(pid: number): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (isDead(pid)) return true;
    await sleep(20);
  }
  return false;
}

describe('runProcess', () => {
  it('returns stdout, stderr and the exit code without treating a non-zero code as an error', async () => {
    const result = await runProcess('sh', ['-c', 'printf out; printf err >&2; exit 3'], opts);
    expect(result.stdout.toString()).toBe('out');
    expect(result.stderr).toBe('err');
    expect(result.code).toBe(3);
  });

  it('reports death by signal as 128 + the signal number', async () => {
    const result = await runProcess('sh', ['-c', 'kill -TERM $$'], opts);
    expect(result.code).toBe(128 + 15);
  });

  it('feeds input to stdin and survives a tool that does not read it', async () => {
    const echoed = await runProcess('cat', [], { ...opts, input: 'سلام\n' });
    expect(echoed.stdout.toString()).toBe('سلام\n');
    const ignored = await runProcess('true', [], { ...opts, input: Buffer.alloc(4 << 20) });
    expect(ignored.code).toBe(0);
  });

  it('keeps only the tail of a long stderr', async () => {
    const result = await runProcess('sh', ['-c', 'head -c 100000 /dev/zero | tr "\\0" a >&2; printf END >&2'], {
      ...opts,
      maxStderrBytes: 1000,
    });
    expect(result.stderr.length).toBeLessThanOrEqual(1000);
    expect(result.stderr.endsWith('aaaEND')).toBe(true);
  });

  it('kills the whole process group on timeout, forked children included', async () => {
    let grandchild = 0;
    const started = Date.now();
    const run = runProcess('sh', ['-c', 'sleep 30 & echo $!; wait'], {
      ...opts,
      timeoutMs: 300,
      onStdout: (chunk) => {
        grandchild = Number.parseInt(chunk.toString(), 10);
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'PROVIDER_FAILED', detail: expect.stringMatching(/timed out/) });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(grandchild).toBeGreaterThan(0);
    expect(await eventuallyDead(grandchild)).toBe(true);
  });

  it('kills a tool that writes more than the cap', async () => {
    const run = runProcess('sh', ['-c', 'while :; do echo xxxxxxxxxxxxxxxx; done'], {
      ...opts,
      maxStdoutBytes: 10_000,
    });
    await expect(run).rejects.toMatchObject({
      code: 'PROVIDER_FAILED',
      detail: expect.stringMatching(/more than 10000/),
    });
  });

  it('says when the tool is not installed', async () => {
    const run = runProcess('rasd-no-such-tool', [], opts);
    await expect(run).rejects.toMatchObject({
      code: 'PROVIDER_FAILED',
      detail: expect.stringMatching(/not installed/),
    });
  });

  it('streams stdout in order, pausing the tool while the consumer is busy', async () => {
    const parts: string[] = [];
    const result = await runProcess('seq', ['1', '50000'], {
      ...opts,
      onStdout: async (chunk) => {
        await sleep(1);
        parts.push(chunk.toString());
      },
    });
    const expected = Array.from({ length: 50000 }, (_, i) => `${i + 1}\n`).join('');
    expect(parts.join('')).toBe(expected);
    expect(result.stdout.length).toBe(0);
  });

  it('stops the tool and rejects with the consumer’s own error', async () => {
    const stop = new Error('enough');
    const run = runProcess('sh', ['-c', 'while :; do echo x; done'], {
      ...opts,
      onStdout: () => {
        throw stop;
      },
    });
    await expect(run).rejects.toBe(stop);
  });

  it('stops on abort', async () => {
    const controller = new AbortController();
    const run = runProcess('sleep', ['30'], { ...opts, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(run).rejects.toMatchObject({ code: 'PROVIDER_FAILED', detail: expect.stringMatching(/aborted/) });
  });
});
