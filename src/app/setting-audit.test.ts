import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, settingsSnapshot } from '../config/index.js';
import { verifyAuditLog } from '../review/audit-log.js';
import type { AuditEntry } from '../storage/ports.js';
import { createContext } from './create-context.js';
import { databaseFor, onPostgres } from './testing.js';

/** Setting changes reach the audit log when a writable context starts (`setting-audit.ts`). */

const dir = mkdtempSync(join(tmpdir(), 'rasd-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function settingEntries(db: string): Promise<AuditEntry[]> {
  await using ctx = await createContext({ db: { url: db } }, { readonly: true });
  const rows = (await ctx.store.listAudit({ limit: 100 })).rows;
  expect(await verifyAuditLog(ctx.store)).toMatchObject({ ok: true });
  return rows.filter((e) => e.action === 'setting.change');
}

describe('setting changes', () => {
  it('are recorded at first start, not on an unchanged restart, and as a diff when a key changes', async () => {
    const db = await databaseFor(join(dir, 'rasd.db'));
    await (await createContext({ db: { url: db } })).close();
    const [first, ...none] = await settingEntries(db);
    expect(none).toEqual([]);
    expect(first).toMatchObject({ actor: 'system', action: 'setting.change', target: 'config' });
    expect(first?.details['review.graphicDailyCap']).toBe('(unset) → 20');
    expect(first?.details['http.port']).toBe('(unset) → 8080');
    expect(first?.details).not.toHaveProperty('db.url');

    await (await createContext({ db: { url: db } })).close();
    expect(await settingEntries(db)).toHaveLength(1);

    await (await createContext({ db: { url: db }, review: { graphicDailyCap: 5 } })).close();
    const entries = await settingEntries(db);
    expect(entries).toHaveLength(2);
    const changed = Object.keys(entries[1]?.details ?? {}).filter((k) => k.includes('.'));
    expect(changed).toEqual(['review.graphicDailyCap']);
    expect(entries[1]?.details['review.graphicDailyCap']).toBe('20 → 5');

    // Back to the default is a change too.
    await (await createContext({ db: { url: db } })).close();
    const back = await settingEntries(db);
    expect(back).toHaveLength(3);
    expect(back[2]?.details['review.graphicDailyCap']).toBe('5 → 20');
  });

  it('are never written by a read-only context', async () => {
    const db = await databaseFor(join(dir, 'ro.db'));
    await (await createContext({ db: { url: db } })).close();
    await using ctx = await createContext({ db: { url: db }, review: { claimMinutes: 9 } }, { readonly: true });
    expect(ctx.config.review.claimMinutes).toBe(9);
    const rows = (await ctx.store.listAudit({ limit: 10 })).rows;
    expect(rows.map((e) => e.action)).toEqual(['setting.change']);
    // Only a SQLite file opens read-only: on PostgreSQL `readonly` means nothing is audited
    // (create-context.ts), not that the store refuses a write.
    if (!onPostgres) {
      await expect(ctx.store.appendAudit(() => rows[0] as AuditEntry)).rejects.toMatchObject({
        code: 'STORAGE_FAILED',
      });
    }
  });

  it('leave the database location and URL credentials out of the snapshot', () => {
    const config = loadConfig({}, { db: { url: 'secret-place.db' }, bus: { url: 'nats://user:pw@bus:4222' } });
    const snapshot = settingsSnapshot(config);
    expect(snapshot).not.toHaveProperty('db.url');
    expect(snapshot['bus.url']).toBe('nats://***@bus:4222');
    expect(JSON.stringify(snapshot)).not.toContain('pw');
  });
});
