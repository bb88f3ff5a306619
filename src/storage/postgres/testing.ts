import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Test support (not part of the adapter): each test file gets its own database on the local
 * server (127.0.0.1:5432, trust auth), created empty and dropped afterwards, so files run in
 * parallel without seeing each other's rows.
 */

export const TEST_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

function urlFor(database: string): string {
  return TEST_SERVER_URL.replace(/\/postgres$/, `/${database}`);
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  const name = `rasd_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_SERVER_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: urlFor(name),
    name,
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_SERVER_URL });
      await client.connect();
      try {
        // A pool's end() resolves once its clients are removed, not once their connections have
        // closed; FORCE would then kill a connection mid-goodbye and the client would throw an
        // uncaught "terminating connection" into whichever test file runs next. Wait for them.
        for (let waited = 0; waited < 3_000; waited += 50) {
          const open = await client.query<{ n: string }>(
            'SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1',
            [name],
          );
          if (Number(open.rows[0]?.n ?? 0) === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
