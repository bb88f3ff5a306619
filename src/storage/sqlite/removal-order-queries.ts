import type Database from 'better-sqlite3';
import type { NewRemovalOrder, RemovalOrderRecord, RemovalOrderStatus } from '../removal-order-ports.js';

/** A removal order's row, the same in both dialects (PostgreSQL's store decodes with this too). */
export interface OrderRow {
  order_id: string;
  authority: string;
  reference: string;
  received_at: string;
  item_links: string;
  item_key: string | null;
  status: RemovalOrderStatus;
  completed_at: string | null;
  completed_by: string | null;
  recorded_by: string;
  recorded_at: string;
}

export function decodeRemovalOrder(row: OrderRow): RemovalOrderRecord {
  return {
    orderId: row.order_id,
    authority: row.authority,
    reference: row.reference,
    receivedAt: row.received_at,
    itemLinks: JSON.parse(row.item_links) as string[],
    ...(row.item_key !== null && { itemKey: row.item_key }),
    status: row.status,
    ...(row.completed_at !== null && { completedAt: row.completed_at }),
    ...(row.completed_by !== null && { completedBy: row.completed_by }),
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  };
}

/** The RemovalOrderStore port's SQL: a handful of rows a day, on the main connection. */
export class RemovalOrderQueries {
  readonly #insert: Database.Statement<[Record<string, unknown>]>;
  readonly #get: Database.Statement<[string], OrderRow>;
  readonly #byReference: Database.Statement<[string, string], OrderRow>;
  readonly #list: Database.Statement<[{ status: string | null; limit: number }], OrderRow>;
  readonly #complete: Database.Statement<[string, string, string]>;

  constructor(db: Database.Database) {
    this.#insert = db.prepare(`INSERT OR IGNORE INTO removal_order (order_id, authority, reference, received_at,
      item_links, item_key, status, recorded_by, recorded_at) VALUES (@order_id, @authority, @reference,
      @received_at, @item_links, @item_key, 'open', @recorded_by, @recorded_at)`);
    this.#get = db.prepare('SELECT * FROM removal_order WHERE order_id = ?');
    this.#byReference = db.prepare('SELECT * FROM removal_order WHERE authority = ? AND reference = ?');
    this.#list = db.prepare(`SELECT * FROM removal_order WHERE (@status IS NULL OR status = @status)
      ORDER BY received_at DESC, order_id LIMIT @limit`);
    this.#complete = db.prepare(`UPDATE removal_order SET status = 'completed', completed_at = ?, completed_by = ?
      WHERE order_id = ? AND status <> 'completed'`);
  }

  save(order: NewRemovalOrder): { created: boolean; order: RemovalOrderRecord } {
    const result = this.#insert.run({
      order_id: order.orderId,
      authority: order.authority,
      reference: order.reference,
      received_at: order.receivedAt,
      item_links: JSON.stringify(order.itemLinks),
      item_key: order.itemKey ?? null,
      recorded_by: order.recordedBy,
      recorded_at: order.recordedAt,
    });
    const row = this.#byReference.get(order.authority, order.reference);
    // No row: the id is taken by an order with another authority or reference.
    if (row === undefined) throw new Error(`removal order id ${order.orderId} is taken by another order`);
    return { created: result.changes === 1, order: decodeRemovalOrder(row) };
  }

  get(orderId: string): RemovalOrderRecord | undefined {
    const row = this.#get.get(orderId);
    return row === undefined ? undefined : decodeRemovalOrder(row);
  }

  list(query: { status?: RemovalOrderStatus; limit: number }): RemovalOrderRecord[] {
    return this.#list.all({ status: query.status ?? null, limit: query.limit }).map(decodeRemovalOrder);
  }

  complete(
    orderId: string,
    completion: { completedAt: string; completedBy: string },
  ): { changed: boolean; order: RemovalOrderRecord } | undefined {
    const result = this.#complete.run(completion.completedAt, completion.completedBy, orderId);
    const order = this.get(orderId);
    return order === undefined ? undefined : { changed: result.changes === 1, order };
  }
}
