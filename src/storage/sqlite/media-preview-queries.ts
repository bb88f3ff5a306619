import type Database from 'better-sqlite3';
import type { MediaPreview } from '../media-preview-ports.js';

interface PreviewRow {
  item_key: string;
  media_index: number;
  mime: string;
  width: number;
  height: number;
  bytes: Buffer;
  created_at: string;
}

/** The MediaPreviewStore port's SQL: one insert per reviewed image, reads by key. */
export class MediaPreviewQueries {
  readonly #insert: Database.Statement<[Record<string, unknown>]>;
  readonly #get: Database.Statement<[string, number], PreviewRow>;
  readonly #indexes: Database.Statement<[string], { media_index: number }>;
  readonly #insertAll: Database.Transaction<(previews: readonly MediaPreview[]) => void>;

  constructor(db: Database.Database) {
    this.#insert = db.prepare(`INSERT OR IGNORE INTO media_preview (item_key, media_index, mime, width, height, bytes,
      created_at) VALUES (@item_key, @media_index, @mime, @width, @height, @bytes, @created_at)`);
    this.#get = db.prepare('SELECT * FROM media_preview WHERE item_key = ? AND media_index = ?');
    this.#indexes = db.prepare('SELECT media_index FROM media_preview WHERE item_key = ? ORDER BY media_index');
    this.#insertAll = db.transaction((previews: readonly MediaPreview[]) => {
      for (const p of previews) {
        this.#insert.run({
          item_key: p.itemKey,
          media_index: p.mediaIndex,
          mime: p.mime,
          width: p.width,
          height: p.height,
          bytes: Buffer.from(p.bytes),
          created_at: p.createdAt,
        });
      }
    });
  }

  save(previews: readonly MediaPreview[]): void {
    if (previews.length > 0) this.#insertAll(previews);
  }

  get(itemKey: string, mediaIndex: number): MediaPreview | undefined {
    const row = this.#get.get(itemKey, mediaIndex);
    if (row === undefined) return undefined;
    return {
      itemKey: row.item_key,
      mediaIndex: row.media_index,
      mime: row.mime,
      width: row.width,
      height: row.height,
      bytes: new Uint8Array(row.bytes),
      createdAt: row.created_at,
    };
  }

  indexes(itemKey: string): number[] {
    return this.#indexes.all(itemKey).map((row) => row.media_index);
  }
}
