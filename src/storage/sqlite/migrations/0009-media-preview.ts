import type { Migration } from './index.js';

/*
 * Media previews for review. A reviewer must see the picture a case is about, but the export
 * folder it was read from may be gone by the time the case is worked (moved, cleaned, on another
 * machine). So at scan time an item that goes to review keeps a small re-encoded copy of each of
 * its images: at most 640 px on a side, JPEG, EXIF stripped. The web dashboard shows it blurred
 * and greyscale until the reviewer chooses to look. Keyed by item version and media index; no
 * foreign key, so purging items and previews stay separate decisions (evidence has its own copy
 * policy).
 */
const sql = /* sql */ `
CREATE TABLE media_preview (
  item_key    TEXT NOT NULL,
  media_index INTEGER NOT NULL,
  mime        TEXT NOT NULL,
  width       INTEGER NOT NULL,
  height      INTEGER NOT NULL,
  bytes       BLOB NOT NULL,
  created_at  TEXT NOT NULL,
  PRIMARY KEY (item_key, media_index)
) STRICT;
`;

const postgres = /* sql */ `
CREATE TABLE media_preview (
  item_key    TEXT NOT NULL,
  media_index INTEGER NOT NULL,
  mime        TEXT NOT NULL,
  width       INTEGER NOT NULL,
  height      INTEGER NOT NULL,
  bytes       BYTEA NOT NULL,
  created_at  TEXT NOT NULL,
  PRIMARY KEY (item_key, media_index)
);
`;

export const mediaPreview: Migration = { version: 9, name: 'media-preview', sql, postgres };
