import type Database from 'better-sqlite3';
import { invalidInput, notFound } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { isRole, type Role } from '../../core/role.js';
import type {
  ApiKey,
  AuditEntry,
  AuditTip,
  NewApiKey,
  NewSession,
  NewUser,
  Page,
  User,
  UserWithSecret,
} from '../ports.js';
import { checkLimit, decodeCursor, toPage } from './cursor.js';

export interface UserRow {
  id: string;
  name: string;
  role: string;
  password_hash: string;
  created_at: string;
  disabled: number;
  partner: string | null;
}

export interface KeyRow {
  id: string;
  name: string;
  role: string;
  created_at: string;
  revoked_at: string | null;
  partner: string | null;
}

export interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  reason: string;
  details: string;
  prev_hash: string;
  hash: string;
}

function role(value: string): Role {
  // The column's CHECK keeps this true; a false one is a hand-edited file, said plainly.
  if (!isRole(value)) throw invalidInput(`stored role "${value}" is not one Rasd knows`, 'role');
  return value;
}

/** The platform names items carry (`core/item.ts`). */
const PLATFORM = /^[a-z0-9-]{1,32}$/;

/**
 * The `partner` column: platforms joined by commas. Refused on a role other than partner (the
 * column's CHECK would too, less plainly); a partner without one may exist, and sees nothing.
 */
export function partnerColumn(who: { role: Role; partner?: string[] }): string | null {
  if (who.partner === undefined) return null;
  if (who.role !== 'partner') throw invalidInput(`only a partner has platforms, not a ${who.role}`, 'partner');
  const platforms = [...new Set(who.partner)];
  if (platforms.length === 0) throw invalidInput('a partner names at least one platform', 'partner');
  for (const p of platforms) {
    if (!PLATFORM.test(p)) throw invalidInput(`"${p}" is not a platform name (a-z, 0-9, -; up to 32)`, 'partner');
  }
  return platforms.join(',');
}

export function partnerOf(column: string | null): { partner?: string[] } {
  return column === null ? {} : { partner: column.split(',') };
}

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    name: row.name,
    role: role(row.role),
    createdAt: row.created_at,
    disabled: row.disabled === 1,
    ...partnerOf(row.partner),
  };
}

export function toKey(row: KeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    role: role(row.role),
    createdAt: row.created_at,
    ...(row.revoked_at !== null && { revokedAt: row.revoked_at }),
    ...partnerOf(row.partner),
  };
}

export function toEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    target: row.target,
    reason: row.reason,
    details: JSON.parse(row.details) as AuditEntry['details'],
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** The SQL behind `SqlitePeopleStore`: users, API keys, sessions and the audit log. */
export class PeopleQueries {
  readonly #db: Database.Database;
  readonly #now: () => Date;

  constructor(db: Database.Database, now: () => Date) {
    this.#db = db;
    this.#now = now;
  }

  createUser(user: NewUser): User {
    if (!isRole(user.role)) throw invalidInput(`unknown role "${String(user.role)}"`, 'role');
    const partner = partnerColumn(user);
    const exists = this.#db.prepare('SELECT 1 FROM app_user WHERE name = ?').get(user.name);
    if (exists) throw invalidInput(`a user named "${user.name}" exists already`, 'name');
    const row: UserRow = {
      id: newId('usr'),
      name: user.name,
      role: user.role,
      password_hash: user.passwordHash,
      created_at: this.#now().toISOString(),
      disabled: 0,
      partner,
    };
    this.#db
      .prepare(
        'INSERT INTO app_user (id, name, role, password_hash, created_at, disabled, partner) VALUES (@id, @name, @role, @password_hash, @created_at, @disabled, @partner)',
      )
      .run(row);
    return toUser(row);
  }

  getUserByName(name: string): UserWithSecret | undefined {
    const row = this.#db.prepare('SELECT * FROM app_user WHERE name = ?').get(name) as UserRow | undefined;
    return row === undefined ? undefined : { ...toUser(row), passwordHash: row.password_hash };
  }

