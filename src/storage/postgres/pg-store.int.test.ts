import { afterAll, beforeAll, describe } from 'vitest';
import { runActionStoreContract } from '../contract/action-store.contract.js';
import { runCaseStoreContract } from '../contract/case-store.contract.js';
import { runChannelStoreContract } from '../contract/channel-store.contract.js';
import { runItemStoreContract } from '../contract/item-store.contract.js';
import { runReportStoreContract } from '../contract/report-store.contract.js';
import { runReviewStoreContract } from '../contract/review-store.contract.js';
import { runScanRunStoreContract } from '../contract/scan-run-store.contract.js';
import { runScanStoreContract } from '../contract/scan-store.contract.js';
import type { StoreFactory } from '../contract/store-factory.js';
import { TestStores } from './store-testing.js';

/* The suites SQLite passes, against the real server: each test on a fresh schema of one database. */
let stores: TestStores;
beforeAll(async () => {
  stores = await TestStores.create('pgstore');
});
afterAll(() => stores.drop());

const factory: StoreFactory = { make: () => stores.store() };

describe('PgStore on PostgreSQL', () => {
  runScanStoreContract(factory);
  runItemStoreContract(factory);
  runChannelStoreContract(factory);
  runCaseStoreContract(factory);
  runActionStoreContract(factory);
  runScanRunStoreContract(factory);
  runReportStoreContract(factory);
  runReviewStoreContract(factory);
});
