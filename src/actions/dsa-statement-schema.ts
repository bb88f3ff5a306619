import { z } from 'zod';

/**
 * The EU DSA Transparency Database statement of reasons (Art. 17 / Art. 24(5)), field names and
 * allowed values as in the API after the 1 July 2025 schema change (REFERENCES.md §7.2, from
 * `digital-services-act/transparency-database` StatementStoreRequest). The database rejects a
 * statement that breaks these rules, so Rasd refuses to emit one rather than find out later.
 */

export const DSA_DECISION_VISIBILITIES = [
  'DECISION_VISIBILITY_CONTENT_REMOVED',
  'DECISION_VISIBILITY_CONTENT_DISABLED',
  'DECISION_VISIBILITY_CONTENT_DEMOTED',
  'DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED',
  'DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED',
  'DECISION_VISIBILITY_CONTENT_LABELLED',
  'DECISION_VISIBILITY_OTHER',
] as const;
export const DSA_DECISION_MONETARY = [
  'DECISION_MONETARY_SUSPENSION',
  'DECISION_MONETARY_TERMINATION',
  'DECISION_MONETARY_OTHER',
] as const;
export const DSA_DECISION_PROVISIONS = [
  'DECISION_PROVISION_PARTIAL_SUSPENSION',
  'DECISION_PROVISION_TOTAL_SUSPENSION',
  'DECISION_PROVISION_PARTIAL_TERMINATION',
  'DECISION_PROVISION_TOTAL_TERMINATION',
] as const;
export const DSA_DECISION_ACCOUNTS = ['DECISION_ACCOUNT_SUSPENDED', 'DECISION_ACCOUNT_TERMINATED'] as const;
export const DSA_ACCOUNT_TYPES = ['ACCOUNT_TYPE_BUSINESS', 'ACCOUNT_TYPE_PRIVATE'] as const;
export const DSA_DECISION_GROUNDS = [
  'DECISION_GROUND_ILLEGAL_CONTENT',
  'DECISION_GROUND_INCOMPATIBLE_CONTENT',
] as const;
export const DSA_CONTENT_TYPES = [
  'CONTENT_TYPE_APP',
  'CONTENT_TYPE_AUDIO',
  'CONTENT_TYPE_IMAGE',
  'CONTENT_TYPE_PRODUCT',
  'CONTENT_TYPE_SYNTHETIC_MEDIA',
  'CONTENT_TYPE_TEXT',
  'CONTENT_TYPE_VIDEO',
  'CONTENT_TYPE_OTHER',
] as const;
export const DSA_CATEGORIES = [
  'STATEMENT_CATEGORY_ANIMAL_WELFARE',
  'STATEMENT_CATEGORY_CONSUMER_INFORMATION',
  'STATEMENT_CATEGORY_CYBER_VIOLENCE',
  'STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN',
  'STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS',
  'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
  'STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS',
  'STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS',
  'STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE',
  'STATEMENT_CATEGORY_OTHER_VIOLATION_TC',
  'STATEMENT_CATEGORY_PROTECTION_OF_MINORS',
  'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
  'STATEMENT_CATEGORY_SCAMS_AND_FRAUD',
  'STATEMENT_CATEGORY_SELF_HARM',
  'STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS',
  'STATEMENT_CATEGORY_VIOLENCE',
] as const;
/** @NOTE Only the keywords REFERENCES.md confirms; the database has more, which Rasd never emits. */
export const DSA_KEYWORDS = [
  'KEYWORD_TERRORIST_CONTENT',
  'KEYWORD_ILLEGAL_ORGANIZATIONS',
  'KEYWORD_INCITEMENT_VIOLENCE_HATRED',
  'KEYWORD_HATE_SPEECH',
  'KEYWORD_CYBER_INCITEMENT',
  'KEYWORD_OTHER',
] as const;
export const DSA_SOURCE_TYPES = [
  'SOURCE_ARTICLE_16',
  'SOURCE_TRUSTED_FLAGGER',
  'SOURCE_TYPE_OTHER_NOTIFICATION',
  'SOURCE_VOLUNTARY',
] as const;
export const DSA_AUTOMATED_DECISIONS = [
  'AUTOMATED_DECISION_FULLY',
  'AUTOMATED_DECISION_PARTIALLY',
  'AUTOMATED_DECISION_NOT_AUTOMATED',
] as const;
/** EU member states plus the EEA (Iceland, Liechtenstein, Norway). */
export const DSA_TERRITORIES = [
  ...['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU'],
  ...['IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK', 'IS', 'LI', 'NO'],
] as const;

