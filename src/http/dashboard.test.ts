import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import type { ItemInput } from '../core/index.js';
import { createLoggers } from '../logger.js';
import { generateApiKey } from '../review/api-keys.js';
import { type RunningServer, startServer } from './server.js';
import { createSeededContext, SEED_ITEMS } from './testing.js';

/**
 * The routes the web dashboard reads: who is signed in, one case with all its screen needs, a
 * picture preview kept at scan time, and the overview's figures, over real HTTP on real SQLite.
 */

const setup = { loadConfig, createLoggers };
let dir: string;
let seeded: Awaited<ReturnType<typeof createSeededContext>>;
let server: RunningServer;
const keys = {} as Record<'reviewer' | 'partner', string>;

const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rasd-dash-'));
  await sharp({ create: { width: 900, height: 600, channels: 3, background: '#3366cc' } })
    .png()
    .toFile(join(dir, 'big.png'));
  await writeFile(join(dir, 'broken.png'), Buffer.from('not a png at all'));
  const withMedia: ItemInput[] = [
    {
      platform: 'telegram',
      chat: { id: '-1009', title: 'Media chat', type: 'channel' },
      messageId: '1',
      postedAt: `${today}T06:00:00Z`,
      text: 'RASD-TEST-MARKER:praise:0.6 with pictures',
      media: [
        { kind: 'photo', status: 'present', path: join(dir, 'big.png') },
        { kind: 'photo', status: 'present', path: join(dir, 'broken.png') },
        { kind: 'video', status: 'present', path: join(dir, 'big.png') },
        { kind: 'photo', status: 'missing' },
      ],
    },
    {
      platform: 'telegram',
      chat: { id: '-1009', title: 'Media chat', type: 'channel' },
      messageId: '2',
      postedAt: `${today}T06:01:00Z`,
      text: 'a clear message with a picture',
      media: [{ kind: 'photo', status: 'present', path: join(dir, 'big.png') }],
    },
  ];
  seeded = await createSeededContext({ setup, items: [...SEED_ITEMS, ...withMedia] });
  for (const role of ['reviewer', 'partner'] as const) {
    const secret = generateApiKey();
    await seeded.ctx.store.createApiKey({
      id: secret.id,
      name: role,
      role,
      keyHash: secret.keyHash,
      ...(role === 'partner' && { partner: ['telegram'] }),
    });
    keys[role] = secret.key;
  }
  server = await startServer(seeded.ctx, { port: 0 });
});

afterAll(async () => {
  await server?.close();
  await seeded?.dispose();
  await rm(dir, { recursive: true, force: true });
});

function get(path: string, role: 'reviewer' | 'partner' = 'reviewer'): Promise<Response> {
  return fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${keys[role]}` } });
}

async function mediaCaseId(): Promise<{ caseId: string; itemKey: string }> {
  const page = (await (await get('/api/cases?limit=500')).json()) as { rows: { caseId: string; itemKey: string }[] };
  const found = page.rows.find((c) => c.itemKey === 'telegram/-1009/1/0');
  if (found === undefined) throw new Error('the media item opened no case');
  return found;
}

describe('GET /api/me', () => {
  it('names the caller and its role', async () => {
    const me = (await (await get('/api/me', 'partner')).json()) as { role: string; actor: string; name: string };
    expect(me.role).toBe('partner');
    expect(me.actor).toMatch(/^key:/);
    expect(me.name).toBe(me.actor.slice(4));
  });
});

describe('GET /api/cases/:id', () => {
  it('returns the case with its item, assessment, events and which pictures have previews', async () => {
    const { caseId, itemKey } = await mediaCaseId();
    const response = await get(`/api/cases/${caseId}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      case: { caseId: string; itemKey: string };
      item: { text: string; media: unknown[] };
      assessment: { verdict: string; signals: { kind: string }[] };
      events: { type: string }[];
      previews: number[];
    };
    expect(body.case.itemKey).toBe(itemKey);
    expect(body.item.media).toHaveLength(4);
    expect(body.assessment.verdict).toBe('review');
    expect(body.assessment.signals.map((s) => s.kind)).toContain('test-marker');
    expect(body.events.map((e) => e.type)).toContain('case.opened');
    // Only the decodable photo: the corrupt one is skipped, a video and a missing file get none.
    expect(body.previews).toEqual([0]);
  });

  it('answers 404 for an unknown case and 403 to a partner', async () => {
    expect((await get('/api/cases/case_none')).status).toBe(404);
    const { caseId } = await mediaCaseId();
    expect((await get(`/api/cases/${caseId}`, 'partner')).status).toBe(403);
  });
});

describe('GET /api/items/:key/media/:index', () => {
  it('serves the preview as a small JPEG that keeps the aspect ratio and runs no script', async () => {
    const { itemKey } = await mediaCaseId();
    const response = await get(`/api/items/${encodeURIComponent(itemKey)}/media/0`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('content-security-policy')).toContain('sandbox');
    const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
    expect(meta.format).toBe('jpeg');
    expect([meta.width, meta.height]).toEqual([640, 427]);
  });

  it('has no preview for a picture that failed, nor for items that opened no case', async () => {
    const { itemKey } = await mediaCaseId();
    expect((await get(`/api/items/${encodeURIComponent(itemKey)}/media/1`)).status).toBe(404);
    expect((await get(`/api/items/${encodeURIComponent('telegram/-1009/2/0')}/media/0`)).status).toBe(404);
    expect((await get(`/api/items/${encodeURIComponent(itemKey)}/media/0`, 'partner')).status).toBe(403);
  });

  it('logs the skipped picture by item and index, without its content', () => {
    const skipped = seeded.logs.filter((l) => l.msg === 'media preview skipped');
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ itemKey: 'telegram/-1009/1/0', mediaIndex: 1 });
  });
});

describe('GET /api/overview', () => {
  it('counts the period by day with removals, cases by language and the queue', async () => {
    const response = await get('/api/overview?days=7');
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      totals: { scanned: number; flagged: number; removed: number };
      byDay: { day: string; scanned: number; removed: number }[];
      byLang: { lang: string; cases: number }[];
      queue: { open: number; claimed: number; decided: number };
      complete: boolean;
    };
    // The seed items are from 2024; only today's two fall in the last 7 days.
    expect(body.totals.scanned).toBe(2);
    expect(body.totals.flagged).toBe(1);
    expect(body.totals.removed).toBe(0);
    expect(body.byDay).toHaveLength(7);
    expect(body.byDay.find((d) => d.day === today)?.scanned).toBe(2);
    const cases = body.queue.open + body.queue.claimed + body.queue.decided;
    expect(body.byLang.reduce((n, l) => n + l.cases, 0)).toBe(cases);
    expect(body.complete).toBe(true);
  });

  it('refuses a period out of range with a pointer', async () => {
    const response = await get('/api/overview?days=0');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { pointer?: string }).pointer).toMatch(/days/);
  });
});
