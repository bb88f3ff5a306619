import pg from 'pg';
import type { Migration } from '../sqlite/migrations/index.js';
import { PgStore } from './pg-store.js';
import { createTestDatabase, type TestDatabase } from './testing.js';

/**
 * Test support (not part of the adapter): one database per test file, and in it one schema per
 * store, so each test starts empty and the file pays for one database. The store connects
 * with `search_path` set to its schema, through its URL, as a deployment could.
 */
export class TestStores {
  readonly #db: TestDatabase;
  #made = 0;

  private constructor(db: TestDatabase) {
    this.#db = db;
  }

  static async create(label: string): Promise<TestStores> {
    return new TestStores(await createTestDatabase(label));
  }

  /** The URL of a new, empty schema. */
  async newSchemaUrl(): Promise<string> {
    this.#made += 1;
    const schema = `s${this.#made}`;
    const admin = new pg.Client({ connectionString: this.#db.url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA ${schema}`);
    } finally {
      await admin.end();
    }
    return `${this.#db.url}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  }

  /** A migrated store on a new schema. */
  async store(options: { poolSize?: number; migrations?: readonly Migration[] } = {}): Promise<PgStore> {
    return PgStore.open({ url: await this.newSchemaUrl(), poolSize: 4, ...options });
  }

  /** A raw pool on the database, with `search_path` set as in `url`. */
  pool(url: string): pg.Pool {
    return new pg.Pool({ connectionString: url, max: 2 });
  }

  drop(): Promise<void> {
    return this.#db.drop();
  }
}