const yesNo = z.enum(['Yes', 'No']);
const day = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);

export const dsaStatementSchema = z
  .strictObject({
    decision_visibility: z.array(z.enum(DSA_DECISION_VISIBILITIES)).min(1).optional(),
    decision_visibility_other: text(500).optional(),
    decision_monetary: z.enum(DSA_DECISION_MONETARY).optional(),
    decision_monetary_other: text(500).optional(),
    decision_provision: z.enum(DSA_DECISION_PROVISIONS).optional(),
    decision_account: z.enum(DSA_DECISION_ACCOUNTS).optional(),
    account_type: z.enum(DSA_ACCOUNT_TYPES).optional(),
    decision_ground: z.enum(DSA_DECISION_GROUNDS),
    decision_ground_reference_url: z.url().max(500).optional(),
    illegal_content_legal_ground: text(500).optional(),
    illegal_content_explanation: text(2000).optional(),
    incompatible_content_ground: text(500).optional(),
    incompatible_content_explanation: text(2000).optional(),
    incompatible_content_illegal: yesNo.optional(),
    content_type: z.array(z.enum(DSA_CONTENT_TYPES)).min(1),
    content_type_other: text(500).optional(),
    category: z.enum(DSA_CATEGORIES),
    category_addition: z.array(z.enum(DSA_CATEGORIES)).optional(),
    category_specification: z.array(z.enum(DSA_KEYWORDS)).optional(),
    category_specification_other: text(500).optional(),
    territorial_scope: z.array(z.enum(DSA_TERRITORIES)).optional(),
    content_language: z
      .string()
      .regex(/^[A-Z]{2}$/, 'an upper-case ISO 639-1 code')
      .optional(),
    content_date: day.optional(),
    application_date: day,
    end_date_visibility_restriction: day.nullable().optional(),
    end_date_account_restriction: day.nullable().optional(),
    decision_facts: text(5000),
    source_type: z.enum(DSA_SOURCE_TYPES),
    source_identity: text(500).optional(),
    automated_detection: yesNo,
    automated_decision: z.enum(DSA_AUTOMATED_DECISIONS),
    puid: z
      .string()
      .max(500)
      .regex(/^[a-zA-Z0-9_-]+$/, 'letters, digits, - and _ only'),
  })
  .superRefine((s, ctx) => {
    const need = (field: keyof typeof s, when: boolean, why: string) => {
      if (when && s[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `required ${why}` });
    };
    if (!s.decision_visibility && !s.decision_monetary && !s.decision_provision && !s.decision_account) {
      ctx.addIssue({
        code: 'custom',
        path: ['decision_visibility'],
        message: 'one of the four decision_* fields is required',
      });
    }
    const illegal = s.decision_ground === 'DECISION_GROUND_ILLEGAL_CONTENT';
    need('illegal_content_legal_ground', illegal, 'when decision_ground is illegal content');
    need('illegal_content_explanation', illegal, 'when decision_ground is illegal content');
    need('incompatible_content_ground', !illegal, 'when decision_ground is incompatible content');
    need('incompatible_content_explanation', !illegal, 'when decision_ground is incompatible content');
    need('incompatible_content_illegal', !illegal, 'when decision_ground is incompatible content');
    need(
      'decision_visibility_other',
      s.decision_visibility?.includes('DECISION_VISIBILITY_OTHER') ?? false,
      'for OTHER',
    );
    need('decision_monetary_other', s.decision_monetary === 'DECISION_MONETARY_OTHER', 'for OTHER');
    need('content_type_other', s.content_type.includes('CONTENT_TYPE_OTHER'), 'for CONTENT_TYPE_OTHER');
    need(
      'category_specification_other',
      s.category_specification?.includes('KEYWORD_OTHER') ?? false,
      'for KEYWORD_OTHER',
    );
  });

export type DsaStatement = z.infer<typeof dsaStatementSchema>;
