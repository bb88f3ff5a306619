import type { Migration } from './index.js';

/*
 * EU TCO removal orders and their one-hour clock. One order per authority and reference, so the
 * same order recorded twice (form resubmitted, CLI rerun) stays one row. Item links are a JSON
 * array: an order names one or more URLs, and they are read back whole, never searched.
 */
const sql = /* sql */ `
CREATE TABLE removal_order (
  order_id     TEXT PRIMARY KEY,
  authority    TEXT NOT NULL,
  reference    TEXT NOT NULL,
  received_at  TEXT NOT NULL,
  item_links   TEXT NOT NULL,
  item_key     TEXT,
  status       TEXT NOT NULL CHECK (status IN ('open', 'completed', 'contested')),
  completed_at TEXT,
  completed_by TEXT,
  recorded_by  TEXT NOT NULL,
  recorded_at  TEXT NOT NULL,
  UNIQUE (authority, reference)
) STRICT;
CREATE INDEX removal_order_received ON removal_order (received_at DESC);
`;

const postgres = /* sql */ `
CREATE TABLE removal_order (
  order_id     TEXT PRIMARY KEY,
  authority    TEXT NOT NULL,
  reference    TEXT NOT NULL,
  received_at  TEXT NOT NULL,
  item_links   TEXT NOT NULL,
  item_key     TEXT,
  status       TEXT NOT NULL CHECK (status IN ('open', 'completed', 'contested')),
  completed_at TEXT,
  completed_by TEXT,
  recorded_by  TEXT NOT NULL,
  recorded_at  TEXT NOT NULL,
  UNIQUE (authority, reference)
);
CREATE INDEX removal_order_received ON removal_order (received_at DESC);
`;

export const removalOrders: Migration = { version: 10, name: 'removal-orders', sql, postgres };
