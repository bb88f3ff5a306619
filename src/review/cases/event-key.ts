import type { CaseEvent } from '../../core/index.js';

/**
 * The idempotency key of an event: who did what to which case when. A retried request makes
 * the same key and is stored once; a genuinely new act (a renewal a second later) does not.
 */
export function eventKey(event: CaseEvent): string {
  return `${event.caseId}|${event.type}|${event.at}|${actorOf(event)}`;
}

function actorOf(e: CaseEvent): string {
  switch (e.type) {
    case 'case.opened':
    case 'case.closed':
      return 'system';
    case 'decision.recorded':
      return e.decision.reviewer;
    case 'case.appealed':
      return e.by;
    case 'bank-add.requested':
    case 'bank-add.confirmed':
      return `${e.reviewer}|${e.requestId}`;
    default:
      return e.reviewer;
  }
}
