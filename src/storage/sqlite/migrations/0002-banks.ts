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

export const banks: Migration = { version: 2, name: 'banks', sql };
