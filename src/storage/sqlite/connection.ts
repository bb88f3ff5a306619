import Database from 'better-sqlite3';

export interface ConnectionOptions {
  /** A file path, or `:memory:` for a private database that lives as long as the connection. */
  path: string;
  readonly?: boolean;
  /** Open only a file that exists (the write worker's connection: the store created it). */
  fileMustExist?: boolean;
  /** How long a write waits for another connection's write to finish before failing. */
  busyTimeoutMs?: number;
  /** SQLite's page cache limit for this connection, in KiB. */
  cacheKib?: number;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 5_000;
const WAL_CHECKPOINT_PAGES = 16_384;
/** The store's own connection: the API's and reports' reads stay cached. */
export const READER_CACHE_KIB = 65_536;
/**
 * The write worker's connection. Writing a scan touches every page it adds, so a large cache
 * fills with the scan's own pages and grows the process by its size for nothing; measured on
 * 100k and 300k-item scans, 16 MiB wrote as fast as 64 MiB and kept memory flat.
 */
export const WRITER_CACHE_KIB = 16_384;

/** Opens one connection with Rasd's settings; the store's and the write worker's are set up alike. */
export function openDatabase(options: ConnectionOptions): Database.Database {
  const readonly = options.readonly ?? false;
  const db = new Database(options.path, { readonly, fileMustExist: readonly || (options.fileMustExist ?? false) });
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS))}`);
    if (!readonly && !db.memory) {
      // WAL lets readers (the API, reports) run while a scan writes; it is a property of the file.
      db.pragma('journal_mode = WAL');
      /*
       * A scan batch dirties a thousand pages or more, so at SQLite's default (checkpoint past
       * 1000 WAL pages) nearly every commit also copied the whole WAL into the database; that
       * was about a third of the write time. Checkpoint past 64 MiB instead, and trim the WAL
       * back to that size afterwards.
       */
      db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
      db.pragma(`journal_size_limit = ${WAL_CHECKPOINT_PAGES * 4096}`);
    }
    // In WAL mode NORMAL loses at most the last commits on power loss, never consistency.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // A limit, not an allocation: pages are cached as they are touched, up to this size.
    db.pragma(`cache_size = -${Math.max(0, Math.trunc(options.cacheKib ?? READER_CACHE_KIB))}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
