/**
 * The Bus port: a work queue of items shared by any number of workers. At-least-once by design:
 * a message is delivered again until a worker settles it, so the effect of handling it twice
 * must be made harmless where it lands (unique keys and upserts in storage), not here.
 */

/** One message to publish. `id` is the de-duplication key: for items, `platform/chat/message/version`. */
export interface BusMessage {
  id: string;
  payload: Uint8Array | string;
}

export interface PublishResult {
  /** Messages the queue took for the first time. */
  published: number;
  /** Messages dropped because their id was already published within the duplicate window. */
  duplicates: number;
}

/** How a delivery is asked to come back. */
export interface NakOptions {
  /** Wait this long before the message is offered again (default: at once). */
  delayMs?: number;
  /** Why it failed; kept as the dead-letter reason if this was the last allowed delivery. */
  reason?: string;
}

/**
 * One message handed to one worker. Settle it exactly once; later calls are ignored, so a
 * handler racing a stop cannot ack a message the bus has already given back.
 */
export interface Delivery {
  readonly id: string;
  readonly payload: Uint8Array;
  /** 1 on the first delivery; grows with every nak, failure and expired ack wait. */
  readonly deliveryCount: number;
  /** Done: removes the message for good. Call it after the result is committed. */
  ack(): Promise<void>;
  /** Not done: offer it again (to any worker). On the last allowed delivery it is dead-lettered. */
  nak(options?: NakOptions): Promise<void>;
  /** Poison: move it to the dead letters with the reason and never deliver it again. */
  term(reason: string): Promise<void>;
}

/**
 * Handles one batch. Deliveries left unsettled when it returns are nak'd; if it throws, they are
 * nak'd with the error as their reason, so a message that always fails ends in the dead letters.
 * `signal` aborts when the consumer is stopped with `return`: stop early and leave the rest.
 */
export type DeliveryHandler = (batch: readonly Delivery[], signal: AbortSignal) => Promise<void>;

export interface ConsumeOptions {
  /**
   * Back-pressure: this consumer never holds more than this many unsettled messages
   * (delivered to it and not yet acked, nak'd or termed). Default 64.
   */
  maxInFlight?: number;
  /** Largest batch handed to the handler at once. Default 16 (capped at maxInFlight). */
  batchSize?: number;
  /**
   * Batches the handler runs at once. Default 1: while a batch runs, deliveries wait and the
   * next batch is larger, so a busy worker pays the per-batch cost (one transaction) less often
   * instead of starting ever more small transactions that contend for the same cores.
   */
  maxConcurrentBatches?: number;
  /** Failures the loop cannot pin on one message (connection lost, fetch refused); it retries. */
  onError?: (error: Error) => void;
}

/**
 * - `finish`: take no more, wait for running handlers, nak what they left.
 * - `return`: take no more, abort handlers and nak everything held at once, so another worker
 *   gets it without waiting for the ack wait.
 * - `abandon`: take no more and settle nothing, as a crashed worker would; the ack wait brings
 *   the messages back. For tests and for a shutdown that has run out of time.
 */
export type StopMode = 'finish' | 'return' | 'abandon';

export interface Consumer {
  stop(mode?: StopMode): Promise<void>;
  /** Unsettled messages this consumer holds now. */
  readonly inFlight: number;
}

/** A message that failed for good, with why. */
export interface DeadLetter {
  id: string;
  payload: Uint8Array;
  reason: string;
  /** Deliveries made before it was given up. */
  deliveryCount: number;
  /** ISO-8601 time it was dead-lettered. */
  at: string;
}

export interface BusHealth {
  ok: boolean;
  detail?: string;
}

/**
 * Queue-wide settings. They belong to the queue, not to one consumer, because on JetStream they
 * are the configuration of the one durable consumer every worker shares: two workers with
 * different values would rewrite each other's.
 */
export interface BusSettings {
  /** A delivery not settled within this time is offered again (the worker is taken for dead). */
  ackWaitMs: number;
  /** Deliveries allowed before a message is moved to the dead letters. */
  maxDeliver: number;
  /** Ids are remembered this long for de-duplication. */
  duplicateWindowMs: number;
  /** Back-pressure on publishing: at most this many publishes await the queue's acknowledgement. */
  maxPendingPublishes: number;
}

export interface Bus {
  /** Resolves once the queue has acknowledged every message (stored, or dropped as a duplicate). */
  publish(messages: readonly BusMessage[]): Promise<PublishResult>;
  /** Starts a consumer in the shared work queue: each message goes to one consumer at a time. */
  consume(handler: DeliveryHandler, options?: ConsumeOptions): Consumer;
  /** Messages published and not yet acked or dead-lettered (including those in flight). */
  depth(): Promise<number>;
  /** Oldest first. */
  deadLetters(limit?: number): Promise<DeadLetter[]>;
  /** For readiness probes: fails when the queue cannot be reached. */
  health(): Promise<BusHealth>;
  /** Stops every consumer (`return`) and releases the connection. */
  close(): Promise<void>;
}
