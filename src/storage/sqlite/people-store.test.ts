import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runPeopleStoreContract } from '../contract/people-store.contract.js';
import { SqliteStore } from './index.js';
import { migrate } from './migration-runner.js';
import { MIGRATIONS } from './migrations/index.js';

runPeopleStoreContract({ make: () => SqliteStore.open({ path: ':memory:' }) });

describe('SqliteStore audit log', () => {
  it('refuses a second entry at the same position (a forked chain)', async () => {
    const store = await SqliteStore.open({ path: ':memory:' });
    try {
      await store.appendAudit(() => ({
        seq: 1,
        at: 'now',
        actor: 'a',
        action: 'x',
        target: '',
        reason: 'r',
        details: {},
        prevHash: 'p',
        hash: 'h',
      }));
      await expect(
        store.appendAudit(() => ({
          seq: 1,
          at: 'now',
          actor: 'a',
          action: 'y',
          target: '',
          reason: 'r',
          details: {},
          prevHash: 'p',
          hash: 'h2',
        })),
      ).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
      expect((await store.listAudit({ limit: 5 })).rows.map((e) => e.action)).toEqual(['x']);
    } finally {
      await store.close();
    }
  });
});

describe('SqliteStore partners', () => {
  it('gives partner users of an older database their name as platform, the scope they had', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rasd-partner-'));
    const path = join(dir, 'old.db');
    try {
      const old = new Database(path);
      migrate(old, MIGRATIONS.slice(0, 6), { readonly: false, now: () => new Date() });
      const insert = old.prepare(
        "INSERT INTO app_user (id, name, role, password_hash, created_at, disabled) VALUES (?, ?, ?, 'h', 'now', 0)",
      );
      insert.run('usr_1', 'telegram', 'partner');
      insert.run('usr_2', 'rita', 'reviewer');
      old.close();
      const store = await SqliteStore.open({ path });
      try {
        expect((await store.getUserByName('telegram'))?.partner).toEqual(['telegram']);
        expect(await store.getUserByName('rita')).not.toHaveProperty('partner');
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
