import type { Migration } from './index.js';

/*
 * Referrals. `referral_queue` holds remove decisions until a batch takes them (batch_id set);
 * the decision id is the key, so a retried decision is queued once. A batch is kept as sent
 * (its JSON), so an export later gives the same bytes' meaning as the first; outcomes are one
 * row per referred decision, updated as callbacks and re-checks arrive. A decision is referred
 * once, hence decision_id alone keys the outcome. No foreign keys to cases or items: a referral
 * record must outlive their cleanup, like evidence.
 */
const sql = /* sql */ `
CREATE TABLE referral_queue (
  decision_id  TEXT PRIMARY KEY,
  platform     TEXT NOT NULL,
  decided_at   TEXT NOT NULL,
  referral     TEXT NOT NULL,
  queued_at    TEXT NOT NULL,
  batch_id     TEXT
) STRICT;
CREATE INDEX referral_queue_pending ON referral_queue (batch_id, decided_at);
CREATE TABLE referral_batch (
  batch_id      TEXT PRIMARY KEY,
  platform      TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  window_start  TEXT NOT NULL,
  window_end    TEXT NOT NULL,
  item_count    INTEGER NOT NULL,
  batch         TEXT NOT NULL
) STRICT;
CREATE INDEX referral_batch_by_platform ON referral_batch (platform, window_start);
CREATE TABLE referral_outcome (
  decision_id         TEXT PRIMARY KEY,
  batch_id            TEXT NOT NULL REFERENCES referral_batch (batch_id),
  item_link           TEXT NOT NULL,
  referred_at         TEXT NOT NULL,
  status              TEXT NOT NULL CHECK (status IN ('pending', 'removed', 'refused', 'unknown')),
  observed_at         TEXT,
  source              TEXT CHECK (source IN ('callback', 'recheck')),
  time_to_removal_ms  INTEGER
) STRICT;
CREATE INDEX referral_outcome_by_batch ON referral_outcome (batch_id);
`;

/* PostgreSQL: the same; a removal can take longer than 2^31 ms (25 days), hence BIGINT. */
const postgres = /* sql */ `
CREATE TABLE referral_queue (
  decision_id  TEXT COLLATE "C" PRIMARY KEY,
  platform     TEXT NOT NULL,
  decided_at   TEXT COLLATE "C" NOT NULL,
  referral     TEXT NOT NULL,
  queued_at    TEXT NOT NULL,
  batch_id     TEXT
);
CREATE INDEX referral_queue_pending ON referral_queue (batch_id, decided_at);
CREATE TABLE referral_batch (
  batch_id      TEXT PRIMARY KEY,
  platform      TEXT COLLATE "C" NOT NULL,
  created_at    TEXT NOT NULL,
  window_start  TEXT COLLATE "C" NOT NULL,
  window_end    TEXT NOT NULL,
  item_count    INTEGER NOT NULL,
  batch         TEXT NOT NULL
);
CREATE INDEX referral_batch_by_platform ON referral_batch (platform, window_start);
CREATE TABLE referral_outcome (
  decision_id         TEXT COLLATE "C" PRIMARY KEY,
  batch_id            TEXT NOT NULL REFERENCES referral_batch (batch_id),
  item_link           TEXT NOT NULL,
  referred_at         TEXT COLLATE "C" NOT NULL,
  status              TEXT NOT NULL CHECK (status IN ('pending', 'removed', 'refused', 'unknown')),
  observed_at         TEXT,
  source              TEXT CHECK (source IN ('callback', 'recheck')),
  time_to_removal_ms  BIGINT
);
CREATE INDEX referral_outcome_by_batch ON referral_outcome (batch_id);
`;

export const referrals: Migration = { version: 6, name: 'referrals', sql, postgres };
