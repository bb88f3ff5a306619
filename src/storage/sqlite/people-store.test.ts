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
  it('keeps the platforms of partner users and keys, and gives them back with the session user', async () => {
    const store = await SqliteStore.open({ path: ':memory:' });
    try {
      await store.createUser({ name: 'tg', role: 'partner', passwordHash: 'h', partner: ['telegram', 'telegram'] });
      expect((await store.getUserByName('tg'))?.partner).toEqual(['telegram']);
      const user = await store.createUser({ name: 'rita', role: 'reviewer', passwordHash: 'h' });
      expect(user).not.toHaveProperty('partner');
      const tg = await store.getUserByName('tg');
      await store.createSession({ idHash: 's', userId: tg?.id ?? '', expiresAt: '2999-01-01T00:00:00.000Z' });
      expect((await store.findSessionUser('s', '2026-01-01T00:00:00.000Z'))?.partner).toEqual(['telegram']);

      const key = await store.createApiKey({
        id: 'key_1',
        name: 'ngo',
        role: 'partner',
        keyHash: 'k1',
        partner: ['telegram', 'example-app'],
      });
      expect(key.partner).toEqual(['telegram', 'example-app']);
      expect((await store.findApiKey('k1'))?.partner).toEqual(['telegram', 'example-app']);
      expect((await store.revokeApiKey('key_1')).partner).toEqual(['telegram', 'example-app']);
    } finally {
      await store.close();
    }
  });

  it('refuses platforms on staff, an empty list, and a malformed platform name', async () => {
    const store = await SqliteStore.open({ path: ':memory:' });
    try {
      const invalid = { code: 'INPUT_INVALID', pointer: 'partner' };
      await expect(
        store.createUser({ name: 'ana', role: 'analyst', passwordHash: 'h', partner: ['telegram'] }),
      ).rejects.toMatchObject(invalid);
      await expect(
        store.createApiKey({ id: 'key_2', name: 'x', role: 'admin', keyHash: 'k2', partner: ['telegram'] }),
      ).rejects.toMatchObject(invalid);
      await expect(
        store.createUser({ name: 'p', role: 'partner', passwordHash: 'h', partner: [] }),
      ).rejects.toMatchObject(invalid);
      await expect(
        store.createUser({ name: 'p', role: 'partner', passwordHash: 'h', partner: ['Tele Gram'] }),
      ).rejects.toMatchObject(invalid);
      expect(await store.getUserByName('ana')).toBeUndefined();
    } finally {
      await store.close();
    }
  });

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

describe('SqliteStore lastAudit', () => {
  it('finds the newest entry of an action, or nothing', async () => {
    const store = await SqliteStore.open({ path: ':memory:' });
    try {
      const entry = (seq: number, action: string) => ({
        seq,
        at: 'now',
        actor: 'a',
        action,
        target: '',
        reason: 'r',
        details: { n: seq },
        prevHash: 'p',
        hash: `h${seq}`,
      });
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
    } finally {
      await store.close();
    }
  });
});
