import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cliDatabase, onPostgres } from '../src/cli/testing/cli-database.js';
import buildOnce from './build-once.js';

/** The CLI as a user runs it: the built binary, real files, real exit codes. */
const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'dist', 'src', 'cli', 'main.js');
const SAMPLE = join(ROOT, 'examples', 'sample-export');

function rasd(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, RASD_LOG_LEVEL: 'silent' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => buildOnce(), 600_000);

/**
 * No `--db` on SQLite, so these runs keep testing the default database file (`name` in the
 * working directory); on PostgreSQL that default would be a SQLite file, so it is named.
 */
async function defaultDb(dir: string, name: string): Promise<string[]> {
  return onPostgres ? ['--db', await cliDatabase(join(dir, name))] : [];
}

const workdir = () => mkdtempSync(join(tmpdir(), 'rasd-cli-'));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

describe('rasd scan', () => {
  it('scans the sample export and prints the --json summary', async () => {
    const dir = workdir();
    const db = await cliDatabase(join(dir, 'x.db'));
    const r = rasd(['scan', SAMPLE, '--json', '--db', db], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    // The test markers fix the floor (3 violating, 2 review); the classifier may add reviews.
    expect(summary).toMatchObject({ items: 36, violating: 3, unchanged: 0, errors: [] });
    expect(summary.review).toBeGreaterThanOrEqual(2);
    expect(summary.violating + summary.review + summary.clear).toBe(36);
    expect(summary.byCategory).toMatchObject({ praise: expect.any(Number), recruitment: 1, incitement: 1 });
    expect(Object.keys(summary)).toEqual(
      expect.arrayContaining(['items', 'violating', 'review', 'clear', 'byCategory', 'byOrg', 'errors']),
    );
    // The SQLite file is where the data went; on PostgreSQL no file may be left behind instead.
    expect(existsSync(join(dir, 'x.db'))).toBe(!onPostgres);
  });

  it('is idempotent: a second scan of the same versions changes nothing', async () => {
    const dir = workdir();
    const x = await cliDatabase(join(dir, 'x.db'));
    const y = await cliDatabase(join(dir, 'y.db'));
    rasd(['scan', SAMPLE, '--json', '--db', x], dir);
    const first = JSON.parse(rasd(['scan', SAMPLE, '--json', '--db', y], dir).stdout);
    const again = JSON.parse(rasd(['scan', SAMPLE, '--json', '--db', y], dir).stdout);
    expect(again).toMatchObject({
      items: 36,
      unchanged: 36,
      violating: first.violating,
      review: first.review,
      clear: first.clear,
    });
  });

  it('lists bad records and goes on: malformed JSONL line, truncated export', async () => {
    const dir = workdir();
    const line = (id: string, text: string) =>
      JSON.stringify({ chat: { id: '-1002' }, messageId: id, postedAt: '2024-11-01T00:00:00Z', text });
    writeFileSync(
      join(dir, 'items.jsonl'),
      [line('1', 'hello'), '{"chat": oops', line('2', 'RASD-TEST-MARKER')].join('\n'),
    );
    cpSync(SAMPLE, join(dir, 'cut'), { recursive: true });
    const full = readFileSync(join(dir, 'cut', 'result.json'), 'utf8');
    writeFileSync(join(dir, 'cut', 'result.json'), full.slice(0, Math.floor(full.length / 2)));
    const r = rasd(['scan', 'items.jsonl', 'cut', '--json', ...(await defaultDb(dir, 'rasd.db'))], dir);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ record: expect.stringMatching(/items\.jsonl#2$/), code: 'RECORD_INVALID' }),
        expect.objectContaining({ code: 'EXPORT_TRUNCATED' }),
      ]),
    );
    expect(summary.items).toBeGreaterThan(2);
    expect(summary.violating).toBeGreaterThanOrEqual(1);
  });

  it('exits non-zero with one line when nothing could be read', async () => {
    const dir = workdir();
    const r = rasd(['scan', 'does-not-exist.jsonl', ...(await defaultDb(dir, 'rasd.db'))], dir);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^rasd: nothing could be read: .*does-not-exist/);
  });

  it('prints a table without colour codes when piped', async () => {
    const dir = workdir();
    const r = rasd(['scan', SAMPLE, '--db', await cliDatabase(join(dir, 'x.db'))], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/violating/);
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });
});

describe('rasd report and demo', () => {
  it('reports a quarter as json, csv and html', async () => {
    const dir = workdir();
    const db = await cliDatabase(join(dir, 'x.db'));
    rasd(['scan', SAMPLE, '--db', db], dir);
    const scanned = JSON.parse(rasd(['scan', SAMPLE, '--json', '--db', db], dir).stdout);
    const json = JSON.parse(rasd(['report', '--quarter', '2024Q4', '--db', db], dir).stdout);
    expect(json.totals).toMatchObject({ scanned: 36, violating: scanned.violating, review: scanned.review });
    const csv = rasd(['report', '--quarter', '2024Q4', '--format', 'csv', '--db', db], dir).stdout;
    expect(csv.split('\n')[0]).toMatch(/^section,/);
    const html = rasd(
      ['report', '--from', '2024-10-01', '--to', '2024-12-31', '--format', 'html', '--out', 'r.html', '--db', db],
      dir,
    );
    expect(html.code).toBe(0);
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toMatch(/<svg/);
    const bad = rasd(['report', '--quarter', '2024Q9', '--db', db], dir);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/^rasd: .*2024Q9/);
  });

  it('demo --no-serve scans the bundled sample and writes the html report', async () => {
    const dir = workdir();
    const r = rasd(['demo', '--no-serve', ...(await defaultDb(dir, 'rasd-demo.db'))], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/report: .*report\.html/);
    expect(readFileSync(join(dir, 'rasd-demo', 'report.html'), 'utf8')).toMatch(/<svg/);
  });

  it('serve answers over HTTP on loopback and stops on SIGTERM', async () => {
    const dir = workdir();
    const db = await cliDatabase(join(dir, 'x.db'));
    rasd(['scan', SAMPLE, '--db', db], dir);
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--db', db], {
      cwd: dir,
      env: { ...process.env, RASD_LOG_LEVEL: 'silent' },
    });
    children.push(child);
    const url = await new Promise<string>((resolveUrl, reject) => {
      let err = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        err += chunk.toString();
        const m = /serving (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
        if (m?.[1]) resolveUrl(m[1]);
      });
      child.on('exit', () => reject(new Error(`serve exited: ${err}`)));
    });
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    const items = (await (await fetch(`${url}/v1/items?verdict=violating`)).json()) as { rows: unknown[] };
    expect(items.rows).toHaveLength(3);
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
