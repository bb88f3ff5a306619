import { describe, expect, it } from 'vitest';
import type { ReviewCaseView } from '../../storage/ports.js';
import { queueKey, queueMatches } from './queue-key.js';
import { pickNext } from './queue-serving.js';
import { atGraphicCap, countExposure } from './wellbeing.js';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const view = (caseId: string, over: Partial<ReviewCaseView> = {}): ReviewCaseView => ({
  caseId,
  itemKey: `telegram/-100/${caseId}/0`,
  queue: 'praise/en/*',
  category: 'praise',
  lang: 'en',
  org: '',
  graphic: false,
  rank: 1,
  status: 'open',
  appealed: false,
  barred: [],
  pendingBankAdds: [],
  version: 1,
  updatedAt: NOW.toISOString(),
  ...over,
});
const ctx = { reviewer: 'ana', now: NOW, atGraphicCap: false };

describe('queue keys', () => {
  it('group by category, language and organisation, and filter with *', () => {
    expect(queueKey({ category: 'Recruitment', lang: 'ar', org: 'Group/X' })).toBe('recruitment/ar/group-x');
    expect(queueKey({ category: 'praise', lang: 'en' })).toBe('praise/en/*');
    expect(queueMatches('recruitment/ar/group-x', '*/ar/*')).toBe(true);
    expect(queueMatches('recruitment/ar/group-x', 'praise/*/*')).toBe(false);
  });
});

describe('serving the queue', () => {
  it('skips cases held by others, decided cases and cases the reviewer decided before appeal', () => {
    const later = new Date(NOW.getTime() + 60_000).toISOString();
    const views = [
      view('held', { status: 'assigned', claimedBy: 'ben', claimExpiresAt: later }),
      view('done', { status: 'decided' }),
      view('barred', { barred: ['ana'], appealed: true }),
      view('free'),
    ];
    expect(pickNext(views, ctx)?.caseId).toBe('free');
    expect(pickNext(views, { ...ctx, reviewer: 'cy' })?.caseId).toBe('barred');
  });

  it('serves a case whose claim expired, and the holder their own claim', () => {
    const past = new Date(NOW.getTime() - 1).toISOString();
    expect(pickNext([view('stale', { status: 'assigned', claimedBy: 'ben', claimExpiresAt: past })], ctx)?.caseId).toBe(
      'stale',
    );
    const later = new Date(NOW.getTime() + 1).toISOString();
    expect(pickNext([view('mine', { status: 'assigned', claimedBy: 'ana', claimExpiresAt: later })], ctx)?.caseId).toBe(
      'mine',
    );
  });

  it('stops serving graphic cases past the daily cap, but still serves the rest', () => {
    const views = [view('gore', { graphic: true, rank: 9 }), view('text', { rank: 1 })];
    const claims = ['a', 'b', 'c'].map((caseId) => ({ reviewer: 'ana', caseId, at: NOW.toISOString(), graphic: true }));
    const renewal = { reviewer: 'ana', caseId: 'a', at: NOW.toISOString(), graphic: true };
    const exposure = countExposure([...claims, renewal], 'ana', '2026-03-01');
    expect(exposure).toMatchObject({ cases: 3, graphic: 3 });
    expect(pickNext(views, { ...ctx, atGraphicCap: atGraphicCap(exposure, { graphicDailyCap: 4 }) })?.caseId).toBe(
      'gore',
    );
    expect(pickNext(views, { ...ctx, atGraphicCap: atGraphicCap(exposure, { graphicDailyCap: 3 }) })?.caseId).toBe(
      'text',
    );
    expect(countExposure(claims, 'ana', '2026-03-02').graphic).toBe(0);
  });
});
