import type pg from 'pg';
import { invalidInput, notFound } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { isRole } from '../../core/role.js';
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
import { checkLimit, decodeCursor, toPage } from '../sqlite/cursor.js';
import {
  type AuditRow,
  type KeyRow,
  partnerColumn,
  partnerOf,
  toEntry,
  toKey,
  toUser,
  type UserRow,
} from '../sqlite/people-queries.js';
import { inTransaction } from './pool.js';
import { pgGuard } from './storage-error.js';

const KEY_COLUMNS = 'id, name, role, created_at, revoked_at, partner';

/* `audit_log.seq` is BIGINT, which pg hands back as a string. */
function auditRow(row: AuditRow): AuditEntry {
  return toEntry({ ...row, seq: Number(row.seq) });
}

/**
 * The PeopleStore and AuditStore ports on PostgreSQL, with the SQLite adapter's checks and
 * codecs. An audit append locks the log in SHARE ROW EXCLUSIVE mode, which conflicts with
 * itself and with plain inserts but not with readers: appenders in any process take turns, each
 * reads the tip the previous one committed, and the chain cannot fork.
 */
export class PgPeopleStore implements PeopleStore, AuditStore {
  readonly #pool: pg.Pool;
  readonly #now: () => Date;

  constructor(pool: pg.Pool, now: () => Date) {
    this.#pool = pool;
    this.#now = now;
  }

