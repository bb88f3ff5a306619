import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app/index.js';
import { AppError, type CaseEvent } from '../../core/index.js';
import { type CaseState, type CommandResult, type DeskResult, runCaseCommand } from '../../review/cases/index.js';
import { requirePrincipal } from '../access.js';

/**
 * Shared by the review routes: body parsing to problem JSON, and running one case command as
 * the caller. Refusals from the case domain become 403 when they are about who asks and 409
 * when they are about the state of the case now.
 */

const FORBIDDEN_CODES = new Set(['BARRED_AFTER_APPEAL', 'SAME_REVIEWER', 'WELLBEING_CAP']);
const idParams = z.object({ id: z.string().min(1).max(200) });

export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.join('/') ?? '';
  throw new AppError('INPUT_INVALID', {
    detail: issue?.message ?? 'invalid input',
    pointer: path === '' ? where : `${where}/${path}`,
  });
}

export function refused(refusal: { code: string; detail: string }): never {
  throw new AppError(FORBIDDEN_CODES.has(refusal.code) ? 'FORBIDDEN' : 'CONFLICT', {
    detail: `${refusal.code}: ${refusal.detail}`,
  });
}

export function settled<E>(result: DeskResult<E>): { event: E; state: CaseState } {
  return result.ok ? result : refused(result);
}

/** What a review route answers: the case as it now stands. */
export function caseView(state: CaseState) {
  return {
    caseId: state.caseId,
    status: state.status,
    ...(state.claim && { claimedBy: state.claim.reviewer, claimExpiresAt: state.claim.expiresAt }),
    ...(state.decision && { decision: state.decision }),
    version: state.version,
  };
}

export interface CommandCall {
  caseId: string;
  itemKey: string;
  /** Graphic cases count against the reviewer's daily cap. */
  graphic: boolean;
  reviewer: string;
  now: Date;
}

/** The enrolled case the request names, and who asks; an unknown or never-queued case is a 404. */
export async function commandCall(ctx: AppContext, request: FastifyRequest): Promise<CommandCall> {
  const { id } = parseInput(idParams, request.params, '/params');
  const view = await ctx.store.getReviewCase(id);
  if (view === undefined) throw new AppError('NOT_FOUND', { detail: `no case ${id} in the review queues` });
  const reviewer = requirePrincipal(request).actor;
  return { caseId: id, itemKey: view.itemKey, graphic: view.graphic, reviewer, now: new Date() };
}

/** Runs one command on the named case as the caller; refusals are thrown as problems. */
export async function runCommand<E extends CaseEvent>(
  ctx: AppContext,
  call: CommandCall,
  run: (state: CaseState) => CommandResult<E>,
): Promise<{ event: E; state: CaseState }> {
  return settled(await runCaseCommand(ctx.store, call.caseId, run));
}
