import { CASE_STATUSES } from '../../../core/index.js';
import { sqlOneOf } from '../sql-one-of.js';
import { CASE_EVENT_TYPES } from '../vocabulary.js';
import type { Migration } from './index.js';

/*
 * Review: claims, appeals and dual-control bank adds are new case event types, and SQLite
 * cannot alter a CHECK, so `case_event` is rebuilt with the longer list and a nullable `key`
 * (review's idempotency key; scan events have none, and NULLs never collide). Dropping the old
 * table does not fire its delete trigger; the triggers are recreated on the new one.
 * `review_state` is the projection queues read; `review_exposure` counts what each reviewer saw.
 */
const sql = /* sql */ `
CREATE TABLE case_event_v4 (
  seq      INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id  TEXT NOT NULL REFERENCES review_case (id),
  type     TEXT NOT NULL CHECK (${sqlOneOf('type', CASE_EVENT_TYPES)}),
  at       TEXT NOT NULL,
  payload  TEXT NOT NULL,
  key      TEXT UNIQUE
) STRICT;
INSERT INTO case_event_v4 (seq, case_id, type, at, payload) SELECT seq, case_id, type, at, payload FROM case_event;
DROP TABLE case_event;
ALTER TABLE case_event_v4 RENAME TO case_event;
CREATE INDEX case_event_by_case ON case_event (case_id, seq);
CREATE TRIGGER case_event_no_update BEFORE UPDATE ON case_event
  BEGIN SELECT RAISE(ABORT, 'case events are append-only'); END;
CREATE TRIGGER case_event_no_delete BEFORE DELETE ON case_event
  BEGIN SELECT RAISE(ABORT, 'case events are append-only'); END;

CREATE TABLE review_state (
  case_id            TEXT PRIMARY KEY REFERENCES review_case (id),
  queue              TEXT NOT NULL,
  category           TEXT NOT NULL,
  lang               TEXT NOT NULL,
  org                TEXT NOT NULL,
  graphic            INTEGER NOT NULL CHECK (graphic BETWEEN 0 AND 1),
  rank               REAL NOT NULL,
  status             TEXT NOT NULL CHECK (${sqlOneOf('status', CASE_STATUSES)}),
  appealed           INTEGER NOT NULL CHECK (appealed BETWEEN 0 AND 1),
  claimed_by         TEXT,
  claim_expires_at   TEXT,
  pending_bank_adds  INTEGER NOT NULL CHECK (pending_bank_adds >= 0),
  decided_at         TEXT,
  version            INTEGER NOT NULL CHECK (version >= 0),
  projection         TEXT NOT NULL,
  updated_at         TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX review_state_by_queue ON review_state (queue, status, rank DESC, case_id);
CREATE INDEX review_state_by_status ON review_state (status, rank DESC, case_id);
CREATE INDEX review_state_by_decided ON review_state (decided_at, case_id) WHERE decided_at IS NOT NULL;
CREATE INDEX review_state_bank_pending ON review_state (case_id) WHERE pending_bank_adds > 0;

CREATE TABLE review_exposure (
  reviewer  TEXT NOT NULL,
  day       TEXT NOT NULL,
  case_id   TEXT NOT NULL REFERENCES review_case (id),
  graphic   INTEGER NOT NULL CHECK (graphic BETWEEN 0 AND 1),
  PRIMARY KEY (reviewer, day, case_id)
) STRICT, WITHOUT ROWID;
`;

/*
 * PostgreSQL can alter a table in place, and its 0001 already renders today's full list of case
 * event types, so `case_event` only gains `key`; its append-only triggers stay as they are.
 * REAL is 4 bytes there, so `rank` is DOUBLE PRECISION, SQLite's REAL.
 */
const postgres = /* sql */ `
ALTER TABLE case_event ADD COLUMN key TEXT UNIQUE;

CREATE TABLE review_state (
  case_id            TEXT COLLATE "C" PRIMARY KEY REFERENCES review_case (id),
  queue              TEXT NOT NULL,
  category           TEXT NOT NULL,
  lang               TEXT NOT NULL,
  org                TEXT NOT NULL,
  graphic            INTEGER NOT NULL CHECK (graphic BETWEEN 0 AND 1),
  rank               DOUBLE PRECISION NOT NULL,
  status             TEXT NOT NULL CHECK (${sqlOneOf('status', CASE_STATUSES)}),
  appealed           INTEGER NOT NULL CHECK (appealed BETWEEN 0 AND 1),
  claimed_by         TEXT,
  claim_expires_at   TEXT,
  pending_bank_adds  INTEGER NOT NULL CHECK (pending_bank_adds >= 0),
  decided_at         TEXT COLLATE "C",
  version            INTEGER NOT NULL CHECK (version >= 0),
  projection         TEXT NOT NULL,
  updated_at         TEXT NOT NULL
);
CREATE INDEX review_state_by_queue ON review_state (queue, status, rank DESC, case_id);
CREATE INDEX review_state_by_status ON review_state (status, rank DESC, case_id);
CREATE INDEX review_state_by_decided ON review_state (decided_at, case_id) WHERE decided_at IS NOT NULL;
CREATE INDEX review_state_bank_pending ON review_state (case_id) WHERE pending_bank_adds > 0;

CREATE TABLE review_exposure (
  reviewer  TEXT NOT NULL,
  day       TEXT NOT NULL,
  case_id   TEXT COLLATE "C" NOT NULL REFERENCES review_case (id),
  graphic   INTEGER NOT NULL CHECK (graphic BETWEEN 0 AND 1),
  PRIMARY KEY (reviewer, day, case_id)
);
`;

export const review: Migration = { version: 4, name: 'review', sql, postgres };
