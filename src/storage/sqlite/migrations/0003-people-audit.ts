import { ROLES } from '../../../core/role.js';
import { sqlOneOf } from '../sql-one-of.js';
import type { Migration } from './index.js';

/*
 * People, machine keys, web sessions and the audit log (see `storage/people-ports.ts`).
 * Secrets are stored only as hashes: `password_hash` is scrypt with its salt and parameters,
 * `key_hash` and `id_hash` are SHA-256 of high-entropy random values. `audit_log.seq` is the
 * rowid and the chain position; the triggers make the log append-only for Rasd itself, and the
 * hash chain (review/audit-chain.ts) catches whoever drops the triggers and edits the file.
 */
const sql = /* sql */ `
CREATE TABLE app_user (
  id             TEXT PRIMARY KEY,
  name           TEXT NOT NULL UNIQUE,
  role           TEXT NOT NULL CHECK (${sqlOneOf('role', ROLES)}),
  password_hash  TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  disabled       INTEGER NOT NULL DEFAULT 0 CHECK (disabled BETWEEN 0 AND 1)
) STRICT, WITHOUT ROWID;

CREATE TABLE api_key (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  role        TEXT NOT NULL CHECK (${sqlOneOf('role', ROLES)}),
  key_hash    TEXT NOT NULL UNIQUE,
  created_at  TEXT NOT NULL,
  revoked_at  TEXT
) STRICT, WITHOUT ROWID;

CREATE TABLE app_session (
  id_hash     TEXT PRIMARY KEY,
  user_id     TEXT NOT NULL REFERENCES app_user (id),
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX app_session_by_expiry ON app_session (expires_at);

CREATE TABLE audit_log (
  seq        INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  actor      TEXT NOT NULL,
  action     TEXT NOT NULL,
  target     TEXT NOT NULL,
  reason     TEXT NOT NULL,
  details    TEXT NOT NULL,
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`;

/*
 * PostgreSQL: the same tables. `audit_log.seq` is written by the appender (the chain position),
 * so it is a plain key, not an identity. Triggers call a function there; TRUNCATE fires no row
 * trigger, so it gets its own.
 */
const postgres = /* sql */ `
CREATE TABLE app_user (
  id             TEXT PRIMARY KEY,
  name           TEXT NOT NULL UNIQUE,
  role           TEXT NOT NULL CHECK (${sqlOneOf('role', ROLES)}),
  password_hash  TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  disabled       INTEGER NOT NULL DEFAULT 0 CHECK (disabled BETWEEN 0 AND 1)
);

CREATE TABLE api_key (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  role        TEXT NOT NULL CHECK (${sqlOneOf('role', ROLES)}),
  key_hash    TEXT NOT NULL UNIQUE,
  created_at  TEXT NOT NULL,
  revoked_at  TEXT
);

CREATE TABLE app_session (
  id_hash     TEXT PRIMARY KEY,
  user_id     TEXT NOT NULL REFERENCES app_user (id),
  created_at  TEXT NOT NULL,
  expires_at  TEXT COLLATE "C" NOT NULL
);
CREATE INDEX app_session_by_expiry ON app_session (expires_at);

CREATE TABLE audit_log (
  seq        BIGINT PRIMARY KEY,
  at         TEXT NOT NULL,
  actor      TEXT NOT NULL,
  action     TEXT NOT NULL,
  target     TEXT NOT NULL,
  reason     TEXT NOT NULL,
  details    TEXT NOT NULL,
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL
);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql
  AS $$ BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
`;

export const peopleAudit: Migration = { version: 3, name: 'people-audit', sql, postgres };
