import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe } from 'vitest';
import { runClosureStoreContract } from '../contract/closure-store.contract.js';
import { SqliteStore } from './index.js';
import { builtWorkerUrl } from './testing.js';

const dir = mkdtempSync(join(tmpdir(), 'rasd-closures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let opened = 0;

describe('closures on a file, writing on the worker thread', () => {
  runClosureStoreContract({
    make: () => {
      opened += 1;
      return SqliteStore.open({ path: join(dir, `closures-${opened}.db`), workerUrl: builtWorkerUrl() });
    },
  });
});

describe('closures in memory', () => {
  runClosureStoreContract({ make: () => SqliteStore.open({ path: ':memory:' }) });
});
