import { describe, expect, it } from 'vitest';
import { AppError } from '../core/index.js';
import {
  buildDsaStatement,
  type DsaPolicy,
  type DsaRemoval,
  dsaContentTypes,
  validateDsaStatement,
} from './dsa-statement.js';

const removal: DsaRemoval = {
  decisionId: 'dec_0001',
  decidedAt: '2026-01-10T12:05:00Z',
  postedAt: '2026-01-09T22:00:00Z',
  category: 'incitement',
  mediaKinds: ['photo'],
  hasText: true,
  language: 'ar',
  automatedDetection: true,
  automation: 'none',
};
const policy: DsaPolicy = {
  ground: 'illegal',
  legalGround: 'Regulation (EU) 2021/784, Art. 2(7)',
  explanation: 'Terrorist content as defined in the TCO Regulation.',
  sourceType: 'SOURCE_TRUSTED_FLAGGER',
  sourceIdentity: 'Synthetic Flagger',
  territorialScope: ['DE', 'FR'],
  referenceUrl: 'https://eur-lex.europa.eu/eli/reg/2021/784/oj',
};

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('buildDsaStatement', () => {
  it('builds a valid statement for a typical reviewed removal', () => {
    expect(buildDsaStatement(removal, policy)).toEqual({
      decision_visibility: ['DECISION_VISIBILITY_CONTENT_REMOVED'],
      decision_ground: 'DECISION_GROUND_ILLEGAL_CONTENT',
      illegal_content_legal_ground: 'Regulation (EU) 2021/784, Art. 2(7)',
      illegal_content_explanation: 'Terrorist content as defined in the TCO Regulation.',
      decision_ground_reference_url: 'https://eur-lex.europa.eu/eli/reg/2021/784/oj',
      content_type: ['CONTENT_TYPE_TEXT', 'CONTENT_TYPE_IMAGE'],
      category: 'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
      category_addition: ['STATEMENT_CATEGORY_VIOLENCE'],
      category_specification: ['KEYWORD_TERRORIST_CONTENT', 'KEYWORD_INCITEMENT_VIOLENCE_HATRED'],
      territorial_scope: ['DE', 'FR'],
      content_language: 'AR',
      content_date: '2026-01-09',
      application_date: '2026-01-10',
      decision_facts: expect.stringContaining('Incitement'),
      source_type: 'SOURCE_TRUSTED_FLAGGER',
      source_identity: 'Synthetic Flagger',
      automated_detection: 'Yes',
      automated_decision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
      puid: 'dec_0001',
    });
  });

  it('fills the incompatible-content fields and an account decision', () => {
    const statement = buildDsaStatement(
      { ...removal, category: 'branded', accountAction: 'terminated', automation: 'fully', mediaKinds: ['document'] },
      {
        ground: 'incompatible',
        tosGround: 'Terms of Service §4',
        explanation: 'Violent extremism policy',
        alsoIllegal: true,
        sourceType: 'SOURCE_VOLUNTARY',
        sourceIdentity: 'ignored for voluntary',
        territorialScope: ['NO'],
      },
    );
    expect(statement).toMatchObject({
      decision_account: 'DECISION_ACCOUNT_TERMINATED',
      decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT',
      incompatible_content_illegal: 'Yes',
      content_type: ['CONTENT_TYPE_TEXT', 'CONTENT_TYPE_OTHER'],
      content_type_other: 'Document or file attachment',
      automated_decision: 'AUTOMATED_DECISION_FULLY',
      category_specification: ['KEYWORD_TERRORIST_CONTENT'],
    });
    expect(statement.source_identity).toBeUndefined();
    expect(statement.illegal_content_legal_ground).toBeUndefined();
  });

  it('refuses a removal whose category is not violating', () => {
    expect(refusal(() => buildDsaStatement({ ...removal, category: 'news' }, policy)).message).toMatch(/news/);
  });

  it('refuses values the database does not allow, naming each field', () => {
    const error = refusal(() =>
      buildDsaStatement(
        { ...removal, decisionId: 'dec/0001', decidedAt: 'soon' },
        { ...policy, territorialScope: ['US' as 'DE'] },
      ),
    );
    expect(error.code).toBe('INPUT_INVALID');
    expect(error.message).toMatch(/territorial_scope\.0/);
    expect(error.message).toMatch(/application_date/);
    expect(error.message).toMatch(/puid/);
  });

  it('refuses a missing legal ground', () => {
    const error = refusal(() => buildDsaStatement(removal, { ...policy, legalGround: '  ' }));
    expect(error.message).toMatch(/illegal_content_legal_ground/);
  });
});

describe('validateDsaStatement', () => {
  const valid = buildDsaStatement(removal, policy);

  it('refuses a statement without a required field or any decision', () => {
    const { decision_facts: _facts, ...noFacts } = valid;
    expect(refusal(() => validateDsaStatement(noFacts)).message).toMatch(/decision_facts/);
    const { decision_visibility: _v, ...noDecision } = valid;
    expect(refusal(() => validateDsaStatement(noDecision)).message).toMatch(/one of the four decision_\* fields/);
  });

  it('refuses a value outside the allowed set and an unknown field', () => {
    expect(refusal(() => validateDsaStatement({ ...valid, automated_detection: 'yes' })).message).toMatch(
      /automated_detection/,
    );
    expect(refusal(() => validateDsaStatement({ ...valid, category: 'STATEMENT_CATEGORY_TERRORISM' })).message).toMatch(
      /category/,
    );
    expect(refusal(() => validateDsaStatement({ ...valid, text: 'x' })).message).toMatch(/text/);
  });

  it('requires the matching *_other field', () => {
    const other = { ...valid, category_specification: ['KEYWORD_OTHER'] };
    expect(refusal(() => validateDsaStatement(other)).message).toMatch(/category_specification_other/);
    expect(validateDsaStatement({ ...other, category_specification_other: 'x' }).category_specification).toEqual([
      'KEYWORD_OTHER',
    ]);
  });
});

describe('dsaContentTypes', () => {
  it('maps media kinds without duplicates', () => {
    expect(dsaContentTypes(['video', 'animation', 'voice'], false)).toEqual([
      'CONTENT_TYPE_VIDEO',
      'CONTENT_TYPE_AUDIO',
    ]);
  });
});
