import { describe, expect, it } from 'vitest';
import { commandRunner } from './command-runner.js';
import { BENCH_KEYS, registerNetwork } from './network.js';

/** `rasd network bench`, in-process, on a small synthetic world. */

const rasd = commandRunner(registerNetwork);

describe('rasd network bench', () => {
  it('prints one JSON object with exactly the bench figures, each in range', async () => {
    const said = await rasd(['network', 'bench', '--items', '20000', '--seed', '3', '--json']);
    const figures = JSON.parse(said) as Record<string, number>;
    expect(Object.keys(figures)).toEqual([...BENCH_KEYS]);
    for (const key of BENCH_KEYS) expect(Number.isFinite(figures[key])).toBe(true);
    for (const key of BENCH_KEYS.slice(0, 7)) {
      expect(figures[key]).toBeGreaterThanOrEqual(0);
      expect(figures[key]).toBeLessThanOrEqual(1);
    }
    expect(figures.items).toBeGreaterThanOrEqual(20_000);
    expect(figures.updateMsPerItem).toBeGreaterThan(0);
    expect(figures.nodes).toBeGreaterThan(figures.chats as number);
    expect(figures.rssMb).toBeGreaterThan(10);
  });

  it('prints a table with one line per figure, and rejects a bad size', async () => {
    const said = await rasd(['network', 'bench', '--items', '5000', '--hard']);
    const lines = said.trimEnd().split('\n');
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual([...BENCH_KEYS]);
    await expect(rasd(['network', 'bench', '--items', 'many'])).rejects.toThrow('--items');
  });
});
