import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import buildOnce from '../../../test/build-once.js';
import { groupMessage, messageUpdate, supergroup } from '../../connectors/telegram/bot-api/testing/bot-updates.js';
import {
  adminMember,
  type FakeBotApi,
  startFakeBotApi,
} from '../../connectors/telegram/bot-api/testing/fake-bot-api.js';
import { cliDatabase } from '../testing/cli-database.js';

/**
 * `rasd telegram …` as a user runs it: the built CLI, a temp database (a SQLite file, or PostgreSQL
 * in the `cli-on-postgres` project), real exit codes. The bot runs against a local stand-in for the
 * Bot API; nothing here reaches Telegram.
 */
const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const BIN = join(ROOT, 'dist', 'src', 'cli', 'main.js');

/** The parent's RASD_* variables out, so a developer's own Telegram settings cannot leak in or hide a failure. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('RASD_')));
  return { ...env, RASD_LOG_LEVEL: 'silent', ...extra };
}

function rasd(args: string[], cwd: string, env: Record<string, string> = {}, input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: childEnv(env),
    ...(input !== undefined && { input }),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The same, without blocking: the fake Bot API runs in this process, and a `spawnSync` would
 * freeze it while the bot under test is waiting for an answer.
 */
function rasdAsync(args: string[], cwd: string, env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: childEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.once('error', fail);
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
}

interface StatusJson {
  session: 'saved' | 'missing';
  watches: { ref: string; chatId?: string; active: boolean; join: boolean; backfill: string; fetched: number }[];
  moderated: { chatId: string; canDelete: boolean; canBan: boolean }[];
  actions: Record<string, number>;
  deletions: Record<string, number>;
}

function status(cwd: string, db: string, env: Record<string, string> = {}): StatusJson {
  const r = rasd(['telegram', 'status', '--json', '--db', db], cwd, env);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as StatusJson;
}

beforeAll(() => buildOnce(), 600_000);

const workdir = () => mkdtempSync(join(tmpdir(), 'rasd-telegram-cli-'));
/** The database a test in `dir` passes to `--db`: `dir/x.db`, or the PostgreSQL database standing for it. */
const database = (dir: string) => cliDatabase(join(dir, 'x.db'));
const children: ChildProcess[] = [];
const fakes: FakeBotApi[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const fake of fakes.splice(0)) await fake.close();
});

