import { BANK_SIGNAL_TYPES } from '../../../core/bank.js';
import { sqlOneOf } from '../sql-one-of.js';
import type { Migration } from './index.js';

/*
 * Banks of known content (see `storage/bank-ports.ts`). A bank's `version` is bumped in the
 * same transaction as every change to it or its entries, so a matcher can tell from one row
 * whether its in-memory index is current. Entries are unique per (bank, signal type, value);
 * `seq` never repeats (AUTOINCREMENT), so an entry id named in a stored assessment's evidence
 * always means the same entry. The name CHECK mirrors BANK_NAME_PATTERN (^[A-Z0-9_]+$).
 */
const sql = /* sql */ `
CREATE TABLE bank (
  name         TEXT PRIMARY KEY CHECK (name <> '' AND name NOT GLOB '*[^A-Z0-9_]*'),
  description  TEXT NOT NULL,
  enabled      INTEGER NOT NULL CHECK (enabled BETWEEN 0 AND 1),
  created_at   TEXT NOT NULL,
  version      INTEGER NOT NULL CHECK (version >= 1)
) STRICT, WITHOUT ROWID;

CREATE TABLE bank_entry (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  bank         TEXT NOT NULL REFERENCES bank (name),
  signal_type  TEXT NOT NULL CHECK (${sqlOneOf('signal_type', BANK_SIGNAL_TYPES)}),
  value        TEXT NOT NULL CHECK (value <> ''),
  org          TEXT,
  category     TEXT,
  note         TEXT,
  source       TEXT NOT NULL,
  added_by     TEXT NOT NULL,
  added_at     TEXT NOT NULL,
  UNIQUE (bank, signal_type, value)
) STRICT;
CREATE INDEX bank_entry_by_bank ON bank_entry (bank, seq);
CREATE INDEX bank_entry_by_type ON bank_entry (signal_type, seq);
`;

/*
 * PostgreSQL: the same tables. An entry's value may be up to 1 MiB, more than a B-tree key can
 * hold (about 2.7 kB), so uniqueness is kept on the value's SHA-256; `bank_value_digest` exists
 * because `convert_to` is only STABLE, while the database encoding (and so the digest) never
 * changes. IDENTITY sequences, like AUTOINCREMENT, never hand out a number twice. Text that
 * lists order or compare by is COLLATE "C" here and in later migrations: byte order, as SQLite
 * compares (see 0001).
 */
const postgres = /* sql */ `
CREATE TABLE bank (
  name         TEXT COLLATE "C" PRIMARY KEY CHECK (name ~ '^[A-Z0-9_]+$'),
  description  TEXT NOT NULL,
  enabled      INTEGER NOT NULL CHECK (enabled BETWEEN 0 AND 1),
  created_at   TEXT NOT NULL,
  version      INTEGER NOT NULL CHECK (version >= 1)
);

CREATE FUNCTION bank_value_digest(value TEXT) RETURNS BYTEA
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT sha256(convert_to(value, 'UTF8')) $$;

CREATE TABLE bank_entry (
  seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  bank         TEXT COLLATE "C" NOT NULL REFERENCES bank (name),
  signal_type  TEXT NOT NULL CHECK (${sqlOneOf('signal_type', BANK_SIGNAL_TYPES)}),
  value        TEXT NOT NULL CHECK (value <> ''),
  org          TEXT,
  category     TEXT,
  note         TEXT,
  source       TEXT NOT NULL,
  added_by     TEXT NOT NULL,
  added_at     TEXT NOT NULL
);
CREATE UNIQUE INDEX bank_entry_unique ON bank_entry (bank, signal_type, bank_value_digest(value));
CREATE INDEX bank_entry_by_bank ON bank_entry (bank, seq);
CREATE INDEX bank_entry_by_type ON bank_entry (signal_type, seq);
`;

export const banks: Migration = { version: 2, name: 'banks', sql, postgres };
