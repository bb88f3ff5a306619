import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { itemKey } from '../../core/index.js';
import { makeAction, makeBatch, makeItem, makeViolating, minutesAfter } from '../contract/fixtures.js';
import { migrationsBeforeLive } from '../contract/schema-before-live.js';
import { encodeBatch } from './batch-codec.js';
import { SqliteStore } from './index.js';
import { migrate } from './migration-runner.js';
import { ScanWriter } from './scan-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'rasd-migration-12-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DUPLICATE_ID = 'a-later-duplicate';

/** A database at schema 11, as a release before live Telegram left it, with actions in it. */
function databaseAtEleven(path: string) {
  const db = new Database(path);
  try {
    db.pragma('foreign_keys = ON');
    expect(migrate(db, migrationsBeforeLive(), { readonly: false, now: () => new Date() })).toBe(11);
    const items = [makeItem({ chatId: '1001', messageId: '5' }), makeItem({ chatId: '1001', messageId: '6' })];
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
    new ScanWriter(db).save(
      encodeBatch(makeBatch({ items, assessments: items.map((i) => makeViolating(i)), actions })),
    );
    // Schema 11 on SQLite had no UNIQUE (item_key, kind): a later second delete of the same version got in.
    db.prepare(`INSERT INTO action (id, item_key, kind, target, status, attempts, requested_at, requested_ms, reason)
      VALUES (?, ?, 'delete', 'telegram', 'requested', 0, ?, ?, 'again')`).run(
      DUPLICATE_ID,
      a,
      minutesAfter(90),
      Date.parse(minutesAfter(90)),
    );
    const refused = () =>
      db
        .prepare(`INSERT INTO action (id, item_key, kind, target, status, attempts, requested_at, requested_ms, reason)
        VALUES ('new-kind', ?, 'restrict', 'telegram', 'dry-run', 0, 'x', 0, 'r')`)
        .run(b);
    expect(refused).toThrow(/CHECK constraint failed/);
    return { actions, keys: [a, b] };
  } finally {
    db.close();
  }
}

describe('migration 12 on SQLite', () => {
  it('keeps the actions of a schema 11 database, the earliest of a kind per version, and takes the new kinds', async () => {
    const path = join(dir, 'at-eleven.db');
    const { actions, keys } = databaseAtEleven(path);
    const [a = '', b = ''] = keys;
    const store = await SqliteStore.open({ path });
    try {
      expect(store.schemaVersion).toBe(12);
      const order = [...actions].sort(
        (x, y) => Date.parse(x.requestedAt) - Date.parse(y.requestedAt) || (x.id < y.id ? -1 : 1),
      );
      expect((await store.listActions({ limit: 10 })).rows).toStrictEqual(order);
      expect(await store.getAction(DUPLICATE_ID)).toBeUndefined();
      expect(await store.requestAction(makeAction(a, { kind: 'delete' }))).toBe(false);
      const restrict = makeAction(b, { kind: 'restrict', status: 'dry-run' });
      const senderChat = makeAction(b, { kind: 'ban-sender-chat' });
      expect(await store.requestAction(restrict)).toBe(true);
      expect(await store.requestAction(senderChat)).toBe(true);
      expect((await store.listItemActions(b)).map((x) => x.kind)).toEqual(['ban', 'restrict', 'ban-sender-chat']);
      expect(await store.listWatches()).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('rebuilds the action table with its indexes, its unique key and its foreign key to item', async () => {
    const path = join(dir, 'indexes.db');
    databaseAtEleven(path);
    await (await SqliteStore.open({ path })).close();
    const db = new Database(path, { readonly: true });
    try {
      const indexes = db.prepare('PRAGMA index_list(action)').all() as { name: string; unique: number }[];
      const columns = (index: string) =>
        (db.prepare(`PRAGMA index_info(${index})`).all() as { name: string }[]).map((c) => c.name).join(',');
      const named = indexes.filter((i) => !i.name.startsWith('sqlite_')).map((i) => `${i.name}(${columns(i.name)})`);
      expect(named.sort()).toEqual([
        'action_by_requested(requested_ms,id)',
        'action_by_status(status,requested_ms,id)',
      ]);
      expect(
        indexes
          .filter((i) => i.unique === 1)
          .map((i) => columns(i.name))
          .sort(),
      ).toEqual(['id', 'item_key,kind']);
      const fks = db.prepare('PRAGMA foreign_key_list(action)').all() as { table: string; from: string; to: string }[];
      expect(fks.map((f) => [f.table, f.from, f.to])).toEqual([['item', 'item_key', 'key']]);
    } finally {
      db.close();
    }
  });
});
