import type pg from 'pg';
import type { MediaPreview, MediaPreviewStore } from '../media-preview-ports.js';
import { inTransaction } from './pool.js';
import { pgGuard } from './storage-error.js';

interface PreviewRow {
  item_key: string;
  media_index: number;
  mime: string;
  width: number;
  height: number;
  bytes: Buffer;
  created_at: string;
}

const COLUMNS = 7;
/* A statement takes at most 65,535 parameters; a scan batch can carry more previews than that allows. */
const ROWS_PER_INSERT = 1_000;

/** A stored preview keeps its first copy: a rescan or a retried batch changes nothing. */
async function insertPreviews(client: pg.PoolClient, previews: readonly MediaPreview[]): Promise<void> {
  const values = previews.map((_, row) => {
    const at = row * COLUMNS;
    return `(${Array.from({ length: COLUMNS }, (_unused, column) => `$${at + column + 1}`).join(', ')})`;
  });
  const params = previews.flatMap((p) => [
    p.itemKey,
    p.mediaIndex,
    p.mime,
    p.width,
    p.height,
    Buffer.from(p.bytes),
    p.createdAt,
  ]);
  await client.query(
    `INSERT INTO media_preview (item_key, media_index, mime, width, height, bytes, created_at)
     VALUES ${values.join(', ')} ON CONFLICT (item_key, media_index) DO NOTHING`,
    params,
  );
}

/** The MediaPreviewStore port on PostgreSQL: multi-row inserts in one transaction, reads by key. */
export class PgMediaPreviewStore implements MediaPreviewStore {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool, _now: () => Date) {
    this.#pool = pool;
  }

  async saveMediaPreviews(previews: readonly MediaPreview[]): Promise<void> {
    if (previews.length === 0) return;
    await pgGuard('saveMediaPreviews', () =>
      inTransaction(this.#pool, async (client) => {
        for (let start = 0; start < previews.length; start += ROWS_PER_INSERT) {
          await insertPreviews(client, previews.slice(start, start + ROWS_PER_INSERT));
        }
      }),
    );
  }

  async getMediaPreview(itemKey: string, mediaIndex: number): Promise<MediaPreview | undefined> {
    return pgGuard('getMediaPreview', async () => {
      if (!Number.isSafeInteger(mediaIndex) || Math.abs(mediaIndex) > 2 ** 31 - 1) return undefined;
      const { rows } = await this.#pool.query<PreviewRow>(
        'SELECT * FROM media_preview WHERE item_key = $1 AND media_index = $2',
        [itemKey, mediaIndex],
      );
      const row = rows[0];
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
    });
  }

  async listMediaPreviewIndexes(itemKey: string): Promise<number[]> {
    return pgGuard('listMediaPreviewIndexes', async () => {
      const { rows } = await this.#pool.query<{ media_index: number }>(
        'SELECT media_index FROM media_preview WHERE item_key = $1 ORDER BY media_index',
        [itemKey],
      );
      return rows.map((row) => row.media_index);
    });
  }
}
