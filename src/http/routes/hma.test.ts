import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/index.js';
import { hashImage } from '../../detect/media/pdq/index.js';
import { createLoggers } from '../../logger.js';
import { mirrored, patternPng } from '../../scan/providers/fixtures/synthetic-images.js';
import { readProblem, startTestServer, type TestServer } from '../testing.js';

/** The HMA routes over real HTTP, with synthetic pictures and made-up hashes only. */

const TOKEN = 'hma-test-token-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };
const MAX_MEDIA = 1024 * 1024;

type Overrides = Parameters<typeof loadConfig>[1];
function setupWith(extra: Overrides) {
  return {
    loadConfig: (env: Record<string, never>, o: { db: { url: string } }) => loadConfig(env, { ...o, ...extra }),
    createLoggers,
  };
}

let t: TestServer;
let matcherOnly: TestServer;
let origin: Server;
let originUrl: string;
let picture: Buffer;
let pdq: string;

beforeAll(async () => {
  picture = await patternPng(21, 320, 288);
  pdq = (await hashImage(picture)).hash;
  origin = createServer((req, res) => {
    if (req.url === '/picture.png') res.writeHead(200, { 'content-type': 'image/png' }).end(picture);
    else if (req.url === '/away') res.writeHead(302, { location: 'http://localhost:1/picture.png' }).end();
    else res.writeHead(404).end();
  });
  await new Promise<void>((done) => origin.listen(0, '127.0.0.1', done));
  originUrl = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
  t = await startTestServer({
    apiToken: TOKEN,
    setup: setupWith({
      hma: { roles: ['hasher', 'matcher', 'curator'], fetchHosts: ['127.0.0.1'], maxMediaBytes: MAX_MEDIA },
      mediaBanks: { refreshSeconds: 0.1 },
    }),
  });
  matcherOnly = await startTestServer({ setup: setupWith({ hma: { roles: ['matcher'] } }) });
});

afterAll(async () => {
  await t?.close();
  await matcherOnly?.close();
  await new Promise((done) => origin?.close(done));
});

async function call(method: string, path: string, body?: unknown, server = t): Promise<Response> {
  const init: RequestInit = { method, headers: { ...auth } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { ...auth, 'content-type': 'application/json' };
  }
  return server.get(path, init);
}

async function json(method: string, path: string, body?: unknown, status = 200): Promise<unknown> {
  const response = await call(method, path, body);
  if (response.status !== status) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

function flip(hash: string, bits: number): string {
  const digits = hash.split('').map((d) => Number.parseInt(d, 16));
  for (let b = 0; b < bits; b++) digits[b >> 2] = (digits[b >> 2] as number) ^ (1 << (b & 3));
  return digits.map((d) => d.toString(16)).join('');
}

const HASH = 'f0e1d2c3b4a5968778695a4b3c2d1e0f'.repeat(2);

describe('curator: /c/banks and /c/bank/<name>', () => {
  it('creates, shows, lists and switches banks in HMA’s shape', async () => {
    const created = await json('POST', '/c/banks', { name: 'HMA_TEXTS', enabled: false }, 201);
    expect(created).toMatchObject({ name: 'HMA_TEXTS', matching_enabled_ratio: 0, enabled: false });
    expect(await json('GET', '/c/bank/HMA_TEXTS')).toMatchObject({ name: 'HMA_TEXTS', matching_enabled_ratio: 0 });
    expect(await json('PUT', '/c/bank/HMA_TEXTS', { enabled_ratio: 1 })).toMatchObject({ matching_enabled_ratio: 1 });
    const banks = (await json('GET', '/c/banks')) as { name: string }[];
    expect(banks.map((b) => b.name)).toContain('HMA_TEXTS');
  });

  it('refuses bad names, duplicates, renames, partial ratios and unknown banks', async () => {
    const bad = await call('POST', '/c/banks', { name: 'lower-case' });
    expect(bad.status).toBe(400);
    await json('POST', '/c/banks', { name: 'HMA_ONCE' }, 201);
    expect((await call('POST', '/c/banks', { name: 'HMA_ONCE' })).status).toBe(400);
    const ratio = await call('PUT', '/c/bank/HMA_ONCE', { enabled_ratio: 0.5 });
    expect(await readProblem(ratio)).toMatchObject({ status: 400, pointer: '/body/enabled_ratio' });
    expect((await call('PUT', '/c/bank/HMA_ONCE', { name: 'HMA_TWICE' })).status).toBe(400);
    expect(await readProblem(await call('GET', '/c/bank/NOT_THERE'))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await call('POST', '/c/bank/NOT_THERE/signal', { pdq: HASH })).status).toBe(404);
  });
});

