import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NatsBus } from '../src/bus/nats/nats-bus.js';
import { PrivateNatsServer, waitFor } from '../src/bus/nats/private-server.js';
import { createTestDatabase, type TestDatabase } from '../src/storage/postgres/testing.js';
import buildOnce from './build-once.js';

/**
 * Scale-out end to end with the real parts: `rasd import` publishes 20,000 items to NATS
 * JetStream (a private server, so it can be restarted), three `rasd worker` processes scan them
 * into PostgreSQL, one worker is killed with SIGKILL mid-batch and replaced, the bus is
 * restarted mid-run, and at the end every item version has exactly one assessment, at most one
 * case and action, the queue is empty, and a poison message sits in the dead letters with its
 * reason. Texts are harmless filler and Rasd's test marker.
 */

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'dist', 'src', 'cli', 'main.js');
const ITEMS = 20_000;
const PREFIX = `scale${process.pid}`;

let dir: string;
let db: TestDatabase;
let nats: PrivateNatsServer;
let sql: pg.Client;
const workers: ChildProcess[] = [];

function env(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    RASD_LOG_LEVEL: 'silent',
    RASD_DATABASE_URL: db.url,
    RASD_BUS_URL: nats.url,
    RASD_CONFIG: join(dir, 'rasd.yaml'),
  };
}

function rasd(args: string[]): string {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: env() });
  if (r.status !== 0) throw new Error(`rasd ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, [BIN, 'worker', '--batch-size', '50'], {
    cwd: dir,
    env: env(),
    stdio: 'ignore',
  });
  workers.push(child);
  return child;
}

async function count(table: string, column = '*'): Promise<number> {
  const result = await sql.query<{ n: string }>(`SELECT count(${column}) AS n FROM ${table}`);
  return Number(result.rows[0]?.n ?? 0);
}

function text(i: number): string {
  if (i % 50 === 0) return `update ${i}: RASD-TEST-MARKER:praise:0.6`;
  if (i % 101 === 0) return `notice ${i}: RASD-TEST-MARKER`;
  return `message ${i} about the weather, the market and the trains today`;
}

beforeAll(async () => {
  buildOnce();
  dir = mkdtempSync(join(tmpdir(), 'rasd-scale-'));
  db = await createTestDatabase('scale');
  nats = await PrivateNatsServer.start();
  // A short ack wait, so the killed worker's deliveries come back within the test.
  writeFileSync(join(dir, 'rasd.yaml'), `bus:\n  prefix: ${PREFIX}\n  ackWaitSeconds: 3\n  maxDeliver: 5\n`);
  const rows = Array.from({ length: ITEMS }, (_, i) =>
    JSON.stringify({
      chat: { id: `-100${i % 10}`, title: `Channel ${i % 10}`, type: 'channel' },
      messageId: String(i),
      postedAt: new Date(Date.UTC(2026, 9 + (i % 3), 1 + (i % 28), 12)).toISOString(),
      text: text(i),
    }),
  );
  writeFileSync(join(dir, 'items.jsonl'), `${rows.join('\n')}\n`);
  sql = new pg.Client({ connectionString: db.url });
}, 600_000);

afterAll(async () => {
  for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
  await sql?.end().catch(() => undefined);
  await nats?.dispose();
  await db?.drop();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('three workers on PostgreSQL and NATS JetStream', () => {
  it('assess 20,000 items exactly once through a SIGKILL and a bus restart', async () => {
    const imported = JSON.parse(rasd(['import', 'items.jsonl', '--json'])) as { published: number; duplicates: number };
    expect(imported).toMatchObject({ published: ITEMS, duplicates: 0 });
    // Importing again publishes nothing: the queue knows every version's id.
    expect(JSON.parse(rasd(['import', 'items.jsonl', '--json']))).toMatchObject({ published: 0, duplicates: ITEMS });
    await sql.connect();

    const [victim] = [startWorker(), startWorker(), startWorker()];
    await waitFor(async () => (await count('assessment')) >= 3_000, 'the first 3,000 assessments', 120_000);
    victim?.kill('SIGKILL');
    startWorker();

    await waitFor(async () => (await count('assessment')) >= 8_000, '8,000 assessments', 120_000);
    await nats.stop();
    await new Promise((r) => setTimeout(r, 1_000));
    await nats.start();

    await waitFor(async () => (await count('assessment')) >= ITEMS, 'every assessment', 240_000);
    const bus = await NatsBus.connect({ url: nats.url, prefix: PREFIX });
    try {
      await waitFor(async () => (await bus.depth()) === 0, 'an empty queue', 60_000);
      expect(await count('item')).toBe(ITEMS);
      expect(await count('assessment')).toBe(ITEMS);
      expect(await count('assessment', 'DISTINCT item_key')).toBe(ITEMS);
      const cases = await count('review_case');
      expect(cases).toBe(await count('review_case', 'DISTINCT item_key'));
      expect(cases).toBeGreaterThanOrEqual(ITEMS / 50);
      expect(await count('action')).toBe(await count('action', 'DISTINCT (item_key, kind)'));

      // A poison message: not an item. It goes to the dead letters with why, once.
      await bus.publish([{ id: 'poison-1', payload: '{"not":"an item"}' }]);
      await waitFor(
        async () => (await bus.deadLetters(10)).length === 1,
        'the poison message in the dead letters',
        30_000,
      );
      const [dead] = await bus.deadLetters(10);
      expect(dead?.id).toBe('poison-1');
      expect(dead?.reason).toMatch(/no "item"/);
    } finally {
      await bus.close();
    }

    // SIGTERM: each worker finishes what it holds and exits 0.
    const running = workers.filter((w) => w.exitCode === null && w.signalCode === null);
    const exits = running.map((w) => new Promise<number | null>((done) => w.once('exit', (code) => done(code))));
    for (const w of running) w.kill('SIGTERM');
    expect(await Promise.all(exits)).toEqual(running.map(() => 0));
  }, 600_000);
});
