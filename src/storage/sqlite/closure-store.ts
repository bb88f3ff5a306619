import type Database from 'better-sqlite3';
import type { ChannelClosure } from '../../core/index.js';
import type { ChannelClosureStore, NetworkRow } from '../closure-ports.js';
import type { Page } from '../ports.js';
import { ClosureQueries } from './closure-queries.js';
import { SqlitePeopleStore } from './people-store.js';
import { guard } from './storage-error.js';

/**
 * The ChannelClosureStore port on SQLite, a floor of `SqliteStore`. Closures are a few a day, so
 * they are written on the main connection, not the scan writer.
 */
export class SqliteClosureStore extends SqlitePeopleStore implements ChannelClosureStore {
  readonly #closures: ClosureQueries;

  constructor(db: Database.Database, now: () => Date) {
    super(db, now);
    this.#closures = new ClosureQueries(db);
  }

  async recordClosure(closure: ChannelClosure): Promise<boolean> {
    return guard('recordClosure', () => this.#closures.record(closure));
  }

  async listClosures(query: { platform?: string; limit: number; cursor?: string }): Promise<Page<ChannelClosure>> {
    return guard('listClosures', () => this.#closures.list(query));
  }

  async listNetworkRows(limit: number, cursor?: string): Promise<Page<NetworkRow>> {
    return guard('listNetworkRows', () => this.#closures.networkRows(limit, cursor));
  }
}
