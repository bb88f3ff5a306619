import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, AuditStore, PeopleStore } from '../ports.js';

/** How the people suite gets a fresh, empty store for each test; the suite closes it. */
export interface PeopleStoreFactory {
  make: () => Promise<PeopleStore & AuditStore & { close(): Promise<void> }>;
}

/** A stand-in seal: the store's job is order and atomicity, the hashing is review/'s. */
function entry(action: string) {
  return (tip: { seq: number; hash: string } | undefined): AuditEntry => ({
    seq: (tip?.seq ?? 0) + 1,
    at: '2026-01-01T00:00:00.000Z',
    actor: 'user:alice',
    action,
    target: 'BANK_A',
    reason: 'contract',
    details: { n: 1, ok: true, none: null },
    prevHash: tip?.hash ?? 'genesis',
    hash: `h-${action}`,
  });
}

/** PeopleStore and AuditStore: users, hashed keys and sessions, and an ordered audit log. */
export function runPeopleStoreContract(factory: PeopleStoreFactory): void {
  describe('PeopleStore and AuditStore contract', () => {
    let store: PeopleStore & AuditStore & { close(): Promise<void> };
    beforeEach(async () => {
      store = await factory.make();
    });
    afterEach(async () => {
      await store.close();
    });

    it('creates users, finds them by name with their hash, and refuses a duplicate name', async () => {
      expect(await store.hasPrincipals()).toBe(false);
      const user = await store.createUser({ name: 'alice', role: 'analyst', passwordHash: 'scrypt$x' });
      expect(user).toMatchObject({ name: 'alice', role: 'analyst', disabled: false });
      expect(await store.getUserByName('alice')).toEqual({ ...user, passwordHash: 'scrypt$x' });
      expect(await store.getUserByName('bob')).toBeUndefined();
      await expect(store.createUser({ name: 'alice', role: 'admin', passwordHash: 'y' })).rejects.toMatchObject({
        code: 'INPUT_INVALID',
      });
      expect(await store.hasPrincipals()).toBe(true);
    });

    it('keeps API keys by hash and revokes them', async () => {
      const key = await store.createApiKey({ id: 'key_1', name: 'ingest', role: 'reviewer', keyHash: 'abc' });
      expect(await store.findApiKey('abc')).toEqual(key);
      expect(await store.findApiKey('abd')).toBeUndefined();
      expect(await store.hasPrincipals()).toBe(true);
      const revoked = await store.revokeApiKey('key_1');
      expect(revoked.revokedAt).toBeDefined();
      expect((await store.findApiKey('abc'))?.revokedAt).toBe(revoked.revokedAt);
      expect(await store.hasPrincipals()).toBe(false);
      await expect(store.revokeApiKey('key_none')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('finds a session until it expires or is deleted', async () => {
      const user = await store.createUser({ name: 'rev', role: 'reviewer', passwordHash: 'h' });
      await store.createSession({ idHash: 's1', userId: user.id, expiresAt: '2030-01-01T00:00:00.000Z' });
      expect(await store.findSessionUser('s1', '2029-12-31T00:00:00.000Z')).toEqual(user);
      expect(await store.findSessionUser('s1', '2030-01-01T00:00:00.000Z')).toBeUndefined();
      expect(await store.findSessionUser('s2', '2029-12-31T00:00:00.000Z')).toBeUndefined();
      await store.deleteSession('s1');
      expect(await store.findSessionUser('s1', '2029-12-31T00:00:00.000Z')).toBeUndefined();
    });

    it('appends audit entries after the tip and lists them in order, in pages', async () => {
      const tips: unknown[] = [];
      for (const action of ['a', 'b', 'c']) {
        await store.appendAudit((tip) => {
          tips.push(tip);
          return entry(action)(tip);
        });
      }
      expect(tips).toEqual([undefined, { seq: 1, hash: 'h-a' }, { seq: 2, hash: 'h-b' }]);
      const first = await store.listAudit({ limit: 2 });
      expect(first.rows.map((e) => e.action)).toEqual(['a', 'b']);
      expect(first.rows[0]).toEqual(entry('a')(undefined));
      const second = await store.listAudit({ limit: 2, ...(first.next !== undefined && { cursor: first.next }) });
      expect(second.rows.map((e) => [e.seq, e.prevHash])).toEqual([[3, 'h-b']]);
      expect(second.next).toBeUndefined();
      await expect(store.listAudit({ limit: 2, cursor: 'nonsense' })).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    });

    it('stores nothing when the seal throws', async () => {
      await expect(
        store.appendAudit(() => {
          throw new Error('no');
        }),
      ).rejects.toBeDefined();
      expect((await store.listAudit({ limit: 10 })).rows).toEqual([]);
    });
    it('keeps the platforms of partner users and keys, and gives them back with the session user', async () => {
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
      const revoked = await store.revokeApiKey('key_1');
      expect(revoked.partner).toEqual(['telegram', 'example-app']);
      expect((await store.revokeApiKey('key_1')).revokedAt).toBe(revoked.revokedAt);
    });

    it('refuses platforms on staff, an empty list, and a malformed platform name', async () => {
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
    });

    it('finds the newest audit entry of an action, or nothing', async () => {
      expect(await store.lastAudit('setting.change')).toBeUndefined();
      for (const action of ['setting.change', 'x', 'setting.change', 'x']) await store.appendAudit(entry(action));
      expect((await store.lastAudit('setting.change'))?.seq).toBe(3);
    });
  });
}
