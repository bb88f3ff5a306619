import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { createLoggers } from '../logger.js';
import { readProblem, startTestServer, type TestServer } from './testing.js';

const setup = { loadConfig, createLoggers };

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ setup });
});

afterAll(async () => {
  await t.close();
});

async function json<T>(path: string): Promise<T> {
  const response = await t.get(path);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

interface Rows<T> {
  rows: T[];
  next?: string;
}

describe('channels', () => {
  it('lists the channels items came from, with a cursor walk', async () => {
    const all = await json<Rows<{ id: string }>>('/v1/channels');
    expect(all.rows.map((c) => c.id).sort()).toEqual(['-1001', '-1002']);
    const first = await json<Rows<{ id: string }>>('/v1/channels?limit=1');
    expect(first.rows).toHaveLength(1);
    expect(first.next).toBeDefined();
    const second = await json<Rows<{ id: string }>>(
      `/v1/channels?limit=1&cursor=${encodeURIComponent(first.next ?? '')}`,
    );
    expect(second.rows).toHaveLength(1);
    expect(second.next).toBeUndefined();
    expect([first.rows[0]?.id, second.rows[0]?.id].sort()).toEqual(['-1001', '-1002']);
  });

  it('returns one channel with its counts', async () => {
    const channel = await json<Record<string, unknown>>('/v1/channels/telegram/-1001');
    expect(channel).toMatchObject({
      platform: 'telegram',
      id: '-1001',
      title: 'Demo A',
      items: 4,
      violating: 1,
      review: 1,
    });
  });

  it('answers 404 for an unknown channel and 400 for a bad platform', async () => {
    const missing = await t.get('/v1/channels/telegram/-999');
    expect(missing.status).toBe(404);
    expect(await readProblem(missing)).toMatchObject({ code: 'NOT_FOUND' });
    const bad = await t.get('/v1/channels/Tele%20gram/-1001');
    expect(bad.status).toBe(400);
    expect(await readProblem(bad)).toMatchObject({ code: 'INPUT_INVALID', pointer: '/params/platform' });
  });

  it('lists channel events (none in a JSONL seed) and bounds the limit', async () => {
    expect(await json<Rows<unknown>>('/v1/channels/telegram/-1001/events?limit=5')).toEqual({ rows: [] });
    const bad = await t.get('/v1/channels/telegram/-1001/events?limit=0');
    expect(bad.status).toBe(400);
    expect(await readProblem(bad)).toMatchObject({ pointer: '/query/limit' });
  });
});

describe('cases and actions', () => {
  it('lists the review case the policy opened, filtered by status', async () => {
    const cases = await json<Rows<{ itemKey: string; status: string }>>('/v1/cases');
    expect(cases.rows.map((c) => c.itemKey)).toContain('telegram/-1001/3/0');
    const open = await json<Rows<{ status: string }>>('/v1/cases?status=open');
    expect(open.rows.length).toBe(cases.rows.length);
    expect(await json<Rows<unknown>>('/v1/cases?status=closed')).toEqual({ rows: [] });
    const bad = await t.get('/v1/cases?status=nonsense');
    expect(await readProblem(bad)).toMatchObject({ status: 400, pointer: '/query/status' });
  });

  it('lists the delete actions requested for violating items', async () => {
    const actions = await json<Rows<{ itemKey: string; kind: string; status: string }>>('/v1/actions?status=requested');
    expect(actions.rows.map((a) => a.itemKey).sort()).toEqual(['telegram/-1001/2/0', 'telegram/-1002/1/0']);
    expect(actions.rows.every((a) => a.kind === 'delete')).toBe(true);
    const paged = await json<Rows<unknown>>('/v1/actions?limit=1');
    expect(paged.rows).toHaveLength(1);
    expect(paged.next).toBeDefined();
    expect(await json<Rows<unknown>>('/v1/actions?status=confirmed')).toEqual({ rows: [] });
  });
});
