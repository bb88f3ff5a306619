import { AppError } from '../core/index.js';
import type { DsaPolicy } from './dsa-statement.js';
import { DSA_SOURCE_TYPES, DSA_TERRITORIES } from './dsa-statement-schema.js';

/**
 * The `DsaPolicy` from the operator's `dsa.*` settings. The config holds plain strings (config/
 * may not import actions/), so the Transparency Database's lists are checked here, and a setting
 * that cannot make a valid statement is named (`dsa.legalGround`…) instead of failing later.
 */

/** The `dsa` config section, structurally (see config/config.ts). */
export interface DsaSettings {
  ground: 'illegal' | 'incompatible';
  sourceType: string;
  sourceIdentity?: string | undefined;
  territorialScope: readonly string[];
  referenceUrl?: string | undefined;
  legalGround?: string | undefined;
  tosGround: string;
  explanation: string;
  alsoIllegal: boolean;
}

type Territory = (typeof DSA_TERRITORIES)[number];

function configError(key: string, detail: string): AppError {
  return new AppError('CONFIG_INVALID', { detail: `${key}: ${detail}`, pointer: key });
}

function territories(scope: readonly string[]): Territory[] {
  const out = new Set<Territory>();
  for (const code of scope) {
    if (code === 'EEA') for (const t of DSA_TERRITORIES) out.add(t);
    else if ((DSA_TERRITORIES as readonly string[]).includes(code)) out.add(code as Territory);
    else throw configError('dsa.territorialScope', `"${code}" is not an EU or EEA state (or EEA for all)`);
  }
  return [...out];
}

export function dsaPolicyFromSettings(settings: DsaSettings): DsaPolicy {
  const sourceType = DSA_SOURCE_TYPES.find((t) => t === settings.sourceType);
  if (sourceType === undefined) {
    throw configError('dsa.sourceType', `must be one of ${DSA_SOURCE_TYPES.join(', ')}`);
  }
  const base = {
    sourceType,
    territorialScope: territories(settings.territorialScope),
    ...(settings.sourceIdentity !== undefined && { sourceIdentity: settings.sourceIdentity }),
    ...(settings.referenceUrl !== undefined && { referenceUrl: settings.referenceUrl }),
  };
  if (settings.ground === 'illegal') {
    // An illegal-content statement must name the law; Rasd cannot know which one applies.
    if (settings.legalGround === undefined) {
      throw configError(
        'dsa.legalGround',
        'required when dsa.ground is "illegal": name the law the removal rests on (e.g. the national provision implementing Directive (EU) 2017/541)',
      );
    }
    return { ...base, ground: 'illegal', legalGround: settings.legalGround, explanation: settings.explanation };
  }
  return {
    ...base,
    ground: 'incompatible',
    tosGround: settings.tosGround,
    explanation: settings.explanation,
    alsoIllegal: settings.alsoIllegal,
  };
}
