import { describe, expect, it } from 'vitest';
import { type Assessment, type Decision, type Item, isAppError } from '../core/index.js';
import { dsaPuid, dsaRemovalFromDecision } from './dsa-from-decision.js';
import { dsaPolicyFromSettings } from './dsa-policy.js';
import { buildDsaStatement } from './dsa-statement.js';

/** The DSA statement of a reviewer's removal, built from structure-only fixtures. */

const decision: Decision = {
  caseId: 'case_0a1b',
  outcome: 'remove',
  category: 'incitement',
  reviewer: 'user:rita',
  decidedAt: '2026-01-10T12:05:00.123Z',
};

const item = {
  platform: 'telegram',
  chat: { id: '-1001' },
  messageId: '7',
  version: 0,
  postedAt: '2026-01-09T23:30:00Z',
  text: 'RASD-TEST-MARKER',
  entities: [],
  media: [
    { kind: 'photo', status: 'present' },
    { kind: 'voice', status: 'present' },
  ],
} as Item;

const assessment = { categories: ['clear-news', 'recruitment'] } as unknown as Assessment;

const settings = {
  ground: 'incompatible' as const,
  sourceType: 'SOURCE_VOLUNTARY',
  territorialScope: ['EEA'],
  tosGround: 'Terms: violent extremism',
  explanation: 'Removed under the policy.',
  alsoIllegal: false,
};

describe('dsaRemovalFromDecision', () => {
  it('takes the category, media, text, language and detection from the decision, item and case', () => {
    const removal = dsaRemovalFromDecision({ decision, item, assessment, lang: 'ar', openedByScan: true });
    expect(removal).toEqual({
      decisionId: 'case_0a1b-20260110T120500123Z',
      decidedAt: decision.decidedAt,
      postedAt: item.postedAt,
      category: 'incitement',
      mediaKinds: ['photo', 'voice'],
      hasText: true,
      language: 'ar',
      automatedDetection: true,
      automation: 'none',
    });
    const statement = buildDsaStatement(removal, dsaPolicyFromSettings(settings));
    expect(statement).toMatchObject({
      puid: 'case_0a1b-20260110T120500123Z',
      content_type: ['CONTENT_TYPE_TEXT', 'CONTENT_TYPE_IMAGE', 'CONTENT_TYPE_AUDIO'],
      content_language: 'AR',
      content_date: '2026-01-09',
      application_date: '2026-01-10',
      automated_detection: 'Yes',
      automated_decision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
      decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT',
      incompatible_content_illegal: 'No',
      source_type: 'SOURCE_VOLUNTARY',
    });
    expect(statement.territorial_scope).toHaveLength(30);
    expect(JSON.stringify(statement)).not.toContain('RASD-TEST-MARKER');
  });

  it('falls back to the assessment’s first violating category and leaves out a language that is not ISO 639-1', () => {
    const { category: _omit, ...uncategorised } = decision;
    const removal = dsaRemovalFromDecision({
      decision: uncategorised,
      item: { ...item, text: '  ', media: [] },
      assessment,
      lang: 'und',
      openedByScan: false,
    });
    expect(removal).toMatchObject({ category: 'recruitment', hasText: false, automatedDetection: false });
    expect(removal).not.toHaveProperty('language');
  });

  it('refuses a decision that is not a removal, or one without any violating category', () => {
    expect(() =>
      dsaRemovalFromDecision({ decision: { ...decision, outcome: 'keep' }, item, openedByScan: true }),
    ).toThrow(/not removed/);
    const { category: _omit, ...uncategorised } = decision;
    expect(() => dsaRemovalFromDecision({ decision: uncategorised, item, openedByScan: true })).toThrow(
      /no violating category/,
    );
  });

  it('makes a puid the database accepts, different per decision of the same case', () => {
    const first = dsaPuid(decision);
    const again = dsaPuid({ ...decision, decidedAt: '2026-01-11T08:00:00.000Z' });
    expect(first).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(again).not.toBe(first);
  });
});

describe('dsaPolicyFromSettings', () => {
  it('expands EEA and keeps explicit codes once', () => {
    expect(dsaPolicyFromSettings({ ...settings, territorialScope: ['DE', 'AT', 'DE'] }).territorialScope).toEqual([
      'DE',
      'AT',
    ]);
  });

  it('names the missing legal ground of an illegal-content policy', () => {
    try {
      dsaPolicyFromSettings({ ...settings, ground: 'illegal' });
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error) && error.code).toBe('CONFIG_INVALID');
      expect(isAppError(error) && error.pointer).toBe('dsa.legalGround');
    }
    const policy = dsaPolicyFromSettings({ ...settings, ground: 'illegal', legalGround: 'Penal code, art. 1' });
    expect(policy).toMatchObject({ ground: 'illegal', legalGround: 'Penal code, art. 1' });
  });

  it('refuses a source type or territory the database does not know', () => {
    expect(() => dsaPolicyFromSettings({ ...settings, sourceType: 'SOURCE_NONE' })).toThrow(/dsa.sourceType/);
    expect(() => dsaPolicyFromSettings({ ...settings, territorialScope: ['US'] })).toThrow(/dsa.territorialScope/);
  });
});
