import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { createLoggers } from '../logger.js';
import { generateApiKey } from '../review/api-keys.js';
import { type RunningServer, startServer } from './server.js';
import { createSeededContext } from './testing.js';

/** The claim time and the graphic cap come from config (`review.*`), not from constants. */

const CLAIM_MINUTES = 2;
const setup = {
  loadConfig: (env: Record<string, never>, overrides: { db: { url: string } }) =>
    loadConfig(env, { ...overrides, review: { claimMinutes: CLAIM_MINUTES, graphicDailyCap: 0 } }),
  createLoggers,
};

let seeded: Awaited<ReturnType<typeof createSeededContext>>;
let server: RunningServer;
let reviewer: string;

beforeAll(async () => {
  seeded = await createSeededContext({ setup });
  const secret = generateApiKey();
  await seeded.ctx.store.createApiKey({ id: secret.id, name: 'reviewer', role: 'reviewer', keyHash: secret.keyHash });
  reviewer = secret.key;
  server = await startServer(seeded.ctx, { port: 0 });
});

afterAll(async () => {
  await server?.close();
  await seeded?.dispose();
});

describe('review settings', () => {
  it('hold a claim for review.claimMinutes, and a zero graphic cap still serves plain cases', async () => {
    expect(seeded.ctx.config.review).toEqual({ claimMinutes: CLAIM_MINUTES, graphicDailyCap: 0 });
    const before = Date.now();
    const response = await fetch(`${server.url}/api/cases/next`, {
      method: 'POST',
      headers: { authorization: `Bearer ${reviewer}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(200);
    const view = (await response.json()) as { caseId: string; claimExpiresAt: string };
    const listed = await seeded.ctx.store.listReviewCases({ limit: 100 });
    expect(listed.rows.find((c) => c.caseId === view.caseId)?.graphic).toBe(false);
    const held = Date.parse(view.claimExpiresAt) - before;
    expect(held).toBeGreaterThanOrEqual(CLAIM_MINUTES * 60_000);
    expect(held).toBeLessThan(CLAIM_MINUTES * 60_000 + 30_000);
  });
});
