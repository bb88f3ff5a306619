import { ACTION_KINDS, ACTION_STATUSES, CASE_STATUSES, CHAT_TYPES, SEVERITIES, VERDICTS } from '../../../core/index.js';
import { sqlOneOf } from '../sql-one-of.js';
import { CASE_EVENT_TYPES, RUN_STATUSES } from '../vocabulary.js';
import type { Migration } from './index.js';

/** The advisory lock that serialises making month partitions ("rasm" in ASCII). */
const MONTH_LOCK = 0x7261736d;

/*
 * CHECK lists are rendered from the core registries. SQLite cannot alter a CHECK, so a value
 * added to one of those registries later needs a migration that rebuilds the table; a fresh
 * database then runs this file with the new list and the rebuild, and ends up the same.
 *
 * An assessment's signals, tactics, rules and requested actions are read back whole and never
 * searched, so they ride in its JSON document: a signal table would cost a scan about a third
 * of its write throughput. Categories and orgs, which are filtered and counted, get tables.
 *
 * Instants are kept twice: the ISO text exactly as given (so records round-trip, offsets and
 * all) and `*_ms`, epoch milliseconds, for ordering, ranges and UTC days. `assessment.posted_ms`
 * copies its item's, so flagged items can be listed newest first from one index.
 */
const sql = /* sql */ `
CREATE TABLE item (
  key         TEXT PRIMARY KEY,
  platform    TEXT NOT NULL,
  chat_id     TEXT NOT NULL,
  message_id  TEXT NOT NULL,
  version     INTEGER NOT NULL CHECK (version >= 0),
  posted_at   TEXT NOT NULL,
  posted_ms   INTEGER NOT NULL,
  text        TEXT NOT NULL,
  document    TEXT NOT NULL
) STRICT;
CREATE INDEX item_by_posted ON item (posted_ms, key);
CREATE INDEX item_by_chat ON item (chat_id, posted_ms, key);

CREATE TABLE assessment (
  item_key        TEXT PRIMARY KEY REFERENCES item (key),
  verdict         TEXT NOT NULL CHECK (${sqlOneOf('verdict', VERDICTS)}),
  severity        TEXT NOT NULL CHECK (${sqlOneOf('severity', SEVERITIES)}),
  confidence      REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
  needs_review    INTEGER NOT NULL CHECK (needs_review BETWEEN 0 AND 1),
  policy_version  TEXT NOT NULL,
  scanned_at      TEXT NOT NULL,
  latency_ms      REAL NOT NULL CHECK (latency_ms >= 0),
  posted_ms       INTEGER NOT NULL,
  document        TEXT NOT NULL
) STRICT, WITHOUT ROWID;
-- Violating and review items are few and are what moderators page through, newest first;
-- clear items, the bulk, are neither indexed here nor pay for it on every insert.
CREATE INDEX assessment_flagged ON assessment (verdict, posted_ms, item_key) WHERE verdict <> 'clear';

CREATE TABLE assessment_category (
  item_key  TEXT NOT NULL REFERENCES assessment (item_key),
  category  TEXT NOT NULL,
  position  INTEGER NOT NULL,
  PRIMARY KEY (item_key, category)
) STRICT, WITHOUT ROWID;
CREATE INDEX assessment_category_by_category ON assessment_category (category, item_key);

CREATE TABLE assessment_org (
  item_key  TEXT NOT NULL REFERENCES assessment (item_key),
  org       TEXT NOT NULL,
  position  INTEGER NOT NULL,
  PRIMARY KEY (item_key, org)
) STRICT, WITHOUT ROWID;
CREATE INDEX assessment_org_by_org ON assessment_org (org, item_key);

CREATE TABLE channel (
  platform       TEXT NOT NULL,
  id             TEXT NOT NULL,
  username       TEXT,
  title          TEXT,
  type           TEXT NOT NULL CHECK (${sqlOneOf('type', CHAT_TYPES)}),
  first_seen_at  TEXT NOT NULL,
  first_seen_ms  INTEGER NOT NULL,
  last_seen_at   TEXT NOT NULL,
  last_seen_ms   INTEGER NOT NULL,
  PRIMARY KEY (platform, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX channel_by_recent ON channel (last_seen_ms, platform, id);

CREATE TABLE channel_event (
  seq         INTEGER PRIMARY KEY,
  platform    TEXT NOT NULL,
  chat_id     TEXT NOT NULL,
  message_id  TEXT NOT NULL,
  action      TEXT NOT NULL,
  at          TEXT NOT NULL,
  at_ms       INTEGER NOT NULL,
  actor       TEXT,
  actor_id    TEXT,
  details     TEXT NOT NULL,
  UNIQUE (platform, chat_id, message_id)
) STRICT;
CREATE INDEX channel_event_by_time ON channel_event (platform, chat_id, at_ms);

CREATE TABLE review_case (
  id          TEXT PRIMARY KEY,
  item_key    TEXT NOT NULL REFERENCES item (key),
  status      TEXT NOT NULL CHECK (${sqlOneOf('status', CASE_STATUSES)}),
  queue       TEXT NOT NULL,
  priority    REAL NOT NULL,
  reason      TEXT NOT NULL,
  opened_at   TEXT NOT NULL,
  opened_ms   INTEGER NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX review_case_by_queue ON review_case (status, priority DESC, opened_ms, id);
CREATE INDEX review_case_by_priority ON review_case (priority DESC, opened_ms, id);
CREATE INDEX review_case_by_item ON review_case (item_key);

CREATE TABLE case_event (
  seq      INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id  TEXT NOT NULL REFERENCES review_case (id),
  type     TEXT NOT NULL CHECK (${sqlOneOf('type', CASE_EVENT_TYPES)}),
  at       TEXT NOT NULL,
  payload  TEXT NOT NULL
) STRICT;
CREATE INDEX case_event_by_case ON case_event (case_id, seq);
-- The audit trail must not be rewritten, whoever holds the connection.
CREATE TRIGGER case_event_no_update BEFORE UPDATE ON case_event
  BEGIN SELECT RAISE(ABORT, 'case events are append-only'); END;
CREATE TRIGGER case_event_no_delete BEFORE DELETE ON case_event
  BEGIN SELECT RAISE(ABORT, 'case events are append-only'); END;

CREATE TABLE action (
  id               TEXT PRIMARY KEY,
  item_key         TEXT NOT NULL REFERENCES item (key),
  kind             TEXT NOT NULL CHECK (${sqlOneOf('kind', ACTION_KINDS)}),
  target           TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (${sqlOneOf('status', ACTION_STATUSES)}),
  attempts         INTEGER NOT NULL CHECK (attempts >= 0),
  requested_at     TEXT NOT NULL,
  requested_ms     INTEGER NOT NULL,
  last_attempt_at  TEXT,
  confirmed_at     TEXT,
  outcome          TEXT,
  reason           TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX action_by_status ON action (status, requested_ms, id);
CREATE INDEX action_by_requested ON action (requested_ms, id);
CREATE INDEX action_by_item ON action (item_key);

CREATE TABLE scan_run (
  id           TEXT PRIMARY KEY,
  sources      TEXT NOT NULL,
  started_at   TEXT NOT NULL,
  finished_at  TEXT,
  status       TEXT NOT NULL CHECK (${sqlOneOf('status', RUN_STATUSES)}),
  summary      TEXT
) STRICT, WITHOUT ROWID;

CREATE TABLE scan_run_error (
  run_id   TEXT NOT NULL REFERENCES scan_run (id),
  seq      INTEGER NOT NULL,
  record   TEXT NOT NULL,
  code     TEXT NOT NULL,
  message  TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
) STRICT, WITHOUT ROWID;
`;

