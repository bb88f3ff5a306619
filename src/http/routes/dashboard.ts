import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { summariseOutcomes } from '../../actions/referral-outcome.js';
import type { AppContext } from '../../app/index.js';
import { AppError } from '../../core/index.js';
import { buildReport, parsePeriod } from '../../reports/index.js';
import type { Page } from '../../storage/ports.js';
import { requirePrincipal } from '../access.js';
import { JSON_MEDIA_TYPE } from '../route.js';
import { parseInput } from './case-command.js';

/**
 * What the web dashboard reads beyond the resource routes: who is signed in, one case with
 * everything its screen shows, a case's picture previews, and the overview's figures in one call
 * (so the overview is one round trip and one consistent moment, not eight).
 */

/** Walking a whole table for a chart is bounded: past this the overview says it is partial. */
const MAX_ROWS_WALKED = 20_000;
const PAGE = 500;

const overviewQuery = z.object({ days: z.coerce.number().int().min(1).max(366).default(30) }).strict();
const caseParams = z.object({ id: z.string().min(1).max(200) });
const mediaParams = z.object({ key: z.string().min(1).max(2048), index: z.coerce.number().int().min(0).max(99) });

async function walk<T>(fetch: (cursor?: string) => Promise<Page<T>>, each: (row: T) => void): Promise<boolean> {
  let cursor: string | undefined;
  let seen = 0;
  do {
    const page = await fetch(cursor);
    for (const row of page.rows) each(row);
    seen += page.rows.length;
    cursor = page.next;
  } while (cursor !== undefined && seen < MAX_ROWS_WALKED);
  return cursor === undefined;
}

function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function registerDashboardRoutes(app: FastifyInstance, ctx: AppContext): void {
  const store = ctx.store;

  app.get('/api/me', async (request, reply) => {
    const { actor, role } = requirePrincipal(request);
    reply.type(JSON_MEDIA_TYPE);
    return { actor, role, name: actor.slice(actor.indexOf(':') + 1) };
  });

  app.get('/api/overview', async (request, reply) => {
    const { days } = parseInput(overviewQuery, request.query, '/query');
    const now = Date.now();
    const period = parsePeriod({ from: utcDate(now - (days - 1) * 86_400_000), to: utcDate(now) });
    const report = await buildReport({ store, period, generatedAt: new Date(now) });
    const removedByDay = new Map<string, number>();
    const decisions = { remove: 0, keep: 0, escalate: 0 };
    const decidedComplete = await walk(
      (cursor) => store.listDecidedCases(PAGE, cursor),
      ({ decision }) => {
        if (decision.decidedAt < period.from || decision.decidedAt >= period.to) return;
        decisions[decision.outcome] += 1;
        if (decision.outcome === 'remove') {
          const day = decision.decidedAt.slice(0, 10);
          removedByDay.set(day, (removedByDay.get(day) ?? 0) + 1);
        }
      },
    );
    const byLang = new Map<string, number>();
    const queue = { open: 0, claimed: 0, decided: 0 };
    const casesComplete = await walk(
      (cursor) => store.listReviewCases({ limit: PAGE, ...(cursor !== undefined && { cursor }) }),
      (c) => {
        byLang.set(c.lang, (byLang.get(c.lang) ?? 0) + 1);
        if (c.decision !== undefined) queue.decided += 1;
        else if (c.claimedBy !== undefined) queue.claimed += 1;
        else queue.open += 1;
      },
    );
    const outcomes = summariseOutcomes(await store.listReferralOutcomes({}));
    reply.type(JSON_MEDIA_TYPE);
    return {
      period: report.period,
      totals: { ...report.totals, removed: decisions.remove },
      byDay: report.byDay.map((d) => ({ ...d, removed: removedByDay.get(d.day) ?? 0 })),
      byCategory: report.byCategory,
      byOrg: report.byOrg,
      byChannel: report.byChannel.slice(0, 10),
      byLang: [...byLang].map(([lang, cases]) => ({ lang, cases })).sort((a, b) => b.cases - a.cases),
      decisions,
      queue,
      referrals: outcomes,
      complete: decidedComplete && casesComplete,
    };
  });

  app.get('/api/cases/:id', async (request, reply) => {
    const { id } = parseInput(caseParams, request.params, '/params');
    const view = await store.getReviewCase(id);
    if (view === undefined)
      throw new AppError('NOT_FOUND', { detail: `no review case "${id}"`, pointer: '/params/id' });
    const [item, assessment, events, previews] = await Promise.all([
      store.getItem(view.itemKey),
      store.getAssessment(view.itemKey),
      store.listCaseEvents(id),
      store.listMediaPreviewIndexes(view.itemKey),
    ]);
    reply.type(JSON_MEDIA_TYPE);
    return { case: view, item, assessment, events, previews };
  });

  app.get('/api/items/:key/media/:index', async (request, reply) => {
    const { key, index } = parseInput(mediaParams, request.params, '/params');
    const preview = await store.getMediaPreview(key, index);
    if (preview === undefined) {
      throw new AppError('NOT_FOUND', {
        detail: `no preview of media ${index} of item "${key}" (only pictures of items sent to review get one)`,
        pointer: '/params',
      });
    }
    return reply
      .type(preview.mime)
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(Buffer.from(preview.bytes));
  });
}
