import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { itemKey } from '../../core/index.js';
import { ITEM_VERSIONS_SQL, messageKeyRange } from './item-version-queries.js';
import { migrate } from './migration-runner.js';
import { MIGRATIONS } from './migrations/index.js';

const key = (messageId: string, version: number, chatId = '1001') =>
  itemKey({ platform: 'telegram', chat: { id: chatId }, messageId, version });
const within = ([lo, hi]: [string, string], k: string) => k >= lo && k < hi;

describe('messageKeyRange', () => {
  it("holds every version of the message and no other message's keys", () => {
    const range = messageKeyRange('telegram', '1001', '77');
    for (const version of [0, 1, 9, 10, 123]) expect(within(range, key('77', version))).toBe(true);
    for (const other of [key('7', 0), key('770', 0), key('78', 0), key('77', 0, '10011'), key('77', 0, '100')]) {
      expect(within(range, other), other).toBe(false);
    }
  });
});

describe('the item versions query on SQLite', () => {
  it('reads one range of the item key index, not the chat index', () => {
    const db = new Database(':memory:');
    try {
      migrate(db, MIGRATIONS, { readonly: false, now: () => new Date() });
      const [lo, hi] = messageKeyRange('telegram', '1001', '77');
      const plan = db
        .prepare(`EXPLAIN QUERY PLAN ${ITEM_VERSIONS_SQL}`)
        .all({ lo, hi, platform: 'telegram', chatId: '1001', messageId: '77' }) as { detail: string }[];
      const details = plan.map((p) => p.detail);
      expect(details).toContain('SEARCH i USING INDEX sqlite_autoindex_item_1 (key>? AND key<?)');
      expect(details.some((d) => d.startsWith('SCAN i') || d.includes('item_by_chat'))).toBe(false);
    } finally {
      db.close();
    }
  });
});
