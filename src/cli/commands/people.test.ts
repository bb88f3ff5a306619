import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import Database from 'better-sqlite3';
import { Command } from 'commander';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { hashApiKey } from '../../review/api-keys.js';
import { cliDatabase, onPostgres, openTestStore } from '../testing/cli-database.js';
import { registerApiKey } from './apikey.js';
import { registerAudit } from './audit.js';
import { registerBank } from './bank.js';
import { registerUser } from './user.js';

/**
 * `rasd user add`, `rasd apikey create`, `rasd audit verify`, in-process, on a temporary file (or
 * PostgreSQL database).
 */

const dir = mkdtempSync(join(tmpdir(), 'rasd-people-cmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  process.exitCode = undefined;
});

interface Run {
  out: string;
  err: string;
  exitCode: number;
}

async function rasd(args: string[], stdin = ''): Promise<Run> {
  const program = new Command('rasd').exitOverride();
  registerUser(program);
  registerApiKey(program);
  registerAudit(program);
  registerBank(program);
  const printed = { out: '', err: '' };
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.out += String(chunk);
      return true;
    }),
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.err += String(chunk);
      return true;
    }),
  ];
  const input = vi
    .spyOn(process, 'stdin', 'get')
    .mockReturnValue(Readable.from([stdin]) as unknown as typeof process.stdin);
  process.exitCode = undefined;
  try {
    await program.parseAsync(['node', 'rasd', ...args]);
  } finally {
    for (const spy of spies) spy.mockRestore();
    input.mockRestore();
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { ...printed, exitCode };
}

/**
 * Runs SQL on the database behind a `--db` value past Rasd, as someone with direct access to the
 * file or server would. On SQLite, `onFile` says how: `exec` for statements, `all` for a query.
 */
async function onRaw<T>(db: string, sql: string, onFile: (file: Database.Database) => T): Promise<T | unknown[]> {
  if (!onPostgres) {
    const file = new Database(db);
    try {
      return onFile(file);
    } finally {
      file.close();
    }
  }
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  try {
    // Several statements come back as one result each; the last is the one that answers.
    const results: pg.QueryResult | pg.QueryResult[] = await client.query(sql);
    return (Array.isArray(results) ? results.at(-1) : results)?.rows ?? [];
  } finally {
    await client.end();
  }
}

const rawExec = async (db: string, sql: string): Promise<void> => {
  await onRaw(db, sql, (file) => file.exec(sql));
};
const rawRows = (db: string, sql: string): Promise<unknown[]> => onRaw(db, sql, (file) => file.prepare(sql).all());

/** Each dialect names a trigger its own way: PostgreSQL scopes it to its table. */
const DROP_AUDIT_TRIGGERS = ['audit_log_no_update', 'audit_log_no_delete']
  .map((t) => `DROP TRIGGER IF EXISTS ${t}${onPostgres ? ' ON audit_log' : ''};`)
  .join(' ');

/** Changes the database as an attacker with write access would: triggers dropped, rows changed by hand. */
async function tamper(db: string, sql: string): Promise<void> {
  await rawExec(db, `${DROP_AUDIT_TRIGGERS} ${sql}`);
}

async function populated(name: string): Promise<string> {
  const db = await cliDatabase(join(dir, `${name}.db`));
  expect(
    (await rasd(['user', 'add', 'alice', '--role', 'analyst', '--db', db], 'a long enough password\n')).exitCode,
  ).toBe(0);
  expect(
    (await rasd(['apikey', 'create', '--role', 'partner', '--partner', 'telegram', '--name', 'ngo', '--db', db]))
      .exitCode,
  ).toBe(0);
  await rasd(['bank', 'create', 'DEMO_BANK', '--reason', 'new source', '--db', db]);
  await rasd(['bank', 'disable', 'DEMO_BANK', '--db', db]);
  return db;
}