  createApiKey(key: NewApiKey): ApiKey {
    if (!isRole(key.role)) throw invalidInput(`unknown role "${String(key.role)}"`, 'role');
    const partner = partnerColumn(key);
    const createdAt = this.#now().toISOString();
    this.#db
      .prepare('INSERT INTO api_key (id, name, role, key_hash, created_at, partner) VALUES (?, ?, ?, ?, ?, ?)')
      .run(key.id, key.name, key.role, key.keyHash, createdAt, partner);
    return { id: key.id, name: key.name, role: key.role, createdAt, ...partnerOf(partner) };
  }

  findApiKey(keyHash: string): ApiKey | undefined {
    const row = this.#db
      .prepare('SELECT id, name, role, created_at, revoked_at, partner FROM api_key WHERE key_hash = ?')
      .get(keyHash) as KeyRow | undefined;
    return row === undefined ? undefined : toKey(row);
  }

  revokeApiKey(id: string): ApiKey {
    this.#db
      .prepare('UPDATE api_key SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
      .run(this.#now().toISOString(), id);
    const row = this.#db
      .prepare('SELECT id, name, role, created_at, revoked_at, partner FROM api_key WHERE id = ?')
      .get(id) as KeyRow | undefined;
    if (row === undefined) throw notFound('API key', id);
    return toKey(row);
  }

  createSession(session: NewSession): void {
    const now = this.#now().toISOString();
    // Expired sessions are swept as new ones arrive, so the table stays the size of the live ones.
    this.#db.prepare('DELETE FROM app_session WHERE expires_at <= ?').run(now);
    this.#db
      .prepare('INSERT INTO app_session (id_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(session.idHash, session.userId, now, session.expiresAt);
  }

  findSessionUser(idHash: string, now: string): User | undefined {
    const row = this.#db
      .prepare(
        `SELECT u.* FROM app_session s JOIN app_user u ON u.id = s.user_id
         WHERE s.id_hash = ? AND s.expires_at > ? AND u.disabled = 0`,
      )
      .get(idHash, now) as UserRow | undefined;
    return row === undefined ? undefined : toUser(row);
  }

  deleteSession(idHash: string): void {
    this.#db.prepare('DELETE FROM app_session WHERE id_hash = ?').run(idHash);
  }

  hasPrincipals(): boolean {
    const row = this.#db
      .prepare(
        'SELECT EXISTS (SELECT 1 FROM app_user WHERE disabled = 0) OR EXISTS (SELECT 1 FROM api_key WHERE revoked_at IS NULL) AS any',
      )
      .get() as { any: number };
    return row.any === 1;
  }

  appendAudit(seal: (tip: AuditTip | undefined) => AuditEntry): AuditEntry {
    const append = this.#db.transaction(() => {
      const tip = this.#db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
        | AuditTip
        | undefined;
      const entry = seal(tip);
      this.#db
        .prepare(
          `INSERT INTO audit_log (seq, at, actor, action, target, reason, details, prev_hash, hash)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          entry.seq,
          entry.at,
          entry.actor,
          entry.action,
          entry.target,
          entry.reason,
          JSON.stringify(entry.details),
          entry.prevHash,
          entry.hash,
        );
      return entry;
    });
    // IMMEDIATE: take the write lock before reading the tip, so no other process appends in between.
    return append.immediate();
  }

  listAudit(query: { limit: number; cursor?: string }): Page<AuditEntry> {
    const limit = checkLimit(query.limit);
    const after = query.cursor === undefined ? 0 : (decodeCursor(query.cursor, ['number'])[0] as number);
    const rows = this.#db
      .prepare('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?')
      .all(after, limit + 1) as AuditRow[];
    return toPage(rows, limit, toEntry, (row) => [row.seq]);
  }

  lastAudit(action: string): AuditEntry | undefined {
    // Newest first by seq (the rowid), so a recent match stops the scan early.
    const row = this.#db.prepare('SELECT * FROM audit_log WHERE action = ? ORDER BY seq DESC LIMIT 1').get(action) as
      | AuditRow
      | undefined;
    return row === undefined ? undefined : toEntry(row);
  }
}
