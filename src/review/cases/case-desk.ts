import type { CaseEvent } from '../../core/index.js';
import type { CaseStore, ReviewRouting, ReviewStore } from '../../storage/ports.js';
import { applyEvent, type CaseState, projectCase } from './case-state.js';
import { eventKey } from './event-key.js';
import { toProjection } from './projection.js';
import type { CommandResult, RefusalCode } from './refusal.js';

export type CaseDeskStore = Pick<CaseStore, 'listCaseEvents'> & Pick<ReviewStore, 'appendReviewEvents'>;

export type DeskResult<E> =
  | { ok: true; event: E; state: CaseState }
  | { ok: false; code: RefusalCode | 'CONFLICT'; detail: string };

/**
 * Runs one reviewer command against the stored events: read, fold, decide, append with the
 * version read. If someone else wrote in between, the command is refused as a conflict rather
 * than applied to a state it never saw; the caller may simply retry.
 */
export async function runCaseCommand<E extends CaseEvent>(
  store: CaseDeskStore,
  caseId: string,
  command: (state: CaseState) => CommandResult<E>,
  routing?: ReviewRouting,
): Promise<DeskResult<E>> {
  const state = projectCase(caseId, await store.listCaseEvents(caseId));
  const result = command(state);
  if (!result.ok) return result;
  const next = applyEvent(state, result.event);
  const written = await store.appendReviewEvents({
    caseId,
    expectedVersion: state.version,
    events: [{ key: eventKey(result.event), event: result.event }],
    projection: toProjection(next),
    ...(routing && { routing }),
  });
  if (!written.ok) return { ok: false, code: 'CONFLICT', detail: `case ${caseId} changed (now v${written.version})` };
  return { ok: true, event: result.event, state: next };
}

/**
 * Brings a case under review: records its routing and the projection of the events it has
 * (scan wrote `case.opened`). Idempotent: the opened event's key is the same each time.
 */
export async function enrolCase(
  store: CaseDeskStore,
  caseId: string,
  routing: ReviewRouting,
  opened: Extract<CaseEvent, { type: 'case.opened' }>,
): Promise<CaseState> {
  const events = await store.listCaseEvents(caseId);
  const has = events.some((e) => e.type === 'case.opened');
  const state = projectCase(caseId, has ? events : [...events, opened]);
  await store.appendReviewEvents({
    caseId,
    routing,
    expectedVersion: has ? state.version : state.version - 1,
    events: has ? [] : [{ key: eventKey(opened), event: opened }],
    projection: toProjection(state),
  });
  return state;
}
