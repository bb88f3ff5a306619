import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../../actions/index.js';
import { cliDatabase, openTestStore } from '../testing/cli-database.js';
import { commandRunner } from './command-runner.js';
import { registerOutbox, settingsFromFlags } from './outbox.js';
import { registerReferrals } from './referrals.js';

/** `rasd outbox run --once|list`, in-process, on a temporary SQLite file (or PostgreSQL database) and a loopback receiver. */

const dir = mkdtempSync(join(tmpdir(), 'rasd-outbox-cmd-'));
const SECRET = 'cli-outbox-secret-not-real';
const secretFile = join(dir, 'telegram.secret');
writeFileSync(secretFile, `${SECRET}\n`);
let server: Server | undefined;
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  rmSync(dir, { recursive: true, force: true });
});

const rasd = commandRunner(registerReferrals, registerOutbox);

async function receiver(): Promise<{ url: string; seen: { key: string; ok: boolean }[] }> {
  const seen: { key: string; ok: boolean }[] = [];
  const listening = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const check = verifyWebhookSignature(Buffer.concat(chunks), req.headers['x-rasd-signature'] as string, SECRET, {
        toleranceSeconds: 300,
      });
      seen.push({ key: req.headers['idempotency-key'] as string, ok: check.ok });
      res.writeHead(204).end();
    });
  });
  server = listening;
  await new Promise<void>((done) => listening.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(listening.address() as AddressInfo).port}/in`, seen };
}

describe('rasd outbox', () => {
  it('delivers a built referral batch once, signed, and lists it as delivered', async () => {
    const db = await cliDatabase(join(dir, 'outbox.db'));
    const store = await openTestStore(db);
    const decidedAt = '2024-05-01T10:05:00.000Z';
    await store.queueReferral(
      {
        decisionId: `case-1@${decidedAt}`,
        decidedAt,
        platform: 'telegram',
        chat: { id: '-1001', username: 'somechannel' },
        messageId: '1',
        category: 'praise',
        evidence: { sha256: ['a'.repeat(64)] },
      },
      decidedAt,
    );
    await store.close();
    const built = await rasd(['referrals', 'build', '--db', db]);
    const batchId = built.split('\t')[0] as string;
    const sink = await receiver();
    const run = ['outbox', 'run', '--once', '--db', db];
    const targets = ['--target', `telegram=${sink.url}`, '--secret-file', `telegram=${secretFile}`];

    expect(await rasd(['outbox', 'list', '--status', 'pending', '--db', db])).toMatch(`batch:${batchId}\ttelegram\t`);
    expect(await rasd([...run, ...targets])).toBe('1 delivered, 0 to retry, 0 given up\n');
    expect(await rasd([...run, ...targets])).toBe('0 delivered, 0 to retry, 0 given up\n');
    expect(sink.seen).toEqual([{ key: `batch:${batchId}`, ok: true }]);
    expect(await rasd(['outbox', 'list', '--db', db])).toBe(
      `batch:${batchId}\ttelegram\treferral.batch\tdelivered\t1 attempts\n`,
    );

    const audit = await openTestStore(db);
    const actions = (await audit.listAudit({ limit: 10 })).rows.map((e) => e.action);
    await audit.close();
    // Other entries (settings seen at start) may come first; these two are in this order.
    expect(actions.filter((a) => a.startsWith('referral.') || a.startsWith('outbox.'))).toEqual([
      'referral.batch',
      'outbox.delivered',
    ]);
  });

  it('refuses a target without a secret file, and a secret on the command line is not an option', () => {
    expect(() => settingsFromFlags({ target: ['telegram=http://127.0.0.1:1/'], secretFile: [] })).toThrow(
      /no --secret-file telegram=PATH/,
    );
    expect(() => settingsFromFlags({ target: ['telegram=ftp://x/'], secretFile: [] })).toThrow(/http\(s\)/);
    expect(() => settingsFromFlags({ target: [], secretFile: [`telegram=${secretFile}`] })).toThrow(/no --target/);
    expect(
      settingsFromFlags({ target: ['telegram=http://127.0.0.1:1/'], secretFile: [`telegram=${secretFile}`] }),
    ).toEqual({ targets: { telegram: { url: 'http://127.0.0.1:1/', secret: SECRET } } });
  });
});
