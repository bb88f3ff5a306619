import { describe, expect, it } from 'vitest';
import { dsaStatementBatches, validateDsaStatement } from '../actions/index.js';
import { loadConfig } from '../config/index.js';
import { createLoggers } from '../logger.js';
import { readProblem, seededRoleServer } from './testing.js';

/**
 * `GET /api/cases/:id/statement` over real HTTP and SQLite: a reviewer removes an item, an
 * analyst reads its DSA statement of reasons, valid against the Transparency Database schema.
 */

/** Three items that go to review (the harmless marker at 0.6), one of them with a photo. */
const ITEMS = ['1', '2', '3'].map((messageId) => ({
  platform: 'telegram',
  chat: { id: '-1003', title: 'Demo C', type: 'channel' as const },
  messageId,
  postedAt: `2024-11-0${messageId}T10:00:00Z`,
  text: 'maybe RASD-TEST-MARKER:praise:0.6',
  ...(messageId === '1' && { media: [{ kind: 'photo' as const, status: 'not-exported' as const }] }),
}));

const { get, post, ctx, url } = seededRoleServer({ setup: { loadConfig, createLoggers }, items: ITEMS });

async function decide(itemKey: string, body: unknown): Promise<string> {
  const cases = await ctx().store.listReviewCases({ limit: 100 });
  const caseId = cases.rows.find((c) => c.itemKey === itemKey)?.caseId as string;
  expect((await post(`/api/cases/${caseId}/claim`, 'reviewer')).status).toBe(200);
  expect((await post(`/api/cases/${caseId}/decision`, 'reviewer', body)).status).toBe(200);
  return caseId;
}

describe('GET /api/cases/:id/statement', () => {
  it('gives admins and analysts the validated statement of a removal, and refuses other roles', async () => {
    const caseId = await decide('telegram/-1003/1/0', { outcome: 'remove', category: 'praise' });
    const response = await get(`/api/cases/${caseId}/statement`, 'analyst');
    expect(response.status).toBe(200);
    const statement = validateDsaStatement(await response.json());
    const decision = (await ctx().store.getReviewCase(caseId))?.decision;
    expect(statement).toMatchObject({
      puid: `${caseId}-${decision?.decidedAt.replace(/[^0-9A-Za-z]/g, '')}`,
      decision_visibility: ['DECISION_VISIBILITY_CONTENT_REMOVED'],
      decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT',
      content_type: ['CONTENT_TYPE_TEXT', 'CONTENT_TYPE_IMAGE'],
      category: 'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
      content_date: '2024-11-01',
      source_type: 'SOURCE_VOLUNTARY',
      automated_detection: 'Yes',
      automated_decision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
    });
    // Structure only: the message text never reaches a statement.
    expect(JSON.stringify(statement)).not.toContain('RASD-TEST-MARKER');
    expect((await get(`/api/cases/${caseId}/statement`, 'admin')).status).toBe(200);
    expect((await get(`/api/cases/${caseId}/statement`, 'reviewer')).status).toBe(403);
    expect((await get(`/api/cases/${caseId}/statement`, 'partner')).status).toBe(403);
    expect((await fetch(`${url()}/api/cases/${caseId}/statement`)).status).toBe(401);
  });

  it('answers 404 for an unknown case, an undecided one and one decided keep', async () => {
    const unknown = await get('/api/cases/case_none/statement', 'analyst');
    expect(unknown.status).toBe(404);
    expect(await readProblem(unknown)).toMatchObject({ pointer: '/params/id' });
    const cases = await ctx().store.listReviewCases({ limit: 100 });
    const undecided = cases.rows.find((c) => c.itemKey === 'telegram/-1003/2/0');
    expect((await get(`/api/cases/${undecided?.caseId}/statement`, 'analyst')).status).toBe(404);
    const kept = await decide('telegram/-1003/3/0', { outcome: 'keep' });
    const problem = await readProblem(await get(`/api/cases/${kept}/statement`, 'analyst'));
    expect(problem).toMatchObject({ status: 404, detail: expect.stringMatching(/no remove decision/) });
  });
});

describe('dsaStatementBatches', () => {
  it('cuts statements into bodies of at most 100', () => {
    const statement = { puid: 'x' } as never;
    const sizes = (n: number) => dsaStatementBatches(Array(n).fill(statement)).map((b) => b.statements.length);
    expect(sizes(0)).toEqual([]);
    expect(sizes(100)).toEqual([100]);
    expect(sizes(201)).toEqual([100, 100, 1]);
  });
});
