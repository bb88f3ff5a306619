import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app/index.js';
import { AppError } from '../../core/index.js';
import { appendAudit } from '../../review/audit-log.js';
import { auditedBankStore } from '../../review/audited-bank-store.js';
import {
  bankEntriesFor,
  confirmBankAdd,
  pendingBankAdds,
  projectCase,
  requestBankAdd,
} from '../../review/cases/index.js';
import { JSON_MEDIA_TYPE } from '../route.js';
import { bankAddBody, bankAddConfirmBody } from '../schemas/review-commands.js';
import { caseView, commandCall, parseInput, refused, runCommand } from './case-command.js';

/**
 * Dual control over banking a removed item: one reviewer asks (`POST …/bank-add`), a different
 * one confirms (`POST …/bank-add/confirm`), and only then do the item's media hashes go into the
 * bank, with the case as provenance. The bank is written before the confirmation is recorded:
 * adding an entry twice is a counted duplicate, so a confirmation whose record fails can simply
 * be retried, while the other order could strand a recorded confirmation with an empty bank.
 */

export function registerBankAddRoutes(app: FastifyInstance, ctx: AppContext): void {
  const store = ctx.store;

  async function itemOf(itemKey: string) {
    const item = await store.getItem(itemKey);
    if (item === undefined) throw new AppError('NOT_FOUND', { detail: `the item of this case is gone` });
    return item;
  }

  app.post('/api/cases/:id/bank-add', async (request, reply) => {
    const { bank, note } = parseInput(bankAddBody, request.body, '/body');
    const call = await commandCall(ctx, request);
    if ((await store.getBank(bank)) === undefined) throw new AppError('NOT_FOUND', { detail: `no bank ${bank}` });
    const item = await itemOf(call.itemKey);
    if (item.media.every((m) => m.sha256 === undefined)) {
      throw new AppError('CONFLICT', { detail: 'the item has no media hashes to bank' });
    }
    const { event, state } = await runCommand(ctx, call, (s) =>
      requestBankAdd(s, { reviewer: call.reviewer, bank, now: call.now }),
    );
    await appendAudit(store, {
      actor: call.reviewer,
      action: 'case.bank-add.request',
      target: call.caseId,
      reason: note ?? `asked to bank the media of case ${call.caseId} in ${bank}`,
      details: { bank, requestId: event.requestId },
    });
    reply.type(JSON_MEDIA_TYPE);
    return { ...caseView(state), requestId: event.requestId };
  });

  app.post('/api/cases/:id/bank-add/confirm', async (request, reply) => {
    const { requestId, note } = parseInput(bankAddConfirmBody, request.body, '/body');
    const call = await commandCall(ctx, request);
    const before = projectCase(call.caseId, await store.listCaseEvents(call.caseId));
    // Dry run first: dual control must hold before anything reaches the bank.
    const check = confirmBankAdd(before, { requestId, reviewer: call.reviewer, now: call.now });
    const pending = pendingBankAdds(before).find((r) => r.requestId === requestId);
    if (!check.ok) refused(check);
    if (pending === undefined) refused({ code: 'BANK_ADD_UNKNOWN', detail: requestId });
    const reason = note ?? `confirmed bank add ${requestId} of case ${call.caseId}`;
    const entries = bankEntriesFor(await itemOf(call.itemKey), {
      caseId: call.caseId,
      requestId,
      addedBy: call.reviewer,
      ...(before.decision?.category !== undefined && { category: before.decision.category }),
    });
    const added = await auditedBankStore(store, call.reviewer, reason).addBankEntries(pending.bank, entries);
    const { state } = await runCommand(ctx, call, (s) =>
      confirmBankAdd(s, { requestId, reviewer: call.reviewer, now: call.now }),
    );
    await appendAudit(store, {
      actor: call.reviewer,
      action: 'case.bank-add.confirm',
      target: call.caseId,
      reason,
      details: { bank: pending.bank, requestId, requestedBy: pending.requestedBy, ...added },
    });
    reply.type(JSON_MEDIA_TYPE);
    return { ...caseView(state), bank: pending.bank, ...added };
  });
}
