import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION_KINDS, ACTION_STATUSES, type Item, itemKey } from '../../core/index.js';
import type { Store } from '../ports.js';
import { makeAction, makeAssessment, makeBatch, makeItem, minutesAfter } from './fixtures.js';
import type { StoreFactory } from './store-factory.js';

/** ActionWriteStore: actions asked for outside a scan, one per item version and kind, and their attempts. */
export function runActionWriteContract(factory: StoreFactory): void {
  describe('ActionWriteStore contract', () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory.make();
    });
    afterEach(async () => {
      await store.close();
    });

    /** Stored item versions, as a scan leaves them (clear: no action of the scan's own). */
    async function stored(count: number): Promise<string[]> {
      const items: Item[] = Array.from({ length: count }, () => makeItem());
      await store.saveBatch(makeBatch({ items, assessments: items.map((i) => makeAssessment(i)) }));
      return items.map(itemKey);
    }

    it('stores a requested action and reads it back whole', async () => {
      const [key = ''] = await stored(1);
      const bare = makeAction(key);
      const full = makeAction(key, {
        kind: 'ban',
        status: 'sent',
        attempts: 1,
        lastAttemptAt: minutesAfter(61),
        outcome: 'accepted',
        reason: 'decision:case-1',
      });
      expect(await store.requestAction(bare)).toBe(true);
      expect(await store.requestAction(full)).toBe(true);
      expect(await store.getAction(bare.id)).toStrictEqual(bare);
      expect(await store.getAction(full.id)).toStrictEqual(full);
      expect(await store.getAction('no-such-action')).toBeUndefined();
    });

    it('keeps the first request of a kind for an item version; a second is refused and changes nothing', async () => {
      const [key = '', other = ''] = await stored(2);
      const first = makeAction(key, { kind: 'delete', requestedAt: minutesAfter(70), reason: 'policy' });
      const second = makeAction(key, {
        kind: 'delete',
        requestedAt: minutesAfter(65),
        reason: 'reviewer',
        target: 'x',
      });
      expect(await store.requestAction(first)).toBe(true);
      expect(await store.requestAction(second)).toBe(false);
      expect(await store.getAction(second.id)).toBeUndefined();
      // Another kind for the same version, and the same kind for another version, are separate actions.
      const ban = makeAction(key, { kind: 'ban-sender-chat', requestedAt: minutesAfter(61) });
      const elsewhere = makeAction(other, { kind: 'delete' });
      expect(await store.requestAction(ban)).toBe(true);
      expect(await store.requestAction(elsewhere)).toBe(true);
      expect(await store.listItemActions(key)).toStrictEqual([ban, first]);
      expect(await store.listItemActions(other)).toStrictEqual([elsewhere]);
      expect(await store.listItemActions('telegram/none/0/0')).toEqual([]);
    });

    it('refuses an action for an item version that is not stored', async () => {
      await expect(store.requestAction(makeAction('telegram/1001/404/0'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await store.listActions({ limit: 5 })).rows).toEqual([]);
    });

    it('records attempts: status, count, time, outcome; a confirmation stays once made', async () => {
      const [key = ''] = await stored(1);
      const action = makeAction(key, { kind: 'restrict' });
      await store.requestAction(action);
      await store.recordAttempt(action.id, {
        status: 'requested',
        attempts: 1,
        lastAttemptAt: minutesAfter(62),
        outcome: 'asked to wait 5 s',
      });
      expect(await store.getAction(action.id)).toStrictEqual({
        ...action,
        attempts: 1,
        lastAttemptAt: minutesAfter(62),
        outcome: 'asked to wait 5 s',
      });
      const confirmed = { status: 'confirmed' as const, attempts: 2, lastAttemptAt: minutesAfter(63) };
      await store.recordAttempt(action.id, { ...confirmed, confirmedAt: minutesAfter(63), outcome: 'restricted' });
      // A late attempt (another runner, a retry that raced the confirmation) changes nothing.
      await store.recordAttempt(action.id, { status: 'failed', attempts: 3, lastAttemptAt: minutesAfter(64) });
      expect(await store.getAction(action.id)).toStrictEqual({
        ...action,
        status: 'confirmed',
        attempts: 2,
        lastAttemptAt: minutesAfter(63),
        confirmedAt: minutesAfter(63),
        outcome: 'restricted',
      });
      const attempt = { status: 'failed' as const, attempts: 1, lastAttemptAt: minutesAfter(1) };
      await expect(store.recordAttempt('no-such-action', attempt)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('claims a requested action once: sent, one more attempt; a second claim and a settled action are refused', async () => {
      const [key = '', other = ''] = await stored(2);
      const action = makeAction(key, { attempts: 1, lastAttemptAt: minutesAfter(61) });
      const settled = makeAction(other, { status: 'confirmed', confirmedAt: minutesAfter(61) });
      await store.requestAction(action);
      await store.requestAction(settled);
      const claims = await Promise.all([
        store.claimAction(action.id, minutesAfter(62)),
        store.claimAction(action.id, minutesAfter(62)),
      ]);
      expect(claims.sort()).toEqual([false, true]);
      expect(await store.getAction(action.id)).toStrictEqual({
        ...action,
        status: 'sent',
        attempts: 2,
        lastAttemptAt: minutesAfter(62),
      });
      expect(await store.claimAction(settled.id, minutesAfter(62))).toBe(false);
      expect(await store.claimAction('no-such-action', minutesAfter(62))).toBe(false);
      expect(await store.getAction(settled.id)).toStrictEqual(settled);
    });

    it('puts back actions claimed before a time and never answered, keeping their attempts; others stay', async () => {
      const [k0 = '', k1 = '', k2 = ''] = await stored(3);
      const stale = makeAction(k0, { attempts: 0 });
      const fresh = makeAction(k1, { attempts: 0 });
      const elsewhere = makeAction(k2, { attempts: 0, target: 'webhook' });
      for (const action of [stale, fresh, elsewhere]) await store.requestAction(action);
      await store.claimAction(stale.id, minutesAfter(62));
      await store.claimAction(fresh.id, minutesAfter(80));
      await store.claimAction(elsewhere.id, minutesAfter(62));
      expect(await store.reclaimStaleActions('telegram', minutesAfter(70), 10)).toEqual([stale.id]);
      expect(await store.getAction(stale.id)).toMatchObject({ status: 'requested', attempts: 1 });
      expect((await store.getAction(fresh.id))?.status).toBe('sent');
      expect((await store.getAction(elsewhere.id))?.status).toBe('sent');
      expect(await store.reclaimStaleActions('telegram', minutesAfter(70), 10)).toEqual([]);
    });

    it('sets dry-run actions back to requested with no attempts, from a time on, up to the limit', async () => {
      const keys = await stored(4);
      const [k0 = '', k1 = '', k2 = '', k3 = ''] = keys;
      const dry = (key: string, minute: number) =>
        makeAction(key, {
          status: 'dry-run',
          attempts: 1,
          lastAttemptAt: minutesAfter(minute + 1),
          outcome: 'dry run: would delete',
          requestedAt: minutesAfter(minute),
        });
      const old = dry(k0, 61);
      const recent = dry(k1, 70);
      const newest = dry(k2, 80);
      const failed = makeAction(k3, { status: 'failed', requestedAt: minutesAfter(75) });
      for (const a of [old, recent, newest, failed]) await store.requestAction(a);
      expect(await store.requeueDryRun({ since: minutesAfter(65), limit: 1 })).toEqual([recent.id]);
      const { lastAttemptAt: _at, outcome: _outcome, ...unattempted } = recent;
      expect(await store.getAction(recent.id)).toStrictEqual({ ...unattempted, status: 'requested', attempts: 0 });
      expect(await store.requeueDryRun({ limit: 10 })).toEqual([old.id, newest.id].sort());
      expect(await store.getAction(failed.id)).toStrictEqual(failed);
      expect((await store.listRequestedActions('telegram', 10)).map((a) => a.id)).toEqual([
        old.id,
        recent.id,
        newest.id,
      ]);
      expect(await store.requeueDryRun({ limit: 10 })).toEqual([]);
    });

    it('lists requested actions for one target only, oldest request first, up to the limit', async () => {
      const keys = await stored(5);
      const at = (n: number) => minutesAfter(60 + n);
      const [k0 = '', k1 = '', k2 = '', k3 = '', k4 = ''] = keys;
      const late = makeAction(k0, { requestedAt: at(9) });
      const early = makeAction(k1, { requestedAt: at(1) });
      const middle = makeAction(k2, { requestedAt: at(5) });
      const sent = makeAction(k3, { requestedAt: at(0), status: 'sent' });
      const elsewhere = makeAction(k4, { requestedAt: at(0), target: 'example-hook', kind: 'webhook' });
      for (const a of [late, early, middle, sent, elsewhere]) await store.requestAction(a);
      expect(await store.listRequestedActions('telegram', 10)).toStrictEqual([early, middle, late]);
      expect(await store.listRequestedActions('telegram', 2)).toStrictEqual([early, middle]);
      expect(await store.listRequestedActions('example-hook', 10)).toStrictEqual([elsewhere]);
      await store.recordAttempt(early.id, { status: 'dry-run', attempts: 1, lastAttemptAt: at(10) });
      expect(await store.listRequestedActions('telegram', 10)).toStrictEqual([middle, late]);
      await expect(store.listRequestedActions('telegram', 0)).rejects.toMatchObject({ code: 'INPUT_INVALID' });
      // Counted in the database, per status, for one target; a status with none is absent.
      expect(await store.countActionsByStatus('telegram')).toEqual({ requested: 2, sent: 1, 'dry-run': 1 });
      expect(await store.countActionsByStatus('example-hook')).toEqual({ requested: 1 });
      expect(await store.countActionsByStatus('nowhere')).toEqual({});
    });

    it('accepts every action kind and status of the core registries, from a request and from a scan', async () => {
      const keys = await stored(ACTION_STATUSES.length);
      const requested = ACTION_KINDS.map((kind, n) =>
        makeAction(keys[0] ?? '', { kind, status: ACTION_STATUSES[n % ACTION_STATUSES.length] }),
      );
      for (const a of requested) expect(await store.requestAction(a)).toBe(true);
      const byStatus = ACTION_STATUSES.map((status, n) => makeAction(keys[n] ?? '', { kind: 'restrict', status }));
      for (const a of byStatus.slice(1)) expect(await store.requestAction(a)).toBe(true);

      const item = makeItem();
      const scanned = makeAction(itemKey(item), { kind: 'ban-sender-chat', status: 'dry-run' });
      await store.saveBatch(makeBatch({ items: [item], assessments: [makeAssessment(item)], actions: [scanned] }));
      expect(await store.getAction(scanned.id)).toStrictEqual(scanned);
      const dryRuns = (await store.listActions({ status: 'dry-run', limit: 50 })).rows;
      expect(dryRuns.map((a) => a.id).sort()).toEqual(
        [...requested, ...byStatus.slice(1), scanned]
          .filter((a) => a.status === 'dry-run')
          .map((a) => a.id)
          .sort(),
      );
      expect((await store.listActions({ limit: 50 })).rows).toHaveLength(requested.length + byStatus.length);
    });
  });
}
