import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe } from 'vitest';
import { runActionWriteContract } from '../contract/action-write.contract.js';
import { runItemVersionContract } from '../contract/item-version.contract.js';
import { type ReopeningStoreFactory, runTelegramStoreContract } from '../contract/telegram-store.contract.js';
import type { Store } from '../ports.js';
import { SqliteStore } from './index.js';
import { builtWorkerUrl } from './testing.js';

const dir = mkdtempSync(join(tmpdir(), 'rasd-telegram-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let opened = 0;
const paths = new Map<Store, string>();

async function openFile(path: string): Promise<SqliteStore> {
  const store = await SqliteStore.open({ path, workerUrl: builtWorkerUrl() });
  paths.set(store, path);
  return store;
}

const onFile: ReopeningStoreFactory = {
  make: () => {
    opened += 1;
    return openFile(join(dir, `telegram-${opened}.db`));
  },
  reopen: async (store) => {
    const path = paths.get(store);
    if (path === undefined) throw new Error('not a store of this file factory');
    await store.close();
    return openFile(path);
  },
};
const inMemory: ReopeningStoreFactory = { make: () => SqliteStore.open({ path: ':memory:' }) };

describe('live Telegram storage on a file, writing on the worker thread', () => {
  runTelegramStoreContract(onFile);
  runActionWriteContract(onFile);
  runItemVersionContract(onFile);
});

describe('live Telegram storage in memory', () => {
  runTelegramStoreContract(inMemory);
  runActionWriteContract(inMemory);
  runItemVersionContract(inMemory);
});
