import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import buildOnce from './build-once.js';

/** `rasd split`, `train` and `eval` end to end on harmless synthetic rows. */
const BIN = join(resolve(import.meta.dirname, '..'), 'dist', 'src', 'cli', 'main.js');
const run = (args: string[], cwd: string) =>
  spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, RASD_LOG_LEVEL: 'silent' },
  });

beforeAll(() => buildOnce(), 600_000);

function corpus(dir: string): string {
  const topics = ['weather rain cloud', 'football match goal', 'market price bread', 'school class teacher'];
  const rows = Array.from({ length: 600 }, (_, i) => {
    const positive = i % 5 === 0;
    const words = topics[(i >> 2) % 4];
    return JSON.stringify({
      id: `syn:${i}`,
      text: positive ? `zorblat bulletin ${words} item ${i}` : `${words} today item ${i}`,
      label: positive ? 'tvec' : 'benign',
      category: positive ? 'praise' : 'chat',
      lang: i % 2 ? 'en' : 'de',
      source: positive ? 'syn-pos' : 'syn-neg',
      group: `g${i % 30}`,
      quality: positive ? 'weak' : 'source',
    });
  });
  const path = join(dir, 'rows.jsonl');
  writeFileSync(path, `${rows.join('\n')}\nnot json\n`);
  return path;
}

describe('rasd split, train, eval', () => {
  it('trains reproducibly and evaluates the whole text path with the documented JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rasd-text-'));
    const data = corpus(dir);
    expect(run(['split', '--data', data, '--out', 'split', '--dev-fraction', '0.3'], dir).status).toBe(0);
    const dev = readFileSync(join(dir, 'split', 'dev.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const train = readFileSync(join(dir, 'split', 'train.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const devGroups = new Set(dev.map((r) => r.group));
    expect(train.some((r) => devGroups.has(r.group))).toBe(false);

    const t1 = run(['train', '--data', 'split/train.jsonl', '--out', 'm1', '--seed', '3'], dir);
    expect(t1.status, t1.stderr).toBe(0);
    expect(run(['train', '--data', 'split/train.jsonl', '--out', 'm2', '--seed', '3'], dir).status).toBe(0);
    expect(readFileSync(join(dir, 'm1', 'model.bin')).equals(readFileSync(join(dir, 'm2', 'model.bin')))).toBe(true);

    const e = run(['eval', '--data', 'split/dev.jsonl', '--model', 'm1', '--json', '--obfuscated'], dir);
    expect(e.status, e.stderr).toBe(0);
    const report = JSON.parse(e.stdout);
    expect(report).toMatchObject({
      n: dev.length,
      precision: expect.any(Number),
      recall: expect.any(Number),
      f1: expect.any(Number),
    });
    expect(report.f1).toBeGreaterThan(0.8);
    expect(Object.keys(report.byLang).sort()).toEqual(['de', 'en']);
    expect(report.bySource['syn-neg']).toMatchObject({ recall: null, fpr: expect.any(Number) });
    expect(report.byCategory.praise).toMatchObject({ recall: expect.any(Number), fpr: null });
    expect(report.violating).toMatchObject({
      n: dev.length,
      precision: expect.any(Number),
      recall: expect.any(Number),
      f1: expect.any(Number),
    });
    expect(report.obfuscated.byTactic['zero-width'].n).toBeGreaterThan(0);
  });

  it('lists a bad row and exits non-zero when no row is usable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rasd-text-'));
    writeFileSync(join(dir, 'bad.jsonl'), 'nope\n');
    const r = run(['train', '--data', 'bad.jsonl', '--out', 'm'], dir);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/^rasd: no usable rows/);
  });
});
