import type { ReviewCaseView, ReviewStore } from '../../storage/ports.js';
import { type CaseDeskStore, type DeskResult, runCaseCommand } from './case-desk.js';
import { type ClaimEvent, claimCase } from './claim.js';
import { atGraphicCap, utcDay, type WellbeingPolicy } from './wellbeing.js';

export interface ServeContext {
  reviewer: string;
  now: Date;
  /** The reviewer has seen their daily share of graphic cases. */
  atGraphicCap: boolean;
}

/**
 * Whether a queued case may be handed to this reviewer now: it is undecided, not held by
 * someone else, not one they decided before an appeal, and not graphic past their cap.
 */
export function servable(view: ReviewCaseView, ctx: ServeContext): boolean {
  if (view.status !== 'open' && view.status !== 'assigned') return false;
  if (view.barred.includes(ctx.reviewer)) return false;
  const held = view.claimExpiresAt !== undefined && Date.parse(view.claimExpiresAt) > ctx.now.getTime();
  if (held && view.claimedBy !== ctx.reviewer) return false;
  return !(view.graphic && ctx.atGraphicCap);
}

/** The highest-ranked servable case of an ordered list. */
export function pickNext(views: readonly ReviewCaseView[], ctx: ServeContext): ReviewCaseView | undefined {
  return views.find((v) => servable(v, ctx));
}

export type ServeStore = CaseDeskStore & Pick<ReviewStore, 'listReviewCases' | 'graphicExposure'>;

/**
 * Claims the next case of a queue for a reviewer, highest priority first. Looks at a bounded
 * number of pages so a queue full of held cases answers "nothing" instead of scanning forever.
 */
export async function claimNext(
  store: ServeStore,
  input: { reviewer: string; queue?: string; now: Date; ttlMs: number; policy: WellbeingPolicy; maxPages?: number },
): Promise<DeskResult<ClaimEvent> | undefined> {
  const exposure = await store.graphicExposure(input.reviewer, utcDay(input.now));
  const ctx = {
    reviewer: input.reviewer,
    now: input.now,
    atGraphicCap: atGraphicCap({ graphic: exposure }, input.policy),
  };
  let cursor: string | undefined;
  for (let page = 0; page < (input.maxPages ?? 5); page++) {
    const listed = await store.listReviewCases({
      limit: 50,
      ...(input.queue !== undefined && { queue: input.queue }),
      ...(cursor !== undefined && { cursor }),
    });
    const next = pickNext(listed.rows, ctx);
    if (next) {
      return runCaseCommand(store, next.caseId, (state) =>
        claimCase(state, {
          reviewer: input.reviewer,
          now: input.now,
          ttlMs: input.ttlMs,
          overGraphicCap: ctx.atGraphicCap && next.graphic,
        }),
      );
    }
    if (listed.next === undefined) return undefined;
    cursor = listed.next;
  }
  return undefined;
}
