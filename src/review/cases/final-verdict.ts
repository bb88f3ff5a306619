import type { Verdict } from '../../core/index.js';
import type { CaseState } from './case-state.js';

/**
 * The decision, not the model, is final: once a reviewer removes or keeps, that overrides the
 * assessment's verdict. An escalation is not a verdict, so the item stays in review.
 */
export function finalVerdict(
  modelVerdict: Verdict,
  state: Pick<CaseState, 'decision' | 'status'> | undefined,
): { verdict: Verdict; by: 'reviewer' | 'model' } {
  const decision = state?.status === 'decided' || state?.status === 'closed' ? state.decision : undefined;
  switch (decision?.outcome) {
    case 'remove':
      return { verdict: 'violating', by: 'reviewer' };
    case 'keep':
      return { verdict: 'clear', by: 'reviewer' };
    case 'escalate':
      return { verdict: 'review', by: 'reviewer' };
    default:
      return { verdict: modelVerdict, by: 'model' };
  }
}
