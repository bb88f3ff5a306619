import type { Migration } from './index.js';

/*
 * Closed chats (issue 7): lineage looks for their successors. The chat is kept as the report
 * named it (an id or a handle), with the network node it resolved to when known; the same
 * closure reported twice (an import rerun, two reviewers) is one row.
 */
const sql = /* sql */ `
CREATE TABLE channel_closure (
  seq          INTEGER PRIMARY KEY,
  platform     TEXT NOT NULL,
  chat_ref     TEXT NOT NULL,
  node_id      TEXT,
  closed_at    TEXT NOT NULL,
  source       TEXT NOT NULL CHECK (source IN ('action', 'import', 'manual', 'outcome')),
  note         TEXT,
  recorded_by  TEXT NOT NULL,
  recorded_at  TEXT NOT NULL,
  UNIQUE (platform, chat_ref, closed_at)
) STRICT;
CREATE INDEX channel_closure_by_closed ON channel_closure (closed_at, seq);
`;

const postgres = /* sql */ `
CREATE TABLE channel_closure (
  seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  platform     TEXT COLLATE "C" NOT NULL,
  chat_ref     TEXT COLLATE "C" NOT NULL,
  node_id      TEXT,
  closed_at    TEXT COLLATE "C" NOT NULL,
  source       TEXT NOT NULL CHECK (source IN ('action', 'import', 'manual', 'outcome')),
  note         TEXT,
  recorded_by  TEXT NOT NULL,
  recorded_at  TEXT NOT NULL,
  UNIQUE (platform, chat_ref, closed_at)
);
CREATE INDEX channel_closure_by_closed ON channel_closure (closed_at, seq);
`;

export const channelClosures: Migration = { version: 11, name: 'channel-closures', sql, postgres };
