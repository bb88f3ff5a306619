import type { Action } from '../../core/index.js';
import { toEpochMs } from './epoch-ms.js';
import { orNull } from './or-null.js';
import { columnsOf } from './row-insert.js';

export interface ActionRow {
  id: string;
  item_key: string;
  kind: Action['kind'];
  target: string;
  status: Action['status'];
  attempts: number;
  requested_at: string;
  requested_ms: number;
  last_attempt_at: string | null;
  confirmed_at: string | null;
  outcome: string | null;
  reason: string;
}

export const ACTION_COLUMNS = columnsOf<ActionRow>({
  id: true,
  item_key: true,
  kind: true,
  target: true,
  status: true,
  attempts: true,
  requested_at: true,
  requested_ms: true,
  last_attempt_at: true,
  confirmed_at: true,
  outcome: true,
  reason: true,
});

export function actionToRow(a: Action): ActionRow {
  return {
    id: a.id,
    item_key: a.itemKey,
    kind: a.kind,
    target: a.target,
    status: a.status,
    attempts: a.attempts,
    requested_at: a.requestedAt,
    requested_ms: toEpochMs(a.requestedAt, 'requestedAt'),
    last_attempt_at: orNull(a.lastAttemptAt),
    confirmed_at: orNull(a.confirmedAt),
    outcome: orNull(a.outcome),
    reason: a.reason,
  };
}

export function rowToAction(row: ActionRow): Action {
  return {
    id: row.id,
    itemKey: row.item_key,
    kind: row.kind,
    target: row.target,
    status: row.status,
    attempts: row.attempts,
    requestedAt: row.requested_at,
    ...(row.last_attempt_at !== null && { lastAttemptAt: row.last_attempt_at }),
    ...(row.confirmed_at !== null && { confirmedAt: row.confirmed_at }),
    ...(row.outcome !== null && { outcome: row.outcome }),
    reason: row.reason,
  };
}
