import type pg from 'pg';
import type {
  NewRemovalOrder,
  RemovalOrderRecord,
  RemovalOrderStatus,
  RemovalOrderStore,
} from '../removal-order-ports.js';
import { decodeRemovalOrder, type OrderRow } from '../sqlite/removal-order-queries.js';
import { pgGuard } from './storage-error.js';

/**
 * The RemovalOrderStore port on PostgreSQL. Recording is one INSERT … ON CONFLICT DO NOTHING,
 * which skips a duplicate on either unique key (the id, or authority and reference), so the
 * same order recorded twice at once by two processes stays one row.
 */
export class PgRemovalOrderStore implements RemovalOrderStore {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool, _now: () => Date) {
    this.#pool = pool;
  }

  async saveRemovalOrder(order: NewRemovalOrder): Promise<{ created: boolean; order: RemovalOrderRecord }> {
    return pgGuard('saveRemovalOrder', async () => {
      const inserted = await this.#pool.query(
        `INSERT INTO removal_order (order_id, authority, reference, received_at, item_links, item_key, status,
         recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, $8) ON CONFLICT DO NOTHING`,
        [
          order.orderId,
          order.authority,
          order.reference,
          order.receivedAt,
          JSON.stringify(order.itemLinks),
          order.itemKey ?? null,
          order.recordedBy,
          order.recordedAt,
        ],
      );
      const { rows } = await this.#pool.query<OrderRow>(
        'SELECT * FROM removal_order WHERE authority = $1 AND reference = $2',
        [order.authority, order.reference],
      );
      // No row: the id is taken by an order with another authority or reference.
      if (!rows[0]) throw new Error(`removal order id ${order.orderId} is taken by another order`);
      return { created: inserted.rowCount === 1, order: decodeRemovalOrder(rows[0]) };
    });
  }

  async getRemovalOrder(orderId: string): Promise<RemovalOrderRecord | undefined> {
    return pgGuard('getRemovalOrder', async () => {
      const { rows } = await this.#pool.query<OrderRow>('SELECT * FROM removal_order WHERE order_id = $1', [orderId]);
      return rows[0] && decodeRemovalOrder(rows[0]);
    });
  }

  async listRemovalOrders(query: { status?: RemovalOrderStatus; limit: number }): Promise<RemovalOrderRecord[]> {
    return pgGuard('listRemovalOrders', async () => {
      const { rows } = await this.#pool.query<OrderRow>(
        `SELECT * FROM removal_order WHERE ($1::text IS NULL OR status = $1)
         ORDER BY received_at DESC, order_id LIMIT $2`,
        [query.status ?? null, query.limit],
      );
      return rows.map(decodeRemovalOrder);
    });
  }

  async completeRemovalOrder(
    orderId: string,
    completion: { completedAt: string; completedBy: string },
  ): Promise<{ changed: boolean; order: RemovalOrderRecord } | undefined> {
    return pgGuard('completeRemovalOrder', async () => {
      const updated = await this.#pool.query(
        `UPDATE removal_order SET status = 'completed', completed_at = $1, completed_by = $2
         WHERE order_id = $3 AND status <> 'completed'`,
        [completion.completedAt, completion.completedBy, orderId],
      );
      const order = await this.getRemovalOrder(orderId);
      return order === undefined ? undefined : { changed: updated.rowCount === 1, order };
    });
  }
}