/*
 * PostgreSQL's dialect: the same tables and columns (times as ISO text plus `*_ms` epoch
 * milliseconds, documents as JSON text so they round-trip byte for byte), with three changes
 * (docs/postgres.md):
 *
 * - `item`, `assessment`, `assessment_category` and `assessment_org` are range-partitioned by
 *   the month the item was posted (`posted_ms`), so a month is purged by dropping its partitions.
 *   A partitioned table's unique keys must contain `posted_ms`, so an item version is keyed by
 *   (key, posted_ms): the posted time is part of what a delivery carries and never differs
 *   between two deliveries of one version. The category and org rows carry `posted_ms` too,
 *   so they are partitioned with their assessment. No foreign key can point at `item (key)`.
 * - Exactly-once follow-ups are enforced here: one case per item version (UNIQUE item_key) and
 *   one action per item version and kind (UNIQUE (item_key, kind)), on unpartitioned tables.
 * - Identifiers that lists order and page by are COLLATE "C": byte order, as SQLite compares,
 *   whatever the database's locale.
 *
 * Month partitions (`<table>_pYYYYMM`) are made on demand by `rasd_ensure_month`, which the
 * store calls before the first batch that brings a month; rows of a month without partitions
 * land in the DEFAULT partition, and are moved out when that month's partitions are made.
 */
const PARTITIONED = ['item', 'assessment', 'assessment_category', 'assessment_org'];
const partitionedList = PARTITIONED.map((t) => `'${t}'`).join(', ');

