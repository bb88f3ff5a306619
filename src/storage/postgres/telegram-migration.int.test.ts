import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemKey } from '../../core/index.js';
import { makeAction, makeBatch, makeItem, makeViolating, minutesAfter } from '../contract/fixtures.js';
import { migrationsBeforeLive } from '../contract/schema-before-live.js';
import { PgStore } from './pg-store.js';
import { TestStores } from './store-testing.js';

let stores: TestStores;
beforeAll(async () => {
  stores = await TestStores.create('migration12');
});
afterAll(() => stores.drop());

async function actionChecks(url: string): Promise<Record<string, string>> {
  const pool = stores.pool(url);
  try {
    const { rows } = await pool.query<{ name: string; definition: string }>(
      `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
       WHERE conrelid = 'action'::regclass AND contype = 'c' AND conname <> 'action_attempts_check'`,
    );
    return Object.fromEntries(rows.map((r) => [r.name, r.definition]));
  } finally {
    await pool.end();
  }
}

describe('migration 12 on PostgreSQL', () => {
  it('keeps the actions of a schema 11 database and replaces the CHECKs the server named', async () => {
    const url = await stores.newSchemaUrl();
    const old = await PgStore.open({ url, poolSize: 2, migrations: migrationsBeforeLive() });
    const items = [makeItem({ messageId: '5' }), makeItem({ messageId: '6' })];
    const [a = '', b = ''] = items.map(itemKey);
    const actions = [
      makeAction(a, { kind: 'delete', requestedAt: minutesAfter(60) }),
      makeAction(a, {
        kind: 'refer',
        target: 'telegram-abuse',
        status: 'sent',
        attempts: 1,
        lastAttemptAt: minutesAfter(61),
      }),
      makeAction(b, {
        kind: 'ban',
        status: 'confirmed',
        attempts: 2,
        confirmedAt: minutesAfter(70),
        outcome: 'banned',
      }),
    ];
    try {
      expect(old.schemaVersion).toBe(11);
      await old.saveBatch(makeBatch({ items, assessments: items.map((i) => makeViolating(i)), actions }));
      // The release before had the short lists: a new kind is refused there.
      const late = makeItem({ messageId: '7' });
      const refused = makeBatch({
        items: [late],
        assessments: [makeViolating(late)],
        actions: [makeAction(itemKey(late), { kind: 'restrict' })],
      });
      await expect(old.saveBatch(refused)).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    } finally {
      await old.close();
    }
    const before = await actionChecks(url);
    expect(Object.keys(before).sort()).toEqual(['action_kind_check', 'action_status_check']);
    expect(before.action_kind_check).not.toContain('restrict');

    const store = await PgStore.open({ url, poolSize: 2 });
    try {
      expect(store.schemaVersion).toBe(12);
      const order = [...actions].sort(
        (x, y) => Date.parse(x.requestedAt) - Date.parse(y.requestedAt) || (x.id < y.id ? -1 : 1),
      );
      expect((await store.listActions({ limit: 10 })).rows).toStrictEqual(order);
      expect(await store.requestAction(makeAction(b, { kind: 'restrict', status: 'dry-run' }))).toBe(true);
      expect(await store.requestAction(makeAction(b, { kind: 'ban-sender-chat' }))).toBe(true);
      expect(await store.requestAction(makeAction(a, { kind: 'delete' }))).toBe(false);
    } finally {
      await store.close();
    }
    const after = await actionChecks(url);
    expect(Object.keys(after).sort()).toEqual(['action_kind_check', 'action_status_check']);
    expect(after.action_kind_check).toContain('ban-sender-chat');
    expect(after.action_status_check).toContain('dry-run');
  });
});