  async createUser(user: NewUser): Promise<User> {
    return pgGuard('createUser', async () => {
      if (!isRole(user.role)) throw invalidInput(`unknown role "${String(user.role)}"`, 'role');
      const row: UserRow = {
        id: newId('usr'),
        name: user.name,
        role: user.role,
        password_hash: user.passwordHash,
        created_at: this.#now().toISOString(),
        disabled: 0,
        partner: partnerColumn(user),
      };
      // ON CONFLICT rather than a read first: a name taken by another process at the same moment
      // is refused as plainly as one taken long ago.
      const inserted = await this.#pool.query(
        `INSERT INTO app_user (id, name, role, password_hash, created_at, disabled, partner)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (name) DO NOTHING`,
        [row.id, row.name, row.role, row.password_hash, row.created_at, row.disabled, row.partner],
      );
      if (inserted.rowCount === 0) throw invalidInput(`a user named "${user.name}" exists already`, 'name');
      return toUser(row);
    });
  }

  async getUserByName(name: string): Promise<UserWithSecret | undefined> {
    return pgGuard('getUserByName', async () => {
      const { rows } = await this.#pool.query<UserRow>('SELECT * FROM app_user WHERE name = $1', [name]);
      const row = rows[0];
      return row === undefined ? undefined : { ...toUser(row), passwordHash: row.password_hash };
    });
  }

  async createApiKey(key: NewApiKey): Promise<ApiKey> {
    return pgGuard('createApiKey', async () => {
      if (!isRole(key.role)) throw invalidInput(`unknown role "${String(key.role)}"`, 'role');
      const partner = partnerColumn(key);
      const createdAt = this.#now().toISOString();
      await this.#pool.query(
        'INSERT INTO api_key (id, name, role, key_hash, created_at, partner) VALUES ($1, $2, $3, $4, $5, $6)',
        [key.id, key.name, key.role, key.keyHash, createdAt, partner],
      );
      return { id: key.id, name: key.name, role: key.role, createdAt, ...partnerOf(partner) };
    });
  }

  async findApiKey(keyHash: string): Promise<ApiKey | undefined> {
    return pgGuard('findApiKey', async () => {
      const { rows } = await this.#pool.query<KeyRow>(`SELECT ${KEY_COLUMNS} FROM api_key WHERE key_hash = $1`, [
        keyHash,
      ]);
      return rows[0] && toKey(rows[0]);
    });
  }

  async revokeApiKey(id: string): Promise<ApiKey> {
    return pgGuard('revokeApiKey', async () => {
      // Only an unrevoked key is stamped, so revoking twice keeps the first time.
      const { rows } = await this.#pool.query<KeyRow>(
        `WITH revoked AS (UPDATE api_key SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL RETURNING ${KEY_COLUMNS})
         SELECT * FROM revoked UNION ALL SELECT ${KEY_COLUMNS} FROM api_key WHERE id = $2 AND revoked_at IS NOT NULL`,
        [this.#now().toISOString(), id],
      );
      if (!rows[0]) throw notFound('API key', id);
      return toKey(rows[0]);
    });
  }

  async createSession(session: NewSession): Promise<void> {
    await pgGuard('createSession', async () => {
      const now = this.#now().toISOString();
      // Expired sessions are swept as new ones arrive, so the table stays the size of the live ones.
      await this.#pool.query(
        `WITH swept AS (DELETE FROM app_session WHERE expires_at <= $3)
         INSERT INTO app_session (id_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`,
        [session.idHash, session.userId, now, session.expiresAt],
      );
    });
  }

  async findSessionUser(idHash: string, now: string): Promise<User | undefined> {
    return pgGuard('findSessionUser', async () => {
      const { rows } = await this.#pool.query<UserRow>(
        `SELECT u.* FROM app_session s JOIN app_user u ON u.id = s.user_id
         WHERE s.id_hash = $1 AND s.expires_at > $2 AND u.disabled = 0`,
        [idHash, now],
      );
      return rows[0] && toUser(rows[0]);
    });
  }

  async deleteSession(idHash: string): Promise<void> {
    await pgGuard('deleteSession', () => this.#pool.query('DELETE FROM app_session WHERE id_hash = $1', [idHash]));
  }

  async hasPrincipals(): Promise<boolean> {
    return pgGuard('hasPrincipals', async () => {
      const { rows } = await this.#pool.query<{ any: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM app_user WHERE disabled = 0)
           OR EXISTS (SELECT 1 FROM api_key WHERE revoked_at IS NULL) AS any`,
      );
      return rows[0]?.any === true;
    });
  }

  async appendAudit(seal: (tip: AuditTip | undefined) => AuditEntry): Promise<AuditEntry> {
    return pgGuard('appendAudit', () =>
      inTransaction(this.#pool, async (client) => {
        // Taken before the tip is read, and held to commit: the next appender reads our entry.
        await client.query('LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE');
        const { rows } = await client.query<{ seq: string; hash: string }>(
          'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
        );
        const tip = rows[0] && { seq: Number(rows[0].seq), hash: rows[0].hash };
        const entry = seal(tip);
        await client.query(
          `INSERT INTO audit_log (seq, at, actor, action, target, reason, details, prev_hash, hash)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            entry.seq,
            entry.at,
            entry.actor,
            entry.action,
            entry.target,
            entry.reason,
            JSON.stringify(entry.details),
            entry.prevHash,
            entry.hash,
          ],
        );
        return entry;
      }),
    );
  }

  async listAudit(query: { limit: number; cursor?: string }): Promise<Page<AuditEntry>> {
    return pgGuard('listAudit', async () => {
      const limit = checkLimit(query.limit);
      const after = query.cursor === undefined ? 0 : Number(decodeCursor(query.cursor, ['number'])[0]);
      const { rows } = await this.#pool.query<AuditRow>(
        'SELECT * FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2',
        [after, limit + 1],
      );
      return toPage(rows, limit, auditRow, (row) => [Number(row.seq)]);
    });
  }

  async lastAudit(action: string): Promise<AuditEntry | undefined> {
    return pgGuard('lastAudit', async () => {
      // Newest first by seq (the primary key), so a recent match stops the scan early.
      const { rows } = await this.#pool.query<AuditRow>(
        'SELECT * FROM audit_log WHERE action = $1 ORDER BY seq DESC LIMIT 1',
        [action],
      );
      return rows[0] && auditRow(rows[0]);
    });
  }
}