describe('rasd user add', () => {
  it('reads the password from stdin, stores only its scrypt hash, and audits the creation', async () => {
    const db = await cliDatabase(join(dir, 'user.db'));
    const run = await rasd(
      ['user', 'add', 'alice', '--role', 'reviewer', '--reason', 'new hire', '--db', db],
      'a long enough password\n',
    );
    expect(run).toMatchObject({ out: 'added user alice (reviewer)\n', exitCode: 0 });
    const store = await openTestStore(db);
    try {
      const user = await store.getUserByName('alice');
      expect(user?.role).toBe('reviewer');
      expect(user?.passwordHash).toMatch(/^scrypt\$/);
      expect(user?.passwordHash).not.toContain('a long enough password');
      // The first start on this file records its settings first (app/setting-audit.ts).
      const [settings, entry] = (await store.listAudit({ limit: 10 })).rows;
      expect(settings).toMatchObject({ action: 'setting.change', actor: 'system' });
      expect(entry).toMatchObject({
        action: 'user.create',
        target: 'alice',
        reason: 'new hire',
        actor: expect.stringMatching(/^cli:/),
      });
    } finally {
      await store.close();
    }
  });

  it('refuses a short password, and a duplicate or malformed name', async () => {
    const db = await cliDatabase(join(dir, 'user2.db'));
    await expect(rasd(['user', 'add', 'bob', '--role', 'admin', '--db', db], 'short\n')).rejects.toThrow(/12 to 1024/);
    await rasd(['user', 'add', 'bob', '--role', 'admin', '--db', db], 'another long password\n');
    await expect(
      rasd(['user', 'add', 'bob', '--role', 'admin', '--db', db], 'another long password\n'),
    ).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await expect(
      rasd(['user', 'add', 'Bob Smith', '--role', 'admin', '--db', db], 'another long password\n'),
    ).rejects.toMatchObject({ code: 'INPUT_INVALID' });
  });
});

describe('partners', () => {
  it('are made with the platforms they represent, by user and by key', async () => {
    const db = await cliDatabase(join(dir, 'partner.db'));
    const added = await rasd(
      ['user', 'add', 'tg', '--role', 'partner', '--partner', 'telegram', '--db', db],
      'a long enough password\n',
    );
    expect(added).toMatchObject({ out: 'added user tg (partner for telegram)\n', exitCode: 0 });
    const created = await rasd([
      'apikey',
      'create',
      '--role',
      'partner',
      '--partner',
      'telegram,example-app',
      '--db',
      db,
    ]);
    const key = created.out.trim();
    const store = await openTestStore(db);
    try {
      expect((await store.getUserByName('tg'))?.partner).toEqual(['telegram']);
      expect((await store.findApiKey(hashApiKey(key)))?.partner).toEqual(['telegram', 'example-app']);
      const details = (await store.listAudit({ limit: 10 })).rows.map((e) => e.details.partner);
      expect(details).toEqual([undefined, 'telegram', 'telegram,example-app']);
    } finally {
      await store.close();
    }
  });

  it('refuse --role partner without --partner, and --partner with another role', async () => {
    const db = await cliDatabase(join(dir, 'partner2.db'));
    const password = 'a long enough password\n';
    await expect(rasd(['user', 'add', 'tg', '--role', 'partner', '--db', db], password)).rejects.toThrow(
      /--role partner needs --partner/,
    );
    await expect(
      rasd(['user', 'add', 'ana', '--role', 'analyst', '--partner', 'telegram', '--db', db], password),
    ).rejects.toThrow(/--partner is only for --role partner/);
    await expect(rasd(['apikey', 'create', '--role', 'partner', '--db', db])).rejects.toMatchObject({
      code: 'INPUT_INVALID',
    });
    await expect(
      rasd(['apikey', 'create', '--role', 'reviewer', '--partner', 'telegram', '--db', db]),
    ).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await expect(
      rasd(['apikey', 'create', '--role', 'partner', '--partner', 'Not A Platform', '--db', db]),
    ).rejects.toMatchObject({ code: 'INPUT_INVALID', pointer: 'partner' });
  });
});

