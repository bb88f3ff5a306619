import type { ReviewProjection } from '../../storage/ports.js';
import { type CaseState, pendingBankAdds } from './case-state.js';

/** The case state as the store keeps it for queues. */
export function toProjection(state: CaseState): ReviewProjection {
  return {
    status: state.status,
    appealed: state.appealed,
    barred: state.barred,
    pendingBankAdds: pendingBankAdds(state).map((r) => ({
      caseId: state.caseId,
      requestId: r.requestId,
      bank: r.bank,
      requestedBy: r.requestedBy,
      requestedAt: r.requestedAt,
    })),
    version: state.version,
    updatedAt: state.updatedAt,
    ...(state.claim && { claimedBy: state.claim.reviewer, claimExpiresAt: state.claim.expiresAt }),
    ...(state.decision && { decision: state.decision }),
  };
}
