import { describe, expect, it } from 'vitest';
import { runPeopleStoreContract } from '../contract/people-store.contract.js';
import { SqliteStore } from './index.js';

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
