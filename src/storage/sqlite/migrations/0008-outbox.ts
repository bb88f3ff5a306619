import type { Migration } from './index.js';

/*
 * The outbox: what Rasd must tell the outside world (signed webhooks, referral batches), kept
 * until it has been delivered or given up on. A row is written before anything is sent, so a
 * crash loses no delivery; `lease_until` keeps two runners from sending the same row at once and
 * lets a crashed runner's row be taken again once the lease runs out (the receiver then sees the
 * same Idempotency-Key, the row id). `delivered` and `failed` are final: such a row is never
 * claimed again. Times are ISO 8601 UTC text, so they compare as strings.
 */
const sql = /* sql */ `
CREATE TABLE outbox (
  id               TEXT PRIMARY KEY,
  destination      TEXT NOT NULL,
  type             TEXT NOT NULL,
  payload          TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  TEXT NOT NULL,
  lease_until      TEXT,
  last_attempt_at  TEXT,
  last_status      INTEGER,
  last_error       TEXT,
  delivered_at     TEXT
) STRICT;
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
`;

const postgres = /* sql */ `
CREATE TABLE outbox (
  id               TEXT COLLATE "C" PRIMARY KEY,
  destination      TEXT NOT NULL,
  type             TEXT NOT NULL,
  payload          TEXT NOT NULL,
  created_at       TEXT COLLATE "C" NOT NULL,
  status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  TEXT COLLATE "C" NOT NULL,
  lease_until      TEXT COLLATE "C",
  last_attempt_at  TEXT,
  last_status      INTEGER,
  last_error       TEXT,
  delivered_at     TEXT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
`;

export const outbox: Migration = { version: 8, name: 'outbox', sql, postgres };
