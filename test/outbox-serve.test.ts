import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../src/actions/webhook-signature.js';
import { cliDatabase } from '../src/cli/testing/cli-database.js';
import buildOnce from './build-once.js';

/**
 * A reviewer's decision leaves Rasd by itself: `rasd serve` with an outbox target in its config
 * delivers each decision, HMAC-signed with the secret from the target's file, to a real local
 * receiver, and the row shows as delivered in `rasd outbox list`.
 */

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'dist', 'src', 'cli', 'main.js');
const SECRET = 'a-receiver-shared-secret-0123456789';
const PASSWORD = 'correct horse battery staple';

let dir: string;
/** The database every command and `rasd serve` use: `cliDatabase` for `rasd.db` in `dir`. */
let db: string;
let serve: ChildProcess;
let receiver: Server;
const received: { headers: IncomingHttpHeaders; body: string }[] = [];

function rasd(args: string[], input?: string): string {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir,
    input,
    encoding: 'utf8',
    env: { ...process.env, RASD_LOG_LEVEL: 'silent', RASD_CONFIG: join(dir, 'rasd.yaml') },
  });
  if (r.status !== 0) throw new Error(`rasd ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

beforeAll(async () => {
  buildOnce();
  dir = mkdtempSync(join(tmpdir(), 'rasd-outbox-'));
  db = await cliDatabase(join(dir, 'rasd.db'));
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  const port = (receiver.address() as AddressInfo).port;
  writeFileSync(join(dir, 'decisions.secret'), `${SECRET}\n`);
  writeFileSync(
    join(dir, 'rasd.yaml'),
    [
      'outbox:',
      '  intervalSeconds: 1',
      '  targets:',
      '    decisions:',
      `      url: http://127.0.0.1:${port}/hooks/rasd`,
      `      secretFile: ${join(dir, 'decisions.secret')}`,
      '',
    ].join('\n'),
  );
  const item = {
    platform: 'telegram',
    chat: { id: '-100555', title: 'Outbox test', type: 'channel' },
    messageId: '7',
    postedAt: new Date().toISOString(),
    text: 'RASD-TEST-MARKER:praise:0.6',
  };
  writeFileSync(join(dir, 'items.jsonl'), `${JSON.stringify(item)}\n`);
  rasd(['scan', 'items.jsonl', '--db', db]);
  rasd(['user', 'add', 'rima', '--role', 'reviewer', '--db', db], `${PASSWORD}\n`);
}, 600_000);

afterAll(async () => {
  serve?.kill('SIGTERM');
  await new Promise((done) => receiver?.close(done));
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

async function startServe(): Promise<string> {
  serve = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--db', db], {
    cwd: dir,
    env: { ...process.env, RASD_LOG_LEVEL: 'silent', RASD_CONFIG: join(dir, 'rasd.yaml') },
  });
  return new Promise<string>((done, fail) => {
    let err = '';
    serve.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const m = /serving (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
      if (m?.[1]) done(m[1]);
    });
    serve.on('exit', () => fail(new Error(`serve exited: ${err}`)));
  });
}

describe('rasd serve with an outbox target', () => {
  it('delivers a decision, signed, and records it as delivered', async () => {
    const url = await startServe();
    const login = await fetch(`${url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'rima', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const post = (path: string, body: unknown) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const taken = (await (await post('/api/cases/next', {})).json()) as { caseId: string };
    const decided = await post(`/api/cases/${taken.caseId}/decision`, { outcome: 'remove', category: 'praise' });
    expect(decided.status).toBe(200);

    await expect.poll(() => received.length, { timeout: 20_000 }).toBe(1);
    const [delivery] = received;
    const check = verifyWebhookSignature(
      delivery?.body ?? '',
      delivery?.headers['x-rasd-signature'] as string,
      SECRET,
      { toleranceSeconds: 300, timestampHeader: delivery?.headers['x-rasd-timestamp'] as string },
    );
    expect(check.ok).toBe(true);
    expect(delivery?.headers['idempotency-key']).toMatch(new RegExp(`^decision:${taken.caseId}@`));
    expect(delivery?.body).toContain('"outcome":"remove"');
    // Who decided stays in Rasd's audit log; receivers get the decision, not the reviewer.
    expect(delivery?.body).not.toContain('rima');

    expect(rasd(['outbox', 'list', '--db', db])).toMatch(
      /^decision:case_\S+\tdecisions\tdecision\.remove\tdelivered\t1 attempts\n$/,
    );
  });
});
