import type Database from 'better-sqlite3';
import type {
  ApiKey,
  AuditEntry,
  AuditStore,
  AuditTip,
  NewApiKey,
  NewSession,
  NewUser,
  Page,
  PeopleStore,
  User,
  UserWithSecret,
} from '../ports.js';
import { SqliteBankStore } from './bank-store.js';
import { PeopleQueries } from './people-queries.js';
import { guard } from './storage-error.js';

/**
 * The PeopleStore and AuditStore ports on a SQLite connection, layered on the bank store so
 * `SqliteStore` gets them without its own file growing. Like bank writes, these are rare and
 * run on the store's connection rather than the scan write worker; an audit append takes the
 * write lock first (BEGIN IMMEDIATE), so the chain stays linear across processes.
 */
export class SqlitePeopleStore extends SqliteBankStore implements PeopleStore, AuditStore {
  readonly #people: PeopleQueries;

  constructor(db: Database.Database, now: () => Date) {
    super(db, now);
    this.#people = guard('open', () => new PeopleQueries(db, now));
  }

  async createUser(user: NewUser): Promise<User> {
    return guard('createUser', () => this.#people.createUser(user));
  }

  async getUserByName(name: string): Promise<UserWithSecret | undefined> {
    return guard('getUserByName', () => this.#people.getUserByName(name));
  }

  async createApiKey(key: NewApiKey): Promise<ApiKey> {
    return guard('createApiKey', () => this.#people.createApiKey(key));
  }

  async findApiKey(keyHash: string): Promise<ApiKey | undefined> {
    return guard('findApiKey', () => this.#people.findApiKey(keyHash));
  }

  async revokeApiKey(id: string): Promise<ApiKey> {
    return guard('revokeApiKey', () => this.#people.revokeApiKey(id));
  }

  async createSession(session: NewSession): Promise<void> {
    guard('createSession', () => this.#people.createSession(session));
  }

  async findSessionUser(idHash: string, now: string): Promise<User | undefined> {
    return guard('findSessionUser', () => this.#people.findSessionUser(idHash, now));
  }

  async deleteSession(idHash: string): Promise<void> {
    guard('deleteSession', () => this.#people.deleteSession(idHash));
  }

  async hasPrincipals(): Promise<boolean> {
    return guard('hasPrincipals', () => this.#people.hasPrincipals());
  }

  async appendAudit(seal: (tip: AuditTip | undefined) => AuditEntry): Promise<AuditEntry> {
    return guard('appendAudit', () => this.#people.appendAudit(seal));
  }

  async listAudit(query: { limit: number; cursor?: string }): Promise<Page<AuditEntry>> {
    return guard('listAudit', () => this.#people.listAudit(query));
  }

  async lastAudit(action: string): Promise<AuditEntry | undefined> {
    return guard('lastAudit', () => this.#people.lastAudit(action));
  }
}
