import { afterAll, beforeAll, describe } from 'vitest';
import { runClosureStoreContract } from '../contract/closure-store.contract.js';
import { TestStores } from './store-testing.js';

let stores: TestStores;
beforeAll(async () => {
  stores = await TestStores.create('closures');
});
afterAll(() => stores.drop());

describe('PgStore closures and network rows on PostgreSQL', () => {
  runClosureStoreContract({ make: () => stores.store() });
});
