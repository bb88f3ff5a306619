/**
 * EU TCO removal orders (Regulation 2021/784): what a competent authority ordered removed, when
 * the order arrived, and when it was done. The one-hour clock is computed from these fields by
 * `actions/removal-order.ts`; the store only keeps them.
 */

/** `contested`: the order is being challenged (Art. 9); its clock still counts from receipt. */
export const REMOVAL_ORDER_STATUSES = ['open', 'completed', 'contested'] as const;
export type RemovalOrderStatus = (typeof REMOVAL_ORDER_STATUSES)[number];

export interface NewRemovalOrder {
  orderId: string;
  /** The issuing competent authority, as named on the order. */
  authority: string;
  /** The authority's own reference for the order. */
  reference: string;
  /** ISO time the order was received: the clock starts here. */
  receivedAt: string;
  /** The content's exact URLs, as the order lists them (Art. 3(4)(c)). */
  itemLinks: string[];
  /** Rasd's item key, when the content is an item Rasd holds. */
  itemKey?: string;
  recordedBy: string;
  recordedAt: string;
}

export interface RemovalOrderRecord extends NewRemovalOrder {
  status: RemovalOrderStatus;
  completedAt?: string;
  completedBy?: string;
}

export interface RemovalOrderStore {
  /**
   * Stores a new order. An order with the same authority and reference exists already: nothing
   * is written and that order is returned with `created: false`.
   */
  saveRemovalOrder(order: NewRemovalOrder): Promise<{ created: boolean; order: RemovalOrderRecord }>;
  getRemovalOrder(orderId: string): Promise<RemovalOrderRecord | undefined>;
  /** Newest receipt first. */
  listRemovalOrders(query: { status?: RemovalOrderStatus; limit: number }): Promise<RemovalOrderRecord[]>;
  /** Marks an order that is not completed yet as completed; undefined when there is no such order. */
  completeRemovalOrder(
    orderId: string,
    completion: { completedAt: string; completedBy: string },
  ): Promise<{ changed: boolean; order: RemovalOrderRecord } | undefined>;
}
