import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScanWorker } from '../app/index.js';
import type { Consumer } from '../bus/ports.js';
import { loadConfig } from '../config/index.js';
import { createLoggers } from '../logger.js';
import { startProbeServer } from './probe-server.js';
import { type RunningServer, startServer } from './server.js';
import { createSeededContext } from './testing.js';

/**
 * The operations surface over real HTTP on the embedded preset (SQLite, in-process bus with an
 * in-process worker): ingest queues items that the worker scans, /metrics counts them in
 * Prometheus's format, and /ready follows the bus.
 */

const setup = { loadConfig, createLoggers };
let seeded: Awaited<ReturnType<typeof createSeededContext>>;
let server: RunningServer;
let worker: Consumer;

beforeAll(async () => {
  seeded = await createSeededContext({ setup, items: [] });
  worker = startScanWorker(seeded.ctx, seeded.ctx.bus, { batchSize: 8 });
  server = await startServer(seeded.ctx, { port: 0 });
});

afterAll(async () => {
  await worker?.stop('return');
  await server?.close();
  await seeded?.dispose();
});

const item = (id: string, text: string) => ({
  chat: { id: '-1777', title: 'Ingest test', type: 'channel' },
  messageId: id,
  postedAt: '2026-12-01T10:00:00Z',
  text,
});

function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('POST /api/items', () => {
  it('queues valid items once, lists invalid ones, and the worker scans what was queued', async () => {
    const response = await post('/api/items', {
      items: [
        item('1', 'good morning'),
        item('2', 'RASD-TEST-MARKER'),
        { chat: { id: '-1777' } },
        item('1', 'good morning'),
      ],
    });
    expect(response.status).toBe(202);
    const body = (await response.json()) as {
      accepted: number;
      duplicates: number;
      rejected: number;
      errors: { pointer: string }[];
    };
    expect(body).toMatchObject({ accepted: 2, duplicates: 1, rejected: 1 });
    expect(body.errors[0]?.pointer).toMatch(/^\/body\/items\/2\//);
    await expect
      .poll(async () => (await seeded.ctx.store.getAssessment('telegram/-1777/2/0'))?.verdict, { timeout: 10_000 })
      .toBe('violating');
    expect((await seeded.ctx.store.getAssessment('telegram/-1777/1/0'))?.verdict).toBe('clear');
  });

  it('refuses a body with no valid item', async () => {
    const response = await post('/api/items', { items: [{ nope: true }] });
    expect(response.status).toBe(400);
  });
});

describe('GET /metrics', () => {
  it('counts items in, scanned by verdict, latency and queue depth in Prometheus text', async () => {
    await expect.poll(async () => await seeded.ctx.bus.depth(), { timeout: 10_000 }).toBe(0);
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/^rasd_items_in_total 2$/m);
    expect(text).toMatch(/^rasd_items_scanned_total\{verdict="violating"\} 1$/m);
    expect(text).toMatch(/^rasd_items_scanned_total\{verdict="clear"\} 1$/m);
    expect(text).toMatch(/^rasd_item_latency_seconds_count 2$/m);
    expect(text).toMatch(/^rasd_queue_depth 0$/m);
  });
});

describe('GET /ready', () => {
  it('is ready while the database and bus answer, and 503 naming the bus once it is gone', async () => {
    const ready = await fetch(`${server.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', db: 'ok', bus: 'ok' });
    await worker.stop('return');
    await seeded.ctx.bus.close();
    const down = await fetch(`${server.url}/ready`);
    expect(down.status).toBe(503);
    const body = (await down.json()) as { db: string; bus: string };
    expect(body.db).toBe('ok');
    expect(body.bus).toMatch(/^bus unreachable/);
  });
});

describe("a worker's probe port", () => {
  it('serves /health, /metrics and /ready and nothing of the API', async () => {
    const ctx = await createSeededContext({ setup, items: [] });
    const probes = await startProbeServer(ctx.ctx, { port: 0 });
    try {
      expect((await fetch(`${probes.url}/health`)).status).toBe(200);
      expect(await (await fetch(`${probes.url}/metrics`)).text()).toMatch(/^# HELP rasd_items_in_total/m);
      expect(await (await fetch(`${probes.url}/ready`)).json()).toEqual({ status: 'ready', db: 'ok', bus: 'ok' });
      expect((await fetch(`${probes.url}/v1/items`)).status).toBe(404);
    } finally {
      await probes.close();
      await ctx.dispose();
    }
  });
});
