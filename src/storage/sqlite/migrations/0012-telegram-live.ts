import { sqlOneOf } from '../sql-one-of.js';
import type { Migration } from './index.js';

/*
 * Live Telegram (issue 8): the monitor's watch list, the session's update state, observed
 * deletions and the chats the bot moderates; actions gain the kinds `restrict` and
 * `ban-sender-chat` and the status `dry-run`.
 *
 * The CHECK lists are written out here, not rendered from ACTION_KINDS / ACTION_STATUSES as
 * 0001 does. 0001 renders today's registries, so a fresh database already has the long lists
 * while one made by an earlier release has the short ones; this migration brings both to the
 * same literal lists, and what it does can never change when the registries change later (a
 * value added then needs its own migration; the contract suites insert every registry value, so
 * forgetting it fails a test).
 *
 * SQLite cannot alter a CHECK, so `action` is rebuilt (the way 0004 rebuilt `case_event`), and
 * gains the UNIQUE (item_key, kind) that PostgreSQL has had since 0001: one action per item
 * version and kind, whoever asks twice. Rows are copied oldest request first and a later
 * duplicate is dropped, so the earliest request of a kind stands. Dropped silently, and safely:
 * before this migration the only writer of `action` was the scan writer (`scan-writer.ts`), which
 * inserts a batch's actions only with an assessment stored in that same batch (one per item
 * version), and the policy gives one action per kind (a set, `scan/policy/evaluate-policy.ts`),
 * so no SQLite database made by an earlier release holds a duplicate to lose. No table references
 * `action`, so dropping it cannot break a foreign key. `action_by_item` is not recreated: the
 * unique index leads with item_key and serves the same lookups.
 *
 * No index is added on `item`: `listItemVersions` reads one range of its key index (the keys of
 * a message's versions share a prefix, `storage/sqlite/item-version-queries.ts`), where another
 * index would have cost every scanned item one more index insert.
 *
 * Deletions are ordered by `deleted_ms` (epoch milliseconds, as every other `*_ms`), since ISO
 * text with offsets does not sort by instant.
 */
const KINDS = ['delete', 'ban', 'restrict', 'ban-sender-chat', 'refer', 'webhook'];
const STATUSES = ['requested', 'sent', 'confirmed', 'failed', 'cancelled', 'dry-run'];
const CHAT_TYPES = ['channel', 'supergroup', 'group', 'private', 'bot', 'unknown'];
const SOURCES = ['mtproto', 'bot-api', 'recheck'];
const REMOVERS = ['author', 'platform', 'rasd'];

const ACTION_COLUMNS =
  'id, item_key, kind, target, status, attempts, requested_at, requested_ms, last_attempt_at, confirmed_at, outcome, reason';

const sql = /* sql */ `
CREATE TABLE action_v12 (
  id               TEXT PRIMARY KEY,
  item_key         TEXT NOT NULL REFERENCES item (key),
  kind             TEXT NOT NULL CHECK (${sqlOneOf('kind', KINDS)}),
  target           TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (${sqlOneOf('status', STATUSES)}),
  attempts         INTEGER NOT NULL CHECK (attempts >= 0),
  requested_at     TEXT NOT NULL,
  requested_ms     INTEGER NOT NULL,
  last_attempt_at  TEXT,
  confirmed_at     TEXT,
  outcome          TEXT,
  reason           TEXT NOT NULL,
  UNIQUE (item_key, kind)
) STRICT, WITHOUT ROWID;
INSERT INTO action_v12 (${ACTION_COLUMNS}) SELECT ${ACTION_COLUMNS} FROM action WHERE true
  ORDER BY requested_ms, id ON CONFLICT (item_key, kind) DO NOTHING;
DROP TABLE action;
ALTER TABLE action_v12 RENAME TO action;
CREATE INDEX action_by_status ON action (status, requested_ms, id);
CREATE INDEX action_by_requested ON action (requested_ms, id);

CREATE TABLE telegram_watch (
  ref          TEXT PRIMARY KEY,
  chat_id      TEXT,
  join_chat    INTEGER NOT NULL CHECK (join_chat BETWEEN 0 AND 1),
  active       INTEGER NOT NULL CHECK (active BETWEEN 0 AND 1),
  added_at     TEXT NOT NULL,
  added_by     TEXT NOT NULL,
  backfill     TEXT NOT NULL,
  channel_pts  INTEGER,
  meta         TEXT,
  last_error   TEXT,
  updated_at   TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX telegram_watch_by_chat ON telegram_watch (chat_id);

CREATE TABLE telegram_update_state (
  account     TEXT PRIMARY KEY,
  pts         INTEGER NOT NULL,
  qts         INTEGER NOT NULL,
  date        INTEGER NOT NULL,
  seq         INTEGER NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE message_deletion (
  platform    TEXT NOT NULL,
  chat_id     TEXT NOT NULL,
  message_id  TEXT NOT NULL,
  deleted_at  TEXT NOT NULL,
  deleted_ms  INTEGER NOT NULL,
  source      TEXT NOT NULL CHECK (${sqlOneOf('source', SOURCES)}),
  removed_by  TEXT NOT NULL CHECK (${sqlOneOf('removed_by', REMOVERS)}),
  PRIMARY KEY (platform, chat_id, message_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX message_deletion_by_time ON message_deletion (deleted_ms, platform, chat_id, message_id);
CREATE INDEX message_deletion_by_chat ON message_deletion (chat_id, deleted_ms);

CREATE TABLE telegram_moderated_chat (
  chat_id     TEXT PRIMARY KEY,
  type        TEXT NOT NULL CHECK (${sqlOneOf('type', CHAT_TYPES)}),
  title       TEXT,
  username    TEXT,
  rights      TEXT NOT NULL,
  checked_at  TEXT NOT NULL
) STRICT, WITHOUT ROWID;
`;

