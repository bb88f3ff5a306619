import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { createLoggers } from '../logger.js';
import { itemPath, readProblem, startTestServer, type TestServer } from './testing.js';

interface Page {
  rows: { key: string; verdict?: string; categories: string[]; chatId: string; postedAt: string }[];
  next?: string;
}

const setup = { loadConfig, createLoggers };

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ setup });
});

afterAll(async () => {
  await t.close();
});

async function page(query: string): Promise<Page> {
  const response = await t.get(`/v1/items${query}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  return (await response.json()) as Page;
}

describe('GET /v1/items', () => {
  it('lists every item newest first', async () => {
    const { rows, next } = await page('');
    expect(rows).toHaveLength(7);
    expect(next).toBeUndefined();
    const times = rows.map((r) => Date.parse(r.postedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(rows[0]?.key).toBe('telegram/-1002/3/0');
  });

  it('filters by verdict, category, chat, org and time', async () => {
    expect((await page('?verdict=violating')).rows.map((r) => r.key).sort()).toEqual([
      'telegram/-1001/2/0',
      'telegram/-1002/1/0',
    ]);
    expect((await page('?verdict=review')).rows.map((r) => r.key)).toEqual(['telegram/-1001/3/0']);
    expect((await page('?category=praise')).rows.map((r) => r.key)).toEqual(['telegram/-1001/3/0']);
    expect((await page('?chatId=-1002')).rows).toHaveLength(3);
    expect((await page('?chatId=-1002&verdict=clear')).rows).toHaveLength(2);
    expect((await page('?org=no-such-org')).rows).toEqual([]);
    expect((await page('?from=2024-10-01&to=2025-01-01')).rows).toHaveLength(6);
    expect((await page('?from=2024-12-01T10:00:00Z')).rows).toHaveLength(3);
    expect((await page('?to=2024-10-06T10:00:00Z')).rows.map((r) => r.key)).toEqual(['telegram/-1001/1/0']);
  });

  it('walks every page with the cursor, each row once, in the order of the full list', async () => {
    const all = (await page('')).rows.map((r) => r.key);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const query = `?limit=2${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
      const result = await page(query);
      expect(result.rows.length).toBeLessThanOrEqual(2);
      seen.push(...result.rows.map((r) => r.key));
      cursor = result.next;
      pages++;
    } while (cursor !== undefined && pages < 10);
    expect(pages).toBe(4);
    expect(seen).toEqual(all);
  });
});

describe('GET /v1/items with bad parameters', () => {
  it('rejects them with problem JSON pointing at the parameter', async () => {
    const cases: [string, string][] = [
      ['?limit=0', '/query/limit'],
      ['?limit=501', '/query/limit'],
      ['?limit=abc', '/query/limit'],
      ['?verdict=nonsense', '/query/verdict'],
      ['?category=nonsense', '/query/category'],
      ['?from=yesterday', '/query/from'],
      ['?verdcit=clear', '/query/verdcit'],
      ['?cursor=not-a-cursor', '/query/cursor'],
      ['?verdict=clear&verdict=review', '/query/verdict'],
    ];
    for (const [query, pointer] of cases) {
      const response = await t.get(`/v1/items${query}`);
      expect(response.status, query).toBe(400);
      const problem = await readProblem(response);
      expect(problem, query).toMatchObject({ code: 'INPUT_INVALID', title: 'Input is invalid', pointer });
      expect(problem.type).toBe('urn:rasd:error:INPUT_INVALID');
      expect(typeof problem.detail).toBe('string');
    }
  });

  it('names the parameter and what was wrong in the detail', async () => {
    const problem = await readProblem(await t.get('/v1/items?verdict=nonsense'));
    expect(problem.detail).toMatch(/query parameter "verdict" is invalid/);
    expect(problem.detail).toMatch(/violating/);
    const unknown = await readProblem(await t.get('/v1/items?verdcit=clear'));
    expect(unknown.detail).toMatch(/Unknown query parameter "verdcit".*accepts: chatId, verdict/);
  });
});

describe('GET /v1/items/:key', () => {
  it('returns the item and its assessment for an encoded key', async () => {
    const response = await t.get(itemPath('telegram/-1001/2/0'));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { item: Record<string, unknown>; assessment: Record<string, unknown> };
    expect(body.item).toMatchObject({
      platform: 'telegram',
      chat: { id: '-1001', title: 'Demo A' },
      messageId: '2',
      version: 0,
      text: 'look: RASD-TEST-MARKER',
    });
    expect(body.assessment).toMatchObject({ itemKey: 'telegram/-1001/2/0', verdict: 'violating' });
  });

  it('answers 404 problem JSON for an unknown key', async () => {
    const response = await t.get(itemPath('telegram/-1001/999/0'));
    expect(response.status).toBe(404);
    expect(await readProblem(response)).toMatchObject({ code: 'NOT_FOUND', pointer: '/params/key' });
  });

  it('explains the encoding when a key is sent with raw slashes', async () => {
    const response = await t.get('/v1/items/telegram/-1001/2/0');
    expect(response.status).toBe(404);
    expect((await readProblem(response)).detail).toMatch(/encodeURIComponent/);
  });

  it('accepts a key longer than the default router limit', async () => {
    const key = `telegram/${'-1'.repeat(60)}/1/0`;
    const response = await t.get(itemPath(key));
    expect(response.status).toBe(404);
    expect(await readProblem(response)).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('GET /v1/assessments/:key', () => {
  it('returns the assessment with its signals and evidence', async () => {
    const response = await t.get(itemPath('telegram/-1001/3/0', 'assessments'));
    expect(response.status).toBe(200);
    const assessment = (await response.json()) as {
      verdict: string;
      categories: string[];
      rules: string[];
      signals: { kind: string; score: number; evidence: { type: string; start?: number; end?: number }[] }[];
    };
    expect(assessment.verdict).toBe('review');
    expect(assessment.categories).toEqual(['praise']);
    expect(assessment.rules).toContain('test-marker-uncertain');
    const marker = assessment.signals.find((s) => s.kind === 'test-marker');
    expect(marker?.score).toBe(0.6);
    expect(marker?.evidence).toEqual([{ type: 'span', start: 6, end: 33, term: 'RASD-TEST-MARKER' }]);
  });

  it('answers 404 problem JSON when there is none', async () => {
    const response = await t.get(itemPath('telegram/-1001/999/0', 'assessments'));
    expect(response.status).toBe(404);
    expect(await readProblem(response)).toMatchObject({ code: 'NOT_FOUND', pointer: '/params/key' });
  });
});
