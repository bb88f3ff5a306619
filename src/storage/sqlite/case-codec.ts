import type { Case, CaseEvent } from '../../core/index.js';
import { toEpochMs } from './epoch-ms.js';
import { columnsOf } from './row-insert.js';

export interface CaseRow {
  id: string;
  item_key: string;
  status: Case['status'];
  queue: string;
  priority: number;
  reason: string;
  opened_at: string;
  opened_ms: number;
  updated_at: string;
}

/** An event keeps its kind, case and time as columns; whatever else its kind carries is the payload. */
export interface CaseEventRow {
  case_id: string;
  type: CaseEvent['type'];
  at: string;
  payload: string;
}

export const CASE_COLUMNS = columnsOf<CaseRow>({
  id: true,
  item_key: true,
  status: true,
  queue: true,
  priority: true,
  reason: true,
  opened_at: true,
  opened_ms: true,
  updated_at: true,
});
export const CASE_EVENT_COLUMNS = columnsOf<CaseEventRow>({ case_id: true, type: true, at: true, payload: true });

export function caseToRow(c: Case): CaseRow {
  return {
    id: c.id,
    item_key: c.itemKey,
    status: c.status,
    queue: c.queue,
    priority: c.priority,
    reason: c.reason,
    opened_at: c.openedAt,
    opened_ms: toEpochMs(c.openedAt, 'openedAt'),
    updated_at: c.updatedAt,
  };
}

export function rowToCase(row: CaseRow): Case {
  return {
    id: row.id,
    itemKey: row.item_key,
    status: row.status,
    queue: row.queue,
    priority: row.priority,
    reason: row.reason,
    openedAt: row.opened_at,
    updatedAt: row.updated_at,
  };
}

export function caseEventToRow(e: CaseEvent): CaseEventRow {
  const { type, caseId, at, ...payload } = e;
  return { case_id: caseId, type, at, payload: JSON.stringify(payload) };
}

export function rowToCaseEvent(row: CaseEventRow): CaseEvent {
  const payload = JSON.parse(row.payload) as Record<string, unknown>;
  return { ...payload, type: row.type, caseId: row.case_id, at: row.at } as CaseEvent;
}
