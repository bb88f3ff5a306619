import { invalidInput } from '../core/index.js';

/**
 * EU TCO Regulation (2021/784) Art. 3: a hosting provider must remove or disable the content of a
 * removal order "as soon as possible and in any event within one hour of receipt". The clock runs
 * from receipt (the authenticated time the order arrived), not from when someone opened it.
 */

export const TCO_DEADLINE_MS = 60 * 60 * 1000;

export interface RemovalOrder {
  orderId: string;
  /** ISO time of receipt. */
  receivedAt: string;
  /** When the content was removed or disabled, once it was. */
  completedAt?: string;
}

export interface RemovalOrderClock {
  deadline: string;
  /** Negative once overdue; frozen at completion for a completed order. */
  remainingMs: number;
  overdue: boolean;
  /** For a completed order: was it done within the hour? */
  metDeadline?: boolean;
}

export function removalOrderDeadline(order: Pick<RemovalOrder, 'receivedAt'>): number {
  const received = Date.parse(order.receivedAt);
  if (Number.isNaN(received)) throw invalidInput('receivedAt is not a date', 'receivedAt');
  return received + TCO_DEADLINE_MS;
}

/** Where an order stands at `now`; a completed order is measured at its completion instead. */
export function removalOrderClock(order: RemovalOrder, now: number): RemovalOrderClock {
  const deadline = removalOrderDeadline(order);
  const completed = order.completedAt === undefined ? undefined : Date.parse(order.completedAt);
  if (completed !== undefined && Number.isNaN(completed))
    throw invalidInput('completedAt is not a date', 'completedAt');
  const at = completed ?? now;
  const remainingMs = deadline - at;
  return {
    deadline: new Date(deadline).toISOString(),
    remainingMs,
    overdue: remainingMs < 0,
    ...(completed !== undefined && { metDeadline: remainingMs >= 0 }),
  };
}

/**
 * "42 min left", "overdue by 5 min". Time left rounds up, so the display never reads "0 min left"
 * while there is still time; time overdue rounds down, so it never overstates a delay.
 */
export function formatRemovalClock(remainingMs: number): string {
  if (remainingMs > 0) return `${formatMinutes(Math.ceil(remainingMs / 60_000))} left`;
  const overdueMinutes = Math.floor(-remainingMs / 60_000);
  return overdueMinutes < 1 ? 'overdue by <1 min' : `overdue by ${formatMinutes(overdueMinutes)}`;
}

function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return rest ? `${Math.floor(minutes / 60)} h ${rest} min` : `${minutes / 60} h`;
}