describe('rasd apikey create', () => {
  it('prints the key once and stores only its hash, with the role', async () => {
    const db = await cliDatabase(join(dir, 'key.db'));
    const run = await rasd(['apikey', 'create', '--role', 'analyst', '--name', 'platform-x', '--db', db]);
    const key = run.out.trim();
    expect(key).toMatch(/^rasd_[A-Za-z0-9_-]{43}$/);
    expect(run.err).toMatch(/shown only this once/);
    expect(run.err).not.toContain(key);
    const store = await openTestStore(db);
    try {
      expect(await store.findApiKey(hashApiKey(key))).toMatchObject({ name: 'platform-x', role: 'analyst' });
      const dump =
        JSON.stringify(await rawRows(db, 'SELECT * FROM api_key')) +
        JSON.stringify(await rawRows(db, 'SELECT * FROM audit_log'));
      expect(dump).not.toContain(key);
    } finally {
      await store.close();
    }
  });
});

describe('rasd audit verify', () => {
  it('exits 0 on an intact chain of user, key and bank changes', async () => {
    const db = await populated('intact');
    const run = await rasd(['audit', 'verify', '--db', db]);
    expect(run.exitCode).toBe(0);
    expect(run.out).toMatch(/^audit log OK: 5 entries, head [0-9a-f]{64}\n$/);
    const store = await openTestStore(db);
    try {
      const actions = (await store.listAudit({ limit: 10 })).rows.map((e) => [e.action, e.target, e.reason]);
      expect(actions).toEqual([
        ['setting.change', 'config', 'settings at first start with this audit log'],
        ['user.create', 'alice', 'rasd user add (no --reason given)'],
        ['apikey.create', expect.stringMatching(/^key_/), 'rasd apikey create (no --reason given)'],
        ['bank.create', 'DEMO_BANK', 'new source'],
        ['bank.disable', 'DEMO_BANK', 'rasd bank (no --reason given)'],
      ]);
    } finally {
      await store.close();
    }
  });

  it('keeps audit rows append-only for anyone who has not dropped the triggers', async () => {
    const db = await populated('triggers');
    await expect(rawExec(db, "UPDATE audit_log SET reason = 'x' WHERE seq = 1")).rejects.toThrow(/append-only/);
    await expect(rawExec(db, 'DELETE FROM audit_log WHERE seq = 1')).rejects.toThrow(/append-only/);
    expect((await rasd(['audit', 'verify', '--db', db])).exitCode).toBe(0);
  });

  it('exits 1 naming the edited entry', async () => {
    const db = await populated('edited');
    await tamper(db, "UPDATE audit_log SET reason = 'nothing to see' WHERE seq = 3");
    const run = await rasd(['audit', 'verify', '--db', db]);
    expect(run.exitCode).toBe(1);
    expect(run.err).toMatch(/broken at entry #3: .*edited/);
  });

  it('exits 1 naming the entry after a deleted one', async () => {
    const db = await populated('deleted');
    await tamper(db, 'DELETE FROM audit_log WHERE seq = 2');
    const run = await rasd(['audit', 'verify', '--db', db]);
    expect(run.exitCode).toBe(1);
    expect(run.err).toMatch(/broken at entry #3: expected entry #2/);
  });

  it('exits 1 naming the first of two swapped entries', async () => {
    const db = await populated('swapped');
    // Swap every field but the position, as one would to reorder the log.
    await tamper(
      db,
      `CREATE TEMP TABLE t AS SELECT * FROM audit_log WHERE seq IN (2, 3);
       UPDATE audit_log SET (at, actor, action, target, reason, details, prev_hash, hash) =
         (SELECT at, actor, action, target, reason, details, prev_hash, hash FROM t WHERE t.seq = 5 - audit_log.seq)
       WHERE seq IN (2, 3);`,
    );
    const run = await rasd(['audit', 'verify', '--db', db]);
    expect(run.exitCode).toBe(1);
    expect(run.err).toMatch(/broken at entry #2:/);
  });
});
