import { AppError, isViolatingCategory, type MediaKind, VIOLATING_CATEGORIES } from '../core/index.js';
import {
  type DSA_CATEGORIES,
  type DSA_KEYWORDS,
  type DSA_SOURCE_TYPES,
  type DSA_TERRITORIES,
  type DsaStatement,
  dsaStatementSchema,
} from './dsa-statement-schema.js';

/**
 * Builds the DSA statement of reasons for one removal. What is about the item comes from the
 * decision; what is about the law and the service (legal ground, territorial scope, source)
 * comes from the operator's policy, because Rasd cannot know which law a platform acts under.
 */

export interface DsaRemoval {
  /** Becomes `puid`: unique per platform in the database, so the decision id fits. */
  decisionId: string;
  decidedAt: string;
  postedAt?: string;
  /** A Rasd violating category (`branded`, `incitement`…). */
  category: string;
  mediaKinds: readonly MediaKind[];
  hasText: boolean;
  /** ISO 639-1, any case. */
  language?: string;
  automatedDetection: boolean;
  /** `none` when a reviewer decided; `partially` when a rule decided and a reviewer confirmed. */
  automation: 'fully' | 'partially' | 'none';
  /** Also ban the account/channel. */
  accountAction?: 'suspended' | 'terminated';
}

export type DsaPolicy = {
  sourceType: (typeof DSA_SOURCE_TYPES)[number];
  sourceIdentity?: string;
  territorialScope: Array<(typeof DSA_TERRITORIES)[number]>;
  referenceUrl?: string;
} & (
  | { ground: 'illegal'; legalGround: string; explanation: string }
  | { ground: 'incompatible'; tosGround: string; explanation: string; alsoIllegal: boolean }
);

type Category = (typeof DSA_CATEGORIES)[number];
type Keyword = (typeof DSA_KEYWORDS)[number];

// Terrorist content is a "risk for public security" keyword in the database's taxonomy; threats
// and incitement also carry the violence category so they are counted there too.
const CATEGORY_MAP: Record<string, { addition?: Category[]; keywords: Keyword[] }> = {
  threat: { addition: ['STATEMENT_CATEGORY_VIOLENCE'], keywords: ['KEYWORD_TERRORIST_CONTENT'] },
  incitement: {
    addition: ['STATEMENT_CATEGORY_VIOLENCE'],
    keywords: ['KEYWORD_TERRORIST_CONTENT', 'KEYWORD_INCITEMENT_VIOLENCE_HATRED'],
  },
  recruitment: { keywords: ['KEYWORD_TERRORIST_CONTENT', 'KEYWORD_ILLEGAL_ORGANIZATIONS'] },
  financing: { keywords: ['KEYWORD_TERRORIST_CONTENT', 'KEYWORD_ILLEGAL_ORGANIZATIONS'] },
};

const CONTENT_TYPES: Partial<Record<MediaKind, DsaStatement['content_type'][number]>> = {
  photo: 'CONTENT_TYPE_IMAGE',
  sticker: 'CONTENT_TYPE_IMAGE',
  video: 'CONTENT_TYPE_VIDEO',
  animation: 'CONTENT_TYPE_VIDEO',
  'video-note': 'CONTENT_TYPE_VIDEO',
  audio: 'CONTENT_TYPE_AUDIO',
  voice: 'CONTENT_TYPE_AUDIO',
};

/** DSA content types of an item; a document (PDF, archive) has no closer type than OTHER. */
export function dsaContentTypes(mediaKinds: readonly MediaKind[], hasText: boolean): DsaStatement['content_type'] {
  const types = new Set<DsaStatement['content_type'][number]>(hasText ? ['CONTENT_TYPE_TEXT'] : []);
  for (const kind of mediaKinds) types.add(CONTENT_TYPES[kind] ?? 'CONTENT_TYPE_OTHER');
  return [...types];
}

/**
 * The statement for one removal, validated. Throws `INPUT_INVALID` naming every offending field
 * when the result would be refused by the database, so nothing invalid is ever emitted.
 */
export function buildDsaStatement(removal: DsaRemoval, policy: DsaPolicy): DsaStatement {
  if (!isViolatingCategory(removal.category)) {
    throw new AppError('INPUT_INVALID', {
      detail: `DSA statement for decision ${removal.decisionId} refused: category "${removal.category}" is not a violating category`,
      pointer: 'category',
    });
  }
  const mapped = CATEGORY_MAP[removal.category] ?? { keywords: ['KEYWORD_TERRORIST_CONTENT'] };
  const contentTypes = dsaContentTypes(removal.mediaKinds, removal.hasText);
  const title = VIOLATING_CATEGORIES.find((c) => c.id === removal.category)?.title ?? removal.category;
  const candidate = {
    decision_visibility: ['DECISION_VISIBILITY_CONTENT_REMOVED'],
    ...(removal.accountAction && {
      decision_account:
        removal.accountAction === 'suspended' ? 'DECISION_ACCOUNT_SUSPENDED' : 'DECISION_ACCOUNT_TERMINATED',
    }),
    ...groundFields(policy),
    ...(policy.referenceUrl !== undefined && { decision_ground_reference_url: policy.referenceUrl }),
    content_type: contentTypes,
    ...(contentTypes.includes('CONTENT_TYPE_OTHER') && { content_type_other: 'Document or file attachment' }),
    category: 'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
    ...(mapped.addition && { category_addition: mapped.addition }),
    category_specification: mapped.keywords,
    territorial_scope: policy.territorialScope,
    ...(removal.language !== undefined && { content_language: removal.language.toUpperCase() }),
    ...(removal.postedAt !== undefined && { content_date: removal.postedAt.slice(0, 10) }),
    application_date: removal.decidedAt.slice(0, 10),
    // Facts name the category only: never message text, names or other personal data.
    decision_facts: `Content removed as terrorist content of the kind "${title}" under the service's policy on violent extremism.`,
    source_type: policy.sourceType,
    ...(policy.sourceIdentity !== undefined &&
      policy.sourceType !== 'SOURCE_VOLUNTARY' && { source_identity: policy.sourceIdentity }),
    automated_detection: removal.automatedDetection ? 'Yes' : 'No',
    automated_decision: AUTOMATION[removal.automation],
    puid: removal.decisionId,
  };
  return validateDsaStatement(candidate, removal.decisionId);
}

const AUTOMATION = {
  fully: 'AUTOMATED_DECISION_FULLY',
  partially: 'AUTOMATED_DECISION_PARTIALLY',
  none: 'AUTOMATED_DECISION_NOT_AUTOMATED',
} as const;

function groundFields(policy: DsaPolicy): Record<string, string> {
  if (policy.ground === 'illegal') {
    return {
      decision_ground: 'DECISION_GROUND_ILLEGAL_CONTENT',
      illegal_content_legal_ground: policy.legalGround,
      illegal_content_explanation: policy.explanation,
    };
  }
  return {
    decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT',
    incompatible_content_ground: policy.tosGround,
    incompatible_content_explanation: policy.explanation,
    incompatible_content_illegal: policy.alsoIllegal ? 'Yes' : 'No',
  };
}

/** Validates any candidate statement; the error lists each field path and what is wrong with it. */
export function validateDsaStatement(candidate: unknown, label = 'statement'): DsaStatement {
  const parsed = dsaStatementSchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new AppError('INPUT_INVALID', {
    detail: `DSA statement for ${label} refused: ${problems.join('; ')}`,
    pointer: String(parsed.error.issues[0]?.path[0] ?? ''),
  });
}