describe('curator signals, then matcher lookups', () => {
  let id = '';

  beforeAll(async () => {
    await json('POST', '/c/banks', { name: 'HMA_HASHES' }, 201);
    const added = (await json('POST', '/c/bank/HMA_HASHES/signal', { pdq: HASH, note: 'made up' }, 201)) as {
      id: string;
      signals: Record<string, string>;
    };
    expect(added.signals).toEqual({ pdq: HASH });
    id = added.id;
    expect(id).toMatch(/^be_\d+$/);
  });

  it('finds a near hash at once, by bank, with the distance as HMA sends it', async () => {
    const near = flip(HASH, 3);
    expect(await json('GET', `/m/lookup?signal=${near}&signal_type=pdq`)).toEqual({
      HMA_HASHES: [{ bank_content_id: id, distance: '3' }],
    });
    expect(await json('GET', `/m/lookup?signal=${flip(HASH, 40)}&signal_type=pdq`)).toEqual({});
    expect(await json('GET', `/m/lookup?signal=${near}&signal_type=pdq&banks=OTHER_BANK`)).toEqual({});
    expect(await json('GET', `/m/raw_lookup?signal=${near}&signal_type=pdq`)).toEqual({ matches: [id] });
    expect(await json('GET', `/m/raw_lookup?signal=${near}&signal_type=pdq&include_distance=true`)).toEqual({
      matches: [{ bank_content_id: id, distance: '3' }],
    });
  });

  it('stops matching a disabled bank in lookups, while raw_lookup still sees it', async () => {
    await json('PUT', '/c/bank/HMA_HASHES', { enabled: false });
    expect(await json('GET', `/m/lookup?signal=${HASH}&signal_type=pdq`)).toEqual({});
    expect(await json('GET', `/m/raw_lookup?signal=${HASH}&signal_type=pdq`)).toEqual({ matches: [id] });
    await json('PUT', '/c/bank/HMA_HASHES', { enabled: true });
    expect(await json('GET', `/m/lookup?signal=${HASH}&signal_type=pdq`)).toHaveProperty('HMA_HASHES');
  });

  it('accepts HMA’s video_md5 name and refuses malformed signals', async () => {
    const md5 = '00112233445566778899aabbccddeeff';
    await json('POST', '/c/bank/HMA_HASHES/signal', { video_md5: md5.toUpperCase() }, 201);
    const found = (await json('GET', `/m/lookup?signal=${md5}&signal_type=video_md5`)) as Record<string, unknown>;
    expect(Object.keys(found)).toEqual(['HMA_HASHES']);
    const bad = await call('GET', '/m/lookup?signal=abc&signal_type=pdq');
    expect(await readProblem(bad)).toMatchObject({ status: 400, pointer: '/query/signal' });
    expect((await call('GET', `/m/lookup?signal=${HASH}&signal_type=tmk`)).status).toBe(400);
    expect((await call('GET', '/m/lookup')).status).toBe(400);
    expect((await call('POST', '/c/bank/HMA_HASHES/signal', { pdq: 'zz' })).status).toBe(400);
  });

  it('compares pairs of hashes and reports the index', async () => {
    expect(await json('POST', '/m/compare', { pdq: [HASH, flip(HASH, 9)] })).toEqual({ pdq: [true, { distance: 9 }] });
    expect(await json('POST', '/m/compare', { pdq: [HASH, flip(HASH, 60)] })).toEqual({
      pdq: [false, { distance: 60 }],
    });
    expect((await call('POST', '/m/compare', { pdq: [HASH] })).status).toBe(400);
    const status = (await json('GET', '/m/index/status')) as Record<string, { present: boolean; size: number }>;
    expect(Object.keys(status).sort()).toEqual(['audio-fingerprint', 'md5', 'pdq', 'sha256', 'tmk', 'vpdq']);
    expect(status.pdq).toMatchObject({ present: true, built_to: expect.any(Number) });
    expect(status.pdq?.size).toBeGreaterThanOrEqual(1);
    expect(Object.keys((await json('GET', '/m/index/status?signal_type=pdq')) as object)).toEqual(['pdq']);
  });
});

