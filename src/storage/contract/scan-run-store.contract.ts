import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecordError } from '../../core/index.js';
import type { ScanRun, ScanRunSummary, Store } from '../ports.js';
import { BASE_TIME, fixtureId } from './fixtures.js';
import type { StoreFactory } from './store-factory.js';

const error = (n: number): RecordError => ({
  record: `export.json#${n}`,
  code: 'RECORD_INVALID',
  message: `record ${n} has no date; fix or drop it`,
});

const summary = (errors: RecordError[]): ScanRunSummary => ({
  items: 10,
  unchanged: 2,
  violating: 3,
  review: 1,
  clear: 4,
  channelEvents: 1,
  byCategory: { praise: 2, threat: 1 },
  byOrg: { 'example-org-a': 3 },
  errors,
});

/** ScanRunStore: a run's life, and errors appended as they happen. */
export function runScanRunStoreContract(factory: StoreFactory): void {
  describe('ScanRunStore contract', () => {
    let store: Store;
    let run: ScanRun;
    beforeEach(async () => {
      store = await factory.make();
      run = { id: fixtureId('run'), sources: ['a.jsonl', 'export/'], startedAt: BASE_TIME, status: 'running' };
    });
    afterEach(async () => {
      await store.close();
    });

    it('round-trips a running run without the fields it does not have yet', async () => {
      await store.startRun(run);
      expect(await store.getRun(run.id)).toStrictEqual(run);
      expect(await store.getRun('run_missing')).toBeUndefined();
    });

    it('refuses to start the same run twice', async () => {
      await store.startRun(run);
      await expect(store.startRun(run)).rejects.toThrow();
    });

    it('appends errors in the order they were reported, across calls', async () => {
      await store.startRun(run);
      await store.addRunErrors(run.id, [error(1), error(2)]);
      await store.addRunErrors(run.id, []);
      await store.addRunErrors(run.id, [error(3)]);
      expect(await store.listRunErrors(run.id, 10)).toStrictEqual([error(1), error(2), error(3)]);
      expect(await store.listRunErrors(run.id, 2)).toStrictEqual([error(1), error(2)]);
      expect(await store.listRunErrors('run_missing', 10)).toEqual([]);
    });

    it('keeps each run’s errors apart', async () => {
      const other: ScanRun = { ...run, id: fixtureId('run') };
      await store.startRun(run);
      await store.startRun(other);
      await store.addRunErrors(run.id, [error(1)]);
      await store.addRunErrors(other.id, [error(2)]);
      expect(await store.listRunErrors(other.id, 10)).toStrictEqual([error(2)]);
    });

    it('finishes a run with its status, summary and finish time', async () => {
      await store.startRun(run);
      await store.finishRun(run.id, 'completed', summary([error(1)]));
      const finished = await store.getRun(run.id);
      expect(finished).toMatchObject({ ...run, status: 'completed', summary: summary([error(1)]) });
      expect(Number.isFinite(Date.parse(finished?.finishedAt ?? ''))).toBe(true);
    });

    it('records a failed run', async () => {
      await store.startRun(run);
      await store.finishRun(run.id, 'failed', summary([]));
      expect((await store.getRun(run.id))?.status).toBe('failed');
    });

    it('refuses to finish or add errors to a run it does not know', async () => {
      await expect(store.finishRun('run_missing', 'completed', summary([]))).rejects.toThrow();
      await expect(store.addRunErrors('run_missing', [error(1)])).rejects.toThrow();
    });
  });
}