/*
 * PostgreSQL alters the CHECKs in place. They were declared on their columns in 0001 without a
 * name, so the server named them `action_kind_check` and `action_status_check`; they are dropped
 * without IF EXISTS, so a database whose constraints are named otherwise fails this migration
 * loudly instead of keeping the short lists. UNIQUE (item_key, kind) exists since 0001. The update
 * sequence numbers are INTEGER: MTProto defines pts, qts, seq and date as 32-bit ints.
 */
const postgres = /* sql */ `
ALTER TABLE action DROP CONSTRAINT action_kind_check;
ALTER TABLE action DROP CONSTRAINT action_status_check;
ALTER TABLE action ADD CONSTRAINT action_kind_check CHECK (${sqlOneOf('kind', KINDS)});
ALTER TABLE action ADD CONSTRAINT action_status_check CHECK (${sqlOneOf('status', STATUSES)});

CREATE TABLE telegram_watch (
  ref          TEXT COLLATE "C" PRIMARY KEY,
  chat_id      TEXT COLLATE "C",
  join_chat    INTEGER NOT NULL CHECK (join_chat BETWEEN 0 AND 1),
  active       INTEGER NOT NULL CHECK (active BETWEEN 0 AND 1),
  added_at     TEXT NOT NULL,
  added_by     TEXT NOT NULL,
  backfill     TEXT NOT NULL,
  channel_pts  INTEGER,
  meta         TEXT,
  last_error   TEXT,
  updated_at   TEXT NOT NULL
);
CREATE INDEX telegram_watch_by_chat ON telegram_watch (chat_id);

CREATE TABLE telegram_update_state (
  account     TEXT COLLATE "C" PRIMARY KEY,
  pts         INTEGER NOT NULL,
  qts         INTEGER NOT NULL,
  date        INTEGER NOT NULL,
  seq         INTEGER NOT NULL,
  updated_at  TEXT NOT NULL
);

CREATE TABLE message_deletion (
  platform    TEXT COLLATE "C" NOT NULL,
  chat_id     TEXT COLLATE "C" NOT NULL,
  message_id  TEXT COLLATE "C" NOT NULL,
  deleted_at  TEXT NOT NULL,
  deleted_ms  BIGINT NOT NULL,
  source      TEXT NOT NULL CHECK (${sqlOneOf('source', SOURCES)}),
  removed_by  TEXT NOT NULL CHECK (${sqlOneOf('removed_by', REMOVERS)}),
  PRIMARY KEY (platform, chat_id, message_id)
);
CREATE INDEX message_deletion_by_time ON message_deletion (deleted_ms, platform, chat_id, message_id);
CREATE INDEX message_deletion_by_chat ON message_deletion (chat_id, deleted_ms);

CREATE TABLE telegram_moderated_chat (
  chat_id     TEXT COLLATE "C" PRIMARY KEY,
  type        TEXT NOT NULL CHECK (${sqlOneOf('type', CHAT_TYPES)}),
  title       TEXT,
  username    TEXT,
  rights      TEXT NOT NULL,
  checked_at  TEXT NOT NULL
);
`;

export const telegramLive: Migration = { version: 12, name: 'telegram-live', sql, postgres };