// Each run of the CLI opens the context (model, policy, store): a few seconds apiece on a busy machine.
describe('rasd telegram watch, unwatch, status', { timeout: 240_000 }, () => {
  it('keeps one entry per chat whatever form it was named in, and unwatching keeps it', async () => {
    const dir = workdir();
    const db = await database(dir);
    const added = rasd(['telegram', 'watch', '@Alpha_Channel', 't.me/beta_group', '--db', db], dir);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('resolved when the monitor starts');

    const again = rasd(['telegram', 'watch', 'https://t.me/alpha_channel', '--db', db], dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('@alpha_channel\talready watched');

    let seen = status(dir, db);
    expect(seen.session).toBe('missing');
    expect(seen.watches.map((w) => [w.ref, w.active, w.backfill, w.fetched, w.chatId])).toEqual([
      ['@alpha_channel', true, 'pending', 0, undefined],
      ['@beta_group', true, 'pending', 0, undefined],
    ]);

    const off = rasd(['telegram', 'unwatch', 'alpha_channel', '--db', db], dir);
    expect(off.code).toBe(0);
    expect(off.stdout).toContain('@alpha_channel\tunwatched');
    seen = status(dir, db);
    expect(seen.watches.find((w) => w.ref === '@alpha_channel')?.active).toBe(false);
    expect(seen.watches.find((w) => w.ref === '@beta_group')?.active).toBe(true);

    const back = rasd(['telegram', 'watch', '@alpha_channel', '--join', '--db', db], dir);
    expect(back.stdout).toContain('watched again');
    expect(status(dir, db).watches.find((w) => w.ref === '@alpha_channel')).toMatchObject({ active: true, join: true });
  });

  it('reports each bad ref with what to write instead, keeps the good ones, and exits 1', async () => {
    const dir = workdir();
    const db = await database(dir);
    const r = rasd(['telegram', 'watch', '@good_channel', 'no spaces here', 't.me/c/123/4', '--db', db], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('"no spaces here"');
    expect(r.stderr).toContain('"t.me/c/123/4"');
    expect(r.stdout).toContain('@good_channel\twatched');
    expect(status(dir, db).watches.map((w) => w.ref)).toEqual(['@good_channel']);
  });

  it('unwatch of a chat that is not on the list says so and exits 1', async () => {
    const dir = workdir();
    const db = await database(dir);
    rasd(['telegram', 'watch', '@known_channel', '--db', db], dir);
    const r = rasd(['telegram', 'unwatch', '@unknown_channel', '--db', db], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('"@unknown_channel" is not on the watch list');
    expect(status(dir, db).watches.map((w) => [w.ref, w.active])).toEqual([['@known_channel', true]]);
  });

  it('a session sealed with another key fails the monitor with exit 2, printing neither key nor session', async () => {
    const dir = workdir();
    const db = await database(dir);
    const session = `1AgAOMTQ5LjE1NC4xNjcuNTEBu${'R'.repeat(300)}=`;
    const env = {
      RASD_TELEGRAM_API_ID: '1234567',
      RASD_TELEGRAM_API_HASH: 'fedcba9876543210fedcba9876543210',
      RASD_TELEGRAM_SESSION_KEY: 'cd'.repeat(32),
    };
    const saved = rasd(['telegram', 'login', '--session-string-stdin', '--db', db], dir, env, `${session}\n`);
    expect(saved.code).toBe(0);
    const wrong = { ...env, RASD_TELEGRAM_SESSION_KEY: 'ef'.repeat(32) };
    const r = rasd(['telegram', 'monitor', '--db', db], dir, wrong);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('rasd telegram login');
    for (const secret of [
      env.RASD_TELEGRAM_SESSION_KEY,
      wrong.RASD_TELEGRAM_SESSION_KEY,
      session.slice(0, 40),
      env.RASD_TELEGRAM_API_HASH,
    ]) {
      expect(r.stdout).not.toContain(secret);
      expect(r.stderr).not.toContain(secret);
    }
  });
});

describe('rasd telegram login', { timeout: 120_000 }, () => {
  it('names every missing variable and the docs section, exits 2, and writes no session', async () => {
    const dir = workdir();
    const db = await database(dir);
    const r = rasd(['telegram', 'login', '--phone', '+10000000000', '--db', db], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('RASD_TELEGRAM_API_ID, RASD_TELEGRAM_API_HASH, RASD_TELEGRAM_SESSION_KEY');
    expect(r.stderr).toContain('docs/telegram.md#1-api-id-and-hash');
    expect(r.stdout).toBe('');
    expect(status(dir, db).session).toBe('missing');
  });

  it('names only the variable still missing', async () => {
    const dir = workdir();
    const db = await database(dir);
    const r = rasd(['telegram', 'login', '--db', db], dir, {
      RASD_TELEGRAM_API_ID: '1234567',
      RASD_TELEGRAM_API_HASH: 'fedcba9876543210fedcba9876543210',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/RASD_TELEGRAM_SESSION_KEY is not set.*docs\/telegram\.md#2-the-session-key/);
    expect(r.stderr).not.toContain('RASD_TELEGRAM_API_ID');
  });
});

describe('rasd telegram login --session-string-stdin', { timeout: 120_000 }, () => {
  it('seals the session into a 0600 file, prints only where, and status then says saved', async () => {
    const dir = workdir();
    const db = await database(dir);
    const session = `1AgAOMTQ5LjE1NC4xNjcuNTEBu${'Q'.repeat(300)}=`;
    const env = {
      RASD_TELEGRAM_API_ID: '1234567',
      RASD_TELEGRAM_API_HASH: 'fedcba9876543210fedcba9876543210',
      RASD_TELEGRAM_SESSION_KEY: 'cd'.repeat(32),
    };
    const r = rasd(['telegram', 'login', '--session-string-stdin', '--db', db], dir, env, `${session}\n`);
    const file = join(dir, 'rasd-telegram.session');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`session saved to ${file}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toContain(session.slice(0, 40));
    expect(status(dir, db, env).session).toBe('saved');
  });

  it('refuses what is not a session string, and saves nothing', async () => {
    const dir = workdir();
    const db = await database(dir);
    const env = {
      RASD_TELEGRAM_API_ID: '1234567',
      RASD_TELEGRAM_API_HASH: 'fedcba9876543210fedcba9876543210',
      RASD_TELEGRAM_SESSION_KEY: 'cd'.repeat(32),
    };
    const r = rasd(['telegram', 'login', '--session-string-stdin', '--db', db], dir, env, 'not a session\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('one GramJS session string');
    expect(existsSync(join(dir, 'rasd-telegram.session'))).toBe(false);
  });
});

describe('rasd telegram monitor and recheck', { timeout: 120_000 }, () => {
  it('need a saved session: without one they say to log in and exit 2, before any connection', async () => {
    const dir = workdir();
    const db = await database(dir);
    const env = {
      RASD_TELEGRAM_API_ID: '1234567',
      RASD_TELEGRAM_API_HASH: 'fedcba9876543210fedcba9876543210',
      RASD_TELEGRAM_SESSION_KEY: 'cd'.repeat(32),
    };
    for (const command of ['monitor', 'recheck']) {
      const r = rasd(['telegram', command, '--db', db], dir, env);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('rasd telegram login');
      expect(r.stderr).not.toContain(env.RASD_TELEGRAM_SESSION_KEY);
    }
    const bare = rasd(['telegram', 'monitor', '--db', db], dir);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain(
      'RASD_TELEGRAM_API_ID, RASD_TELEGRAM_API_HASH, RASD_TELEGRAM_SESSION_KEY are not set',
    );
  });
});

describe('rasd telegram bot', { timeout: 120_000 }, () => {
  it('refuses to start without RASD_TELEGRAM_BOT_TOKEN', async () => {
    const dir = workdir();
    const r = rasd(['telegram', 'bot', '--db', await database(dir)], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('RASD_TELEGRAM_BOT_TOKEN is not set');
  });

  it('--dry-run scans a violating group message, records the delete as dry-run, calls nothing, and stops on SIGTERM', async () => {
    const fake = await startFakeBotApi();
    fakes.push(fake);
    const group = supergroup();
    fake.setRights(group.id, adminMember(fake.bot, { can_delete_messages: true, can_restrict_members: true }));
    fake.enqueue(messageUpdate(groupMessage(41, { text: 'RASD-TEST-MARKER' })));
    fake.enqueue(messageUpdate(groupMessage(42, { text: 'see you at the market tomorrow' })));

    const dir = workdir();
    const db = await database(dir);
    // A short pick-up interval so the test does not wait the default five seconds per round.
    writeFileSync(join(dir, 'rasd.json'), JSON.stringify({ telegram: { bot: { actionIntervalSeconds: 0.2 } } }));
    const env = {
      RASD_CONFIG: join(dir, 'rasd.json'),
      RASD_TELEGRAM_BOT_TOKEN: fake.token,
      RASD_TELEGRAM_BOT_API_ROOT: fake.url,
    };
    const child = spawn(process.execPath, [BIN, 'telegram', 'bot', '--dry-run', '--db', db], {
      cwd: dir,
      env: childEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));

    let last: StatusJson | undefined;
    const seen = await waitFor(
      async () => {
        const r = await rasdAsync(['telegram', 'status', '--json', '--db', db], dir, env);
        expect(r.code, r.stderr).toBe(0);
        last = JSON.parse(r.stdout) as StatusJson;
        return (last.actions['dry-run'] ?? 0) >= 1 ? last : undefined;
      },
      60_000,
      () => `status ${JSON.stringify(last)}, bot calls ${fake.calls.map((c) => c.method)}, stderr ${stderr}`,
    );
    // One violating message, one delete, recorded and not taken; the neutral message asked for nothing.
    expect(Object.entries(seen.actions).filter(([, n]) => n > 0)).toEqual([['dry-run', 1]]);
    expect(seen.moderated).toEqual([expect.objectContaining({ chatId: '1234567890', canDelete: true, canBan: true })]);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('dry-run');
    expect(stderr).not.toContain(fake.token);
    expect(fake.callsOf('deleteMessage')).toEqual([]);
    expect(fake.callsOf('banChatMember')).toEqual([]);
    expect(fake.callsOf('getUpdates').length).toBeGreaterThan(0);
  });
});

/** Polls `probe` every 300 ms until it returns a value; after `ms` fails saying `state()`. */
async function waitFor<T>(probe: () => Promise<T | undefined>, ms: number, state: () => string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up after ${ms} ms: ${state()}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}