describe('hasher and uploads', () => {
  const form = (field: string, bytes: Buffer, extra: Record<string, string> = {}) => {
    const data = new FormData();
    data.append(field, new Blob([bytes], { type: 'image/png' }), 'upload.png');
    for (const [k, v] of Object.entries(extra)) data.append(k, v);
    return data;
  };

  it('hashes a multipart photo and a raw body alike', async () => {
    const multipart = (await json('POST', '/h/hash', form('photo', picture))) as Record<string, string>;
    expect(multipart.pdq).toBe(pdq);
    expect(multipart.md5).toMatch(/^[0-9a-f]{32}$/);
    const raw = await t.get('/h/hash', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'image/png' },
      body: new Uint8Array(picture),
    });
    expect(await raw.json()).toEqual(multipart);
    const only = (await json('POST', '/h/hash?types=pdq', form('photo', picture))) as Record<string, string>;
    expect(Object.keys(only)).toEqual(['pdq']);
  });

  it('banks an uploaded photo, then finds it and its mirror', async () => {
    await json('POST', '/c/banks', { name: 'HMA_UPLOADS' }, 201);
    const metadata = JSON.stringify({ content_id: 'case-7' });
    const added = (await json(
      'POST',
      '/c/bank/HMA_UPLOADS/content',
      form('photo', picture, { note: 'synthetic', metadata }),
      201,
    )) as { id: string; ids: Record<string, string>; signals: Record<string, string> };
    expect(added.signals.pdq).toBe(pdq);
    expect(Object.keys(added.ids).sort()).toEqual(['md5', 'pdq', 'sha256']);
    const found = (await json('POST', '/m/lookup', form('photo', picture))) as Record<string, Record<string, unknown>>;
    expect(Object.keys(found.pdq ?? {})).toContain('HMA_UPLOADS');
    expect(found.md5).toEqual({ HMA_UPLOADS: [{ bank_content_id: added.ids.md5, distance: '0' }] });
    const shown = await json('GET', `/c/bank/HMA_UPLOADS/content/${added.ids.pdq}?include_signals=true`);
    expect(shown).toMatchObject({
      id: added.ids.pdq,
      note: 'synthetic',
      signals: { pdq },
      bank: { name: 'HMA_UPLOADS' },
    });
    const listed = (await json('GET', '/c/bank/HMA_UPLOADS/content?limit=2')) as {
      rows: { source: string }[];
      next: string;
    };
    expect(listed.rows).toHaveLength(2);
    expect(listed.rows[0]?.source).toBe('hma-api:case-7');
    expect(listed.next).toEqual(expect.any(String));
    // A mirrored copy is a different picture to a plain lookup (HMA looks up the hash as it is).
    const mirror = (await json('POST', '/m/lookup?types=pdq', form('photo', await mirrored(picture)))) as object;
    expect(mirror).toEqual({ pdq: {} });
  });

  it('refuses uploads over the byte limit, empty uploads and a corrupt picture', async () => {
    const big = await t.get('/h/hash', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(MAX_MEDIA + 1),
    });
    expect(big.status).toBe(413);
    expect((await call('POST', '/h/hash', new FormData())).status).toBe(400);
    const corrupt = await call('POST', '/h/hash', form('photo', Buffer.from('not a picture')));
    expect(await readProblem(corrupt)).toMatchObject({ status: 400, code: 'INPUT_INVALID' });
    expect((await call('POST', '/h/hash', form('document', picture))).status).toBe(400);
  });

  it('fetches a URL only from a listed host, and follows no redirect off the list', async () => {
    const hashed = (await json('GET', `/h/hash?url=${encodeURIComponent(`${originUrl}/picture.png`)}`)) as {
      pdq: string;
    };
    expect(hashed.pdq).toBe(pdq);
    const port = (origin.address() as AddressInfo).port;
    const unlisted = await call('GET', `/h/hash?url=${encodeURIComponent(`http://localhost:${port}/picture.png`)}`);
    expect(await readProblem(unlisted)).toMatchObject({
      status: 400,
      detail: expect.stringMatching(/not in the list/),
    });
    const away = await call('GET', `/h/hash?url=${encodeURIComponent(`${originUrl}/away`)}`);
    expect(await readProblem(away)).toMatchObject({ detail: expect.stringMatching(/localhost is not in the list/) });
    const missing = await call('GET', `/h/hash?url=${encodeURIComponent(`${originUrl}/nothing`)}`);
    expect(await readProblem(missing)).toMatchObject({ detail: expect.stringMatching(/HTTP 404/) });
    const ftp = await call('GET', `/h/hash?url=${encodeURIComponent('ftp://127.0.0.1/x.png')}`);
    expect(ftp.status).toBe(400);
    const lookup = (await json('GET', `/m/lookup?url=${encodeURIComponent(`${originUrl}/picture.png`)}`)) as object;
    expect(Object.keys(lookup).sort()).toEqual(['md5', 'pdq', 'sha256']);
  });
});

describe('roles and auth', () => {
  it('needs the API token like every other route', async () => {
    expect((await t.get('/m/index/status')).status).toBe(401);
    expect((await t.get('/c/banks', { method: 'GET' })).status).toBe(401);
  });

  it('offers only the routes of the roles a server plays', async () => {
    expect((await matcherOnly.get('/m/index/status')).status).toBe(200);
    expect((await matcherOnly.get('/c/banks')).status).toBe(404);
    expect((await matcherOnly.get('/h/hash?url=http://127.0.0.1/x.png')).status).toBe(404);
    const url = await matcherOnly.get(`/m/lookup?url=${encodeURIComponent(`${originUrl}/picture.png`)}`);
    expect(await readProblem(url)).toMatchObject({ detail: expect.stringMatching(/hasher role/) });
  });

  it('never fetches a URL while no hosts are listed', async () => {
    const hasher = await startTestServer({ setup: setupWith({ hma: { roles: ['hasher', 'matcher'] } }) });
    try {
      for (const path of ['/h/hash', '/m/lookup']) {
        const response = await hasher.get(`${path}?url=${encodeURIComponent(`${originUrl}/picture.png`)}`);
        expect(await readProblem(response)).toMatchObject({
          status: 400,
          pointer: '/query/url',
          detail: expect.stringMatching(/does not fetch URLs.*hma\.fetchHosts/),
        });
      }
    } finally {
      await hasher.close();
    }
  });

  it('is off unless roles are configured', async () => {
    const plain = await startTestServer({ setup: { loadConfig, createLoggers } });
    try {
      expect((await plain.get('/m/index/status')).status).toBe(404);
      expect((await plain.get('/c/banks')).status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
