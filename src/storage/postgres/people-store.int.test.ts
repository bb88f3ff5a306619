import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditLog } from '../../review/audit-log.js';
import { runPeopleStoreContract } from '../contract/people-store.contract.js';
import type { AuditEntry } from '../ports.js';
import { PgPeopleStore } from './people-store.js';
import { TestSchemas } from './schema-testing.js';

let schemas: TestSchemas;
beforeAll(async () => {
  schemas = await TestSchemas.create('people');
});
afterAll(() => schemas.drop());

runPeopleStoreContract({
  make: async () => {
    const pool = await schemas.pool();
    return Object.assign(new PgPeopleStore(pool, () => new Date()), { close: () => pool.end() });
  },
});

const entry = (seq: number, action: string, hash = `h${seq}`): AuditEntry => ({
  seq,
  at: 'now',
  actor: 'a',
  action,
  target: '',
  reason: 'r',
  details: { n: seq },
  prevHash: 'p',
  hash,
});

describe('PgPeopleStore audit log', () => {
  it('refuses a second entry at the same position (a forked chain) and cannot be rewritten', async () => {
    const pool = await schemas.pool();
    const store = new PgPeopleStore(pool, () => new Date());
    await store.appendAudit(() => entry(1, 'x'));
    await expect(store.appendAudit(() => entry(1, 'y', 'h2'))).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    expect((await store.listAudit({ limit: 5 })).rows.map((e) => e.action)).toEqual(['x']);
    await expect(pool.query("UPDATE audit_log SET actor = 'b'")).rejects.toThrow(/append-only/);
    await expect(pool.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(pool.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
  });

  it('finds the newest entry of an action, or nothing', async () => {
    const store = new PgPeopleStore(await schemas.pool(), () => new Date());
    expect(await store.lastAudit('setting.change')).toBeUndefined();
    for (const [seq, action] of [
      [1, 'setting.change'],
      [2, 'x'],
      [3, 'setting.change'],
      [4, 'x'],
    ] as const) {
      await store.appendAudit(() => entry(seq, action));
    }
    expect((await store.lastAudit('setting.change'))?.details).toEqual({ n: 3 });
  });

  it('keeps one unbroken chain when many processes append at once', async () => {
    const pool = await schemas.pool();
    // Two stores on two pools: as two server processes would share the database.
    const other = new PgPeopleStore(await schemas.poolOnSameSchema(pool), () => new Date());
    const store = new PgPeopleStore(pool, () => new Date());
    const appends = Array.from({ length: 40 }, (_, n) =>
      appendAudit(n % 2 === 0 ? store : other, { actor: `user:u${n}`, action: 'bank.create', reason: `r${n}` }),
    );
    const stored = await Promise.all(appends);
    expect(stored.map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, n) => n + 1));
    expect(await verifyAuditLog(store)).toMatchObject({ ok: true, entries: 40 });
  });
});

describe('PgPeopleStore sessions', () => {
  it('sweeps expired sessions as new ones arrive', async () => {
    const pool = await schemas.pool();
    let now = new Date('2026-01-01T00:00:00.000Z');
    const store = new PgPeopleStore(pool, () => now);
    const user = await store.createUser({ name: 'rev', role: 'reviewer', passwordHash: 'h' });
    await store.createSession({ idHash: 'old', userId: user.id, expiresAt: '2026-01-02T00:00:00.000Z' });
    now = new Date('2026-01-03T00:00:00.000Z');
    await store.createSession({ idHash: 'new', userId: user.id, expiresAt: '2026-01-04T00:00:00.000Z' });
    expect((await pool.query('SELECT id_hash FROM app_session')).rows).toEqual([{ id_hash: 'new' }]);
  });
});
