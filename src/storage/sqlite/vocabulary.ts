import type { CaseEvent } from '../../core/index.js';
import type { ScanRun } from '../ports.js';

/**
 * Closed sets that only exist as union types upstream. Listing them here lets the schema check
 * them; the `satisfies` clauses and the exhaustiveness aliases fail the build if a value is added
 * to the union and not here (the schema would then need a migration too).
 */
export const CASE_EVENT_TYPES = [
  'case.opened',
  'case.assigned',
  'decision.recorded',
  'case.closed',
  'case.claimed',
  'case.released',
  'case.appealed',
  'bank-add.requested',
  'bank-add.confirmed',
] as const satisfies readonly CaseEvent['type'][];

export const RUN_STATUSES = ['running', 'completed', 'failed'] as const satisfies readonly ScanRun['status'][];

type Covers<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
type Assert<T extends true> = T;
export type CaseEventTypesCovered = Assert<Covers<CaseEvent['type'], (typeof CASE_EVENT_TYPES)[number]>>;
export type RunStatusesCovered = Assert<Covers<ScanRun['status'], (typeof RUN_STATUSES)[number]>>;