const postgres = /* sql */ `
CREATE TABLE item (
  key         TEXT COLLATE "C" NOT NULL,
  platform    TEXT COLLATE "C" NOT NULL,
  chat_id     TEXT COLLATE "C" NOT NULL,
  message_id  TEXT NOT NULL,
  version     INTEGER NOT NULL CHECK (version >= 0),
  posted_at   TEXT NOT NULL,
  posted_ms   BIGINT NOT NULL,
  text        TEXT NOT NULL,
  document    TEXT NOT NULL,
  PRIMARY KEY (key, posted_ms)
) PARTITION BY RANGE (posted_ms);
CREATE TABLE item_default PARTITION OF item DEFAULT;
CREATE INDEX item_by_posted ON item (posted_ms, key);
CREATE INDEX item_by_chat ON item (chat_id, posted_ms, key);

CREATE TABLE assessment (
  item_key        TEXT COLLATE "C" NOT NULL,
  verdict         TEXT NOT NULL CHECK (${sqlOneOf('verdict', VERDICTS)}),
  severity        TEXT NOT NULL CHECK (${sqlOneOf('severity', SEVERITIES)}),
  confidence      DOUBLE PRECISION NOT NULL CHECK (confidence BETWEEN 0 AND 1),
  needs_review    INTEGER NOT NULL CHECK (needs_review BETWEEN 0 AND 1),
  policy_version  TEXT NOT NULL,
  scanned_at      TEXT NOT NULL,
  latency_ms      DOUBLE PRECISION NOT NULL CHECK (latency_ms >= 0),
  posted_ms       BIGINT NOT NULL,
  document        TEXT NOT NULL,
  PRIMARY KEY (item_key, posted_ms)
) PARTITION BY RANGE (posted_ms);
CREATE TABLE assessment_default PARTITION OF assessment DEFAULT;
CREATE INDEX assessment_flagged ON assessment (verdict, posted_ms, item_key) WHERE verdict <> 'clear';

CREATE TABLE assessment_category (
  item_key   TEXT COLLATE "C" NOT NULL,
  category   TEXT COLLATE "C" NOT NULL,
  position   INTEGER NOT NULL,
  posted_ms  BIGINT NOT NULL,
  PRIMARY KEY (item_key, posted_ms, category)
) PARTITION BY RANGE (posted_ms);
CREATE TABLE assessment_category_default PARTITION OF assessment_category DEFAULT;
CREATE INDEX assessment_category_by_category ON assessment_category (category, item_key);

CREATE TABLE assessment_org (
  item_key   TEXT COLLATE "C" NOT NULL,
  org        TEXT COLLATE "C" NOT NULL,
  position   INTEGER NOT NULL,
  posted_ms  BIGINT NOT NULL,
  PRIMARY KEY (item_key, posted_ms, org)
) PARTITION BY RANGE (posted_ms);
CREATE TABLE assessment_org_default PARTITION OF assessment_org DEFAULT;
CREATE INDEX assessment_org_by_org ON assessment_org (org, item_key);

CREATE TABLE channel (
  platform       TEXT COLLATE "C" NOT NULL,
  id             TEXT COLLATE "C" NOT NULL,
  username       TEXT,
  title          TEXT,
  type           TEXT NOT NULL CHECK (${sqlOneOf('type', CHAT_TYPES)}),
  first_seen_at  TEXT NOT NULL,
  first_seen_ms  BIGINT NOT NULL,
  last_seen_at   TEXT NOT NULL,
  last_seen_ms   BIGINT NOT NULL,
  PRIMARY KEY (platform, id)
);
CREATE INDEX channel_by_recent ON channel (last_seen_ms, platform, id);

CREATE TABLE channel_event (
  seq         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  platform    TEXT NOT NULL,
  chat_id     TEXT NOT NULL,
  message_id  TEXT NOT NULL,
  action      TEXT NOT NULL,
  at          TEXT NOT NULL,
  at_ms       BIGINT NOT NULL,
  actor       TEXT,
  actor_id    TEXT,
  details     TEXT NOT NULL,
  UNIQUE (platform, chat_id, message_id)
);
CREATE INDEX channel_event_by_time ON channel_event (platform, chat_id, at_ms);

CREATE TABLE review_case (
  id          TEXT COLLATE "C" PRIMARY KEY,
  item_key    TEXT COLLATE "C" NOT NULL UNIQUE,
  status      TEXT NOT NULL CHECK (${sqlOneOf('status', CASE_STATUSES)}),
  queue       TEXT NOT NULL,
  priority    DOUBLE PRECISION NOT NULL,
  reason      TEXT NOT NULL,
  opened_at   TEXT NOT NULL,
  opened_ms   BIGINT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX review_case_by_queue ON review_case (status, priority DESC, opened_ms, id);
CREATE INDEX review_case_by_priority ON review_case (priority DESC, opened_ms, id);

CREATE TABLE case_event (
  seq      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id  TEXT COLLATE "C" NOT NULL REFERENCES review_case (id),
  type     TEXT NOT NULL CHECK (${sqlOneOf('type', CASE_EVENT_TYPES)}),
  at       TEXT NOT NULL,
  payload  TEXT NOT NULL
);
CREATE INDEX case_event_by_case ON case_event (case_id, seq);
-- The audit trail must not be rewritten, whoever holds the connection.
CREATE FUNCTION case_event_append_only() RETURNS trigger LANGUAGE plpgsql
  AS $$ BEGIN RAISE EXCEPTION 'case events are append-only'; END $$;
CREATE TRIGGER case_event_no_update BEFORE UPDATE ON case_event
  FOR EACH ROW EXECUTE FUNCTION case_event_append_only();
CREATE TRIGGER case_event_no_delete BEFORE DELETE ON case_event
  FOR EACH ROW EXECUTE FUNCTION case_event_append_only();
CREATE TRIGGER case_event_no_truncate BEFORE TRUNCATE ON case_event
  FOR EACH STATEMENT EXECUTE FUNCTION case_event_append_only();

CREATE TABLE action (
  id               TEXT COLLATE "C" PRIMARY KEY,
  item_key         TEXT COLLATE "C" NOT NULL,
  kind             TEXT NOT NULL CHECK (${sqlOneOf('kind', ACTION_KINDS)}),
  target           TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (${sqlOneOf('status', ACTION_STATUSES)}),
  attempts         INTEGER NOT NULL CHECK (attempts >= 0),
  requested_at     TEXT NOT NULL,
  requested_ms     BIGINT NOT NULL,
  last_attempt_at  TEXT,
  confirmed_at     TEXT,
  outcome          TEXT,
  reason           TEXT NOT NULL,
  UNIQUE (item_key, kind)
);
CREATE INDEX action_by_status ON action (status, requested_ms, id);
CREATE INDEX action_by_requested ON action (requested_ms, id);

CREATE TABLE scan_run (
  id           TEXT PRIMARY KEY,
  sources      TEXT NOT NULL,
  started_at   TEXT NOT NULL,
  finished_at  TEXT,
  status       TEXT NOT NULL CHECK (${sqlOneOf('status', RUN_STATUSES)}),
  summary      TEXT
);

CREATE TABLE scan_run_error (
  run_id   TEXT NOT NULL REFERENCES scan_run (id),
  seq      INTEGER NOT NULL,
  record   TEXT NOT NULL,
  code     TEXT NOT NULL,
  message  TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
);

-- Makes the month's partitions of every partitioned table, once. Built apart and attached, so
-- the parents stay readable and writable meanwhile; rows of that month that reached the
-- DEFAULT partition are moved in first (attaching checks that none are left behind).
CREATE FUNCTION rasd_ensure_month(month DATE) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  start_at  TIMESTAMPTZ := date_trunc('month', month::timestamp) AT TIME ZONE 'UTC';
  lo        BIGINT := (extract(epoch FROM start_at) * 1000)::bigint;
  hi        BIGINT := (extract(epoch FROM start_at + interval '1 month') * 1000)::bigint;
  suffix    TEXT := to_char(start_at AT TIME ZONE 'UTC', 'YYYYMM');
  parent    TEXT;
  part      TEXT;
BEGIN
  -- Two processes meeting a new month at once: one makes it, the other then finds it made.
  PERFORM pg_advisory_xact_lock(${MONTH_LOCK});
  FOREACH parent IN ARRAY ARRAY[${partitionedList}] LOOP
    part := parent || '_p' || suffix;
    CONTINUE WHEN to_regclass(part) IS NOT NULL;
    EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part, parent);
    EXECUTE format(
      'WITH moved AS (DELETE FROM %I WHERE posted_ms >= $1 AND posted_ms < $2 RETURNING *) INSERT INTO %I SELECT * FROM moved',
      parent || '_default', part) USING lo, hi;
    EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%s) TO (%s)', parent, part, lo, hi);
  END LOOP;
END $$;

-- Purges a month of items and assessments in constant time: their partitions are dropped.
-- Cases, case events and actions are the moderation record and stay.
CREATE FUNCTION rasd_drop_month(month DATE) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  suffix  TEXT := to_char(month, 'YYYYMM');
  parent  TEXT;
BEGIN
  FOREACH parent IN ARRAY ARRAY[${partitionedList}] LOOP
    EXECUTE format('DROP TABLE IF EXISTS %I', parent || '_p' || suffix);
  END LOOP;
END $$;
`;

export const initial: Migration = { version: 1, name: 'initial', sql, postgres };
