import pg from 'pg';
import { MIGRATIONS } from '../sqlite/migrations/index.js';
import { migratePostgres } from './migration-runner.js';
import { createTestDatabase, type TestDatabase } from './testing.js';

/**
 * Test support (not part of the adapter): one database per test file (`testing.ts`), and in it
 * one schema per store asked for, migrated from scratch, so every contract test starts empty
 * without paying for a database each. Pools are found through `search_path`, so the adapter's
 * unqualified SQL lands in that schema.
 */
export class TestSchemas {
  readonly #db: TestDatabase;
  readonly #pools: pg.Pool[] = [];
  readonly #schemas = new Map<pg.Pool, string>();
  #made = 0;

  private constructor(db: TestDatabase) {
    this.#db = db;
  }

  static async create(label: string): Promise<TestSchemas> {
    return new TestSchemas(await createTestDatabase(label));
  }

  /** A pool on a new schema with every migration applied; `max` bounds its connections. */
  async pool(options: { max?: number } = {}): Promise<pg.Pool> {
    this.#made += 1;
    const schema = `s${this.#made}`;
    const admin = new pg.Client({ connectionString: this.#db.url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA ${schema}`);
    } finally {
      await admin.end();
    }
    const pool = this.#open(schema, options.max);
    await migratePostgres(pool, MIGRATIONS, { now: () => new Date() });
    return pool;
  }

  /** A second pool on the schema of `pool`: what another process of the deployment would hold. */
  async poolOnSameSchema(pool: pg.Pool, options: { max?: number } = {}): Promise<pg.Pool> {
    const schema = this.#schemas.get(pool);
    if (schema === undefined) throw new Error('not a pool of these test schemas');
    return this.#open(schema, options.max);
  }

  #open(schema: string, max = 4): pg.Pool {
    const pool = new pg.Pool({ connectionString: this.#db.url, options: `-c search_path=${schema}`, max });
    this.#pools.push(pool);
    this.#schemas.set(pool, schema);
    return pool;
  }

  /** Ends every pool and drops the database. */
  async drop(): Promise<void> {
    await Promise.all(this.#pools.map((pool) => (pool.ended ? undefined : pool.end())));
    await this.#db.drop();
  }
}
