import { BANK_SIGNAL_TYPES, type BankSignalType } from '../../core/index.js';

/**
 * What each exchange calls our signal types, in one table so import and export cannot drift.
 * - `pytx`: python-threatexchange `SignalType.get_name()`, which HMA uses for `content_signal`
 *   rows, the `/c/bank/<bank>/signal` body and `threatexchange dataset --csv`.
 * - `te`: ThreatExchange indicator types (`INDICATOR_TYPE` in pytx, the Graph API `type`).
 * - `tat`: the Tech Against Terrorism hash list `algorithm`.
 * The first name is what we write; every name is read. Empty lists mean the exchange has no
 * such type (checked against the ThreatExchange sources: there is no `HASH_VPDQ`, and
 * `tmk_pdqf` is only "planned" in pytx), so those entries are left out of an export unless
 * Rasd's own names are asked for.
 */
export const SIGNAL_TYPE_NAMES = [
  { type: 'pdq', pytx: ['pdq'], te: ['HASH_PDQ'], tat: ['PDQ'] },
  // pytx's md5 is VideoMD5Signal; older pytx and HMA-lite also had photo_md5. Ours is any file's MD5.
  { type: 'md5', pytx: ['video_md5', 'photo_md5'], te: ['HASH_MD5', 'HASH_VIDEO_MD5'], tat: ['MD5'] },
  { type: 'sha256', pytx: ['video_sha256'], te: ['HASH_SHA256', 'HASH_VIDEO_SHA256'], tat: [] },
  { type: 'vpdq', pytx: ['vpdq'], te: [], tat: [] },
  { type: 'tmk', pytx: [], te: ['HASH_TMK'], tat: [] },
  { type: 'text-minhash', pytx: [], te: [], tat: [] },
  { type: 'url', pytx: ['url'], te: ['URI', 'RAW_URI'], tat: [] },
  { type: 'audio-fingerprint', pytx: [], te: [], tat: [] },
] as const satisfies readonly SignalTypeNames[];

export interface SignalTypeNames {
  type: BankSignalType;
  pytx: readonly string[];
  te: readonly string[];
  tat: readonly string[];
}

export type NameSpace = 'pytx' | 'te' | 'tat';

const BY_NAME: Record<NameSpace, Map<string, BankSignalType>> = { pytx: new Map(), te: new Map(), tat: new Map() };
for (const row of SIGNAL_TYPE_NAMES as readonly SignalTypeNames[]) {
  for (const space of ['pytx', 'te', 'tat'] as const) {
    for (const name of row[space]) BY_NAME[space].set(space === 'pytx' ? name : name.toUpperCase(), row.type);
  }
}
const RASD_TYPES = new Set<string>(BANK_SIGNAL_TYPES);

/**
 * Our signal type for an exchange's name, or undefined. Rasd's own names are read in every
 * name space too, so a file Rasd wrote with its own names reads back.
 */
export function signalTypeFromName(space: NameSpace, name: string): BankSignalType | undefined {
  const trimmed = name.trim();
  const found = BY_NAME[space].get(space === 'pytx' ? trimmed.toLowerCase() : trimmed.toUpperCase());
  if (found) return found;
  return RASD_TYPES.has(trimmed) ? (trimmed as BankSignalType) : undefined;
}

/** The exchange's name for our type, or undefined when the exchange has none. */
export function nameOfSignalType(space: NameSpace, type: BankSignalType): string | undefined {
  return (SIGNAL_TYPE_NAMES as readonly SignalTypeNames[]).find((row) => row.type === type)?.[space][0];
}

/**
 * The signal type an HMA 1.0 data file holds, from its name (`<privacy group>.hash_pdq.te`,
 * `….hash_video_md5.te`), or undefined.
 */
export function signalTypeOfTeFileName(fileName: string): BankSignalType | undefined {
  const m = /\.(hash_[a-z0-9_]+)\.te$/i.exec(fileName);
  return m ? BY_NAME.te.get((m[1] as string).toUpperCase()) : undefined;
}
