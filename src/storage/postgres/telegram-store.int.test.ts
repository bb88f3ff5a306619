import { afterAll, beforeAll, describe } from 'vitest';
import { runActionWriteContract } from '../contract/action-write.contract.js';
import { runItemVersionContract } from '../contract/item-version.contract.js';
import { type ReopeningStoreFactory, runTelegramStoreContract } from '../contract/telegram-store.contract.js';
import type { Store } from '../ports.js';
import { PgStore } from './pg-store.js';
import { TestStores } from './store-testing.js';

let stores: TestStores;
beforeAll(async () => {
  stores = await TestStores.create('telegram');
});
afterAll(() => stores.drop());

const urls = new Map<Store, string>();
async function openAt(url: string): Promise<PgStore> {
  const store = await PgStore.open({ url, poolSize: 4 });
  urls.set(store, url);
  return store;
}

const factory: ReopeningStoreFactory = {
  make: async () => openAt(await stores.newSchemaUrl()),
  reopen: async (store) => {
    const url = urls.get(store);
    if (url === undefined) throw new Error('not a store of this factory');
    await store.close();
    return openAt(url);
  },
};

describe('PgStore live Telegram storage on PostgreSQL', () => {
  runTelegramStoreContract(factory);
  runActionWriteContract(factory);
  runItemVersionContract(factory);
});
