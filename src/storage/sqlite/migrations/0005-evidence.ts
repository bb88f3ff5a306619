import type { Migration } from './index.js';

/*
 * Preserved evidence of removed items. No foreign keys on purpose: evidence must outlive the
 * item and case rows it copies, whatever later cleans those up. One record per decision
 * (case, decision time), so preserving again after a retry is a no-op; an appeal that ends in
 * a second removal is a second decision and a second record. AUTOINCREMENT keeps purged ids
 * from being reused, so an audited id range names the same records forever. ISO instants are
 * all UTC with `Z` (toISOString), so they sort as text.
 */
const sql = /* sql */ `
CREATE TABLE evidence (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id       TEXT NOT NULL,
  item_key      TEXT NOT NULL,
  decided_at    TEXT NOT NULL,
  item          TEXT NOT NULL,
  assessment    TEXT,
  decision      TEXT NOT NULL,
  media         TEXT NOT NULL,
  preserved_at  TEXT NOT NULL,
  purge_after   TEXT NOT NULL CHECK (purge_after >= preserved_at),
  UNIQUE (case_id, decided_at)
) STRICT;
CREATE INDEX evidence_by_purge ON evidence (purge_after, id);
`;

const postgres = /* sql */ `
CREATE TABLE evidence (
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id       TEXT NOT NULL,
  item_key      TEXT NOT NULL,
  decided_at    TEXT NOT NULL,
  item          TEXT NOT NULL,
  assessment    TEXT,
  decision      TEXT NOT NULL,
  media         TEXT NOT NULL,
  preserved_at  TEXT COLLATE "C" NOT NULL,
  purge_after   TEXT COLLATE "C" NOT NULL CHECK (purge_after >= preserved_at),
  UNIQUE (case_id, decided_at)
);
CREATE INDEX evidence_by_purge ON evidence (purge_after, id);
`;

export const evidence: Migration = { version: 5, name: 'evidence', sql, postgres };
