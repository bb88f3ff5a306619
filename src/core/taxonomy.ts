/**
 * The TVEC taxonomy: one place that names categories, tactics, verdicts and severities.
 * UI enums, API schemas and database checks derive from these arrays; nothing is hand-mirrored.
 * Categories follow the GIFCT / ROOST TVEC policies; the not-violating classes exist so that a
 * prayer, a news report or counter-speech can be named as such instead of being "not flagged".
 */

export const VIOLATING_CATEGORIES = [
  { id: 'branded', title: 'Branded propaganda', description: 'Official media of a designated group' },
  { id: 'threat', title: 'Credible threat', description: 'A threat of violence against people or places' },
  { id: 'attack-details', title: 'Attack details', description: 'Perpetrator content, claims, manifestos' },
  { id: 'financing', title: 'Financing / material support', description: 'Fund-raising, supplies, logistics' },
  { id: 'instructional', title: 'Instructional', description: 'Weapons, explosives, tradecraft' },
  { id: 'recruitment', title: 'Recruitment', description: 'Calls to join, travel, or pledge allegiance' },
  { id: 'praise', title: 'Praise / glorification', description: 'Praise of attacks, attackers or groups' },
  { id: 'incitement', title: 'Incitement', description: 'Calls to commit violence' },
] as const satisfies readonly CategoryDefinition[];

export const CLEAR_CATEGORIES = [
  { id: 'news', title: 'News reporting', description: 'Reporting on attacks or groups' },
  { id: 'education', title: 'Education / research', description: 'Analysis, research, archives' },
  { id: 'counter-speech', title: 'Counter-speech', description: 'Speech against extremism' },
  { id: 'religious', title: 'Ordinary religious speech', description: 'Scripture, prayer, sermons' },
] as const satisfies readonly CategoryDefinition[];

export interface CategoryDefinition {
  readonly id: string;
  readonly title: string;
  readonly description: string;
}

export type ViolatingCategory = (typeof VIOLATING_CATEGORIES)[number]['id'];
export type ClearCategory = (typeof CLEAR_CATEGORIES)[number]['id'];
export type Category = ViolatingCategory | ClearCategory;

export const CATEGORY_IDS = [...VIOLATING_CATEGORIES.map((c) => c.id), ...CLEAR_CATEGORIES.map((c) => c.id)] as [
  Category,
  ...Category[],
];

export const VIOLATING_CATEGORY_IDS = VIOLATING_CATEGORIES.map((c) => c.id) as [
  ViolatingCategory,
  ...ViolatingCategory[],
];

/** Evasion tactics, grouped by where they act. A tactic alone is never a verdict. */
export const TACTICS = [
  { id: 'zero-width', family: 'text' },
  { id: 'bidi-control', family: 'text' },
  { id: 'homoglyph', family: 'text' },
  { id: 'arabic-letter-variant', family: 'text' },
  { id: 'tatweel', family: 'text' },
  { id: 'diacritics-flood', family: 'text' },
  { id: 'letter-splitting', family: 'text' },
  { id: 'leet', family: 'text' },
  { id: 'fullwidth-presentation-forms', family: 'text' },
  { id: 'arabizi', family: 'text' },
  { id: 'reversed-text', family: 'text' },
  { id: 'repeated-letters', family: 'text' },
  { id: 'combining-marks', family: 'text' },
  { id: 'emoji-substitution', family: 'text' },
  { id: 'coded-terms', family: 'text' },
  { id: 'near-duplicate-reupload', family: 'media' },
  { id: 'mirror-rotation', family: 'media' },
  { id: 'crop-letterbox', family: 'media' },
  { id: 'text-in-image', family: 'media' },
  { id: 'logo-masking', family: 'media' },
  { id: 'hidden-text-link', family: 'link' },
  { id: 'obfuscated-url', family: 'link' },
  { id: 'shortener', family: 'link' },
  { id: 'file-host-outlink', family: 'link' },
  { id: 'invite-link', family: 'link' },
  { id: 'mirror-channel', family: 'channel' },
  { id: 'backup-channel', family: 'channel' },
  { id: 'resurrected-channel', family: 'channel' },
  { id: 'beacon-channel', family: 'channel' },
  { id: 'bot-distribution', family: 'channel' },
  { id: 'creation-burst', family: 'channel' },
  { id: 'camouflage-name', family: 'channel' },
  { id: 'edit-after-scan', family: 'timing' },
  { id: 'post-and-delete', family: 'timing' },
  { id: 'significant-date-surge', family: 'timing' },
] as const satisfies readonly { id: string; family: TacticFamily }[];

export type TacticFamily = 'text' | 'media' | 'link' | 'channel' | 'timing';
export type Tactic = (typeof TACTICS)[number]['id'];
export const TACTIC_IDS = TACTICS.map((t) => t.id) as [Tactic, ...Tactic[]];

/** What the policy concludes about one item version. */
export const VERDICTS = ['violating', 'review', 'clear'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const SEVERITIES = ['none', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Ranks severities so the policy can keep the highest one any rule asked for. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** Ranks verdicts so the strongest rule wins: violating beats review beats clear. */
export function verdictRank(verdict: Verdict): number {
  return VERDICTS.length - 1 - VERDICTS.indexOf(verdict);
}

export function isViolatingCategory(id: string): id is ViolatingCategory {
  return (VIOLATING_CATEGORY_IDS as readonly string[]).includes(id);
}
