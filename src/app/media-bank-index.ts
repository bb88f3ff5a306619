import { formatVpdq, isVpdqMatch, matchVpdq, parseVpdq, type VpdqFrame } from '../detect/media/video/index.js';
import { PdqIndex } from '../match/pdq/index.js';
import type {
  DihedralForm,
  MediaBankEntry,
  MediaBankMatch,
  MediaBankSignalType,
} from '../scan/providers/media-bank.js';

/**
 * The in-memory side of the media banks: every media entry of every bank, a PDQ index, exact
 * maps for MD5 and SHA-256, and the parsed frames of vPDQ entries (compared one by one, as
 * python-threatexchange's vPDQ index does; fine for the thousands, not for millions). Like HMA's index, it holds disabled banks too and masks them
 * at lookup, so disabling or re-enabling a bank is a flag, not a rebuild, and a raw lookup can
 * still see them. Entries only arrive (the BankStore never deletes one), so growth is an add.
 */

export interface MediaBankThresholds {
  /** Largest PDQ Hamming distance that counts as a match (HMA and PDQ's README: 31). */
  pdqMaxDistance: number;
  /** Smallest PDQ quality of the scanned image worth matching (python-threatexchange: 50). */
  pdqMinQuality: number;
}

/** vPDQ: share of each video's distinct frames that must be found in the other (both ways). */
export const VPDQ_MATCH_PERCENT = 80;

export const DEFAULT_THRESHOLDS: MediaBankThresholds = { pdqMaxDistance: 31, pdqMinQuality: 50 };

export interface LookupOptions {
  /** Only these banks. */
  banks?: ReadonlySet<string>;
  /** Disabled banks too (HMA's `raw_lookup`). */
  includeDisabled?: boolean;
  /** One threshold for every bank instead of each bank's own. */
  maxDistance?: number;
}

const HEX: Record<Exclude<MediaBankSignalType, 'vpdq'>, RegExp> = {
  pdq: /^[0-9a-f]{64}$/,
  md5: /^[0-9a-f]{32}$/,
  sha256: /^[0-9a-f]{64}$/,
};

/** A value in the canonical form its type is indexed in (lower-case hex, vPDQ lines), or undefined. */
export function canonicalValue(signalType: MediaBankSignalType, value: string): string | undefined {
  if (signalType === 'vpdq') {
    try {
      return formatVpdq(parseVpdq(value));
    } catch {
      return undefined;
    }
  }
  const v = value.trim().toLowerCase();
  return HEX[signalType].test(v) ? v : undefined;
}

export class MediaBankIndex {
  readonly #entries = new Map<string, MediaBankEntry>();
  readonly #byBank = new Map<string, Set<string>>();
  readonly #disabled = new Set<string>();
  readonly #pdq = new PdqIndex();
  readonly #exact: Record<'md5' | 'sha256', Map<string, Set<string>>> = { md5: new Map(), sha256: new Map() };
  readonly #videos = new Map<string, VpdqFrame[]>();
  readonly #counts: Record<MediaBankSignalType, number> = { pdq: 0, md5: 0, sha256: 0, vpdq: 0 };
  readonly #thresholds: (bank: string) => MediaBankThresholds;
  readonly #radius: number;

  /** `radius` bounds every PDQ search: the largest threshold any bank may have. */
  constructor(thresholds: (bank: string) => MediaBankThresholds, radius: number) {
    this.#thresholds = thresholds;
    this.#radius = radius;
  }

  has(id: string): boolean {
    return this.#entries.has(id);
  }

  get(id: string): MediaBankEntry | undefined {
    return this.#entries.get(id);
  }

  /** Entries per signal type, disabled banks included. */
  get counts(): Readonly<Record<MediaBankSignalType, number>> {
    return this.#counts;
  }

  /** Whether an enabled bank holds any entry. */
  get hasEnabledEntries(): boolean {
    for (const [bank, ids] of this.#byBank) if (ids.size > 0 && !this.#disabled.has(bank)) return true;
    return false;
  }

  /** Whether an enabled bank holds a vPDQ entry. */
  get hasEnabledVideos(): boolean {
    for (const id of this.#videos.keys()) {
      const bank = this.#entries.get(id)?.bank;
      if (bank !== undefined && !this.#disabled.has(bank)) return true;
    }
    return false;
  }

  /** False for a duplicate id or a value that is not hex of the type's length (skipped, not fatal). */
  add(entry: MediaBankEntry): boolean {
    const value = canonicalValue(entry.signalType, entry.value);
    if (value === undefined || this.#entries.has(entry.id)) return false;
    const stored = { ...entry, value };
    this.#entries.set(entry.id, stored);
    const ids = this.#byBank.get(entry.bank) ?? new Set<string>();
    this.#byBank.set(entry.bank, ids);
    ids.add(entry.id);
    if (entry.signalType === 'pdq') this.#pdq.add(entry.id, value);
    else if (entry.signalType === 'vpdq') this.#videos.set(entry.id, parseVpdq(value));
    else {
      const map = this.#exact[entry.signalType];
      const holders = map.get(value) ?? new Set<string>();
      map.set(value, holders);
      holders.add(entry.id);
    }
    this.#counts[entry.signalType] += 1;
    return true;
  }

  setEnabled(bank: string, enabled: boolean): void {
    if (enabled) this.#disabled.delete(bank);
    else this.#disabled.add(bank);
  }

  /** Drops a bank that left the store; returns how many entries went with it. */
  removeBank(bank: string): number {
    const ids = this.#byBank.get(bank) ?? new Set<string>();
    for (const id of ids) {
      const entry = this.#entries.get(id);
      if (entry === undefined) continue;
      this.#entries.delete(id);
      this.#counts[entry.signalType] -= 1;
      if (entry.signalType === 'pdq') this.#pdq.remove(id);
      else if (entry.signalType === 'vpdq') this.#videos.delete(id);
      else {
        const holders = this.#exact[entry.signalType].get(entry.value);
        holders?.delete(id);
        if (holders?.size === 0) this.#exact[entry.signalType].delete(entry.value);
      }
    }
    this.#byBank.delete(bank);
    this.#disabled.delete(bank);
    return ids.size;
  }

  /**
   * Every entry within its bank's threshold of any of the given forms, the closest form per
   * entry, best first. `quality` (the scanned image's) is held against each bank's minimum;
   * undefined skips that check, for a bare hash whose quality nobody knows.
   */
  matchPdq(
    hashes: Partial<Record<DihedralForm, string>>,
    quality: number | undefined,
    options: LookupOptions = {},
  ): MediaBankMatch[] {
    const radius = options.maxDistance ?? this.#radius;
    const best = new Map<string, { distance: number; form: DihedralForm }>();
    for (const [form, hash] of Object.entries(hashes) as [DihedralForm, string | undefined][]) {
      if (hash === undefined) continue;
      const query = canonicalValue('pdq', hash);
      if (query === undefined) continue;
      for (const hit of this.#pdq.search(query, radius)) {
        const prior = best.get(hit.id);
        if (prior === undefined || hit.distance < prior.distance) best.set(hit.id, { distance: hit.distance, form });
      }
    }
    const matches: MediaBankMatch[] = [];
    for (const [id, { distance, form }] of best) {
      const entry = this.#entries.get(id);
      if (entry === undefined || !this.#visible(entry.bank, options)) continue;
      const own = this.#thresholds(entry.bank);
      const maxDistance = options.maxDistance ?? own.pdqMaxDistance;
      if (distance > maxDistance) continue;
      if (quality !== undefined && quality < own.pdqMinQuality) continue;
      matches.push({ entry, distance, maxDistance, form });
    }
    return matches.sort((a, b) => a.distance - b.distance || a.entry.id.localeCompare(b.entry.id));
  }

  matchExact(signalType: 'md5' | 'sha256', value: string, options: LookupOptions = {}): MediaBankMatch[] {
    const key = canonicalValue(signalType, value);
    const holders = key === undefined ? undefined : this.#exact[signalType].get(key);
    if (holders === undefined) return [];
    const matches: MediaBankMatch[] = [];
    for (const id of holders) {
      const entry = this.#entries.get(id);
      if (entry !== undefined && this.#visible(entry.bank, options))
        matches.push({ entry, distance: 0, maxDistance: 0 });
    }
    return matches.sort((a, b) => a.entry.id.localeCompare(b.entry.id));
  }

  /** Every vPDQ entry whose frames and the video's frames find each other, each bank with its own PDQ thresholds. */
  matchVpdq(frames: readonly VpdqFrame[], options: LookupOptions = {}): MediaBankMatch[] {
    const matches: MediaBankMatch[] = [];
    for (const [id, target] of this.#videos) {
      const entry = this.#entries.get(id);
      if (entry === undefined || !this.#visible(entry.bank, options)) continue;
      const own = this.#thresholds(entry.bank);
      const maxDistance = options.maxDistance ?? own.pdqMaxDistance;
      const r = matchVpdq(frames, target, { distance: maxDistance, quality: own.pdqMinQuality });
      const needed = { queryPercent: VPDQ_MATCH_PERCENT, targetPercent: VPDQ_MATCH_PERCENT };
      if (!isVpdqMatch(r, needed)) continue;
      const percent = { query: r.queryMatchPercent, target: r.targetMatchPercent };
      matches.push({ entry, distance: 100 - Math.min(percent.query, percent.target), maxDistance, percent });
    }
    return matches.sort((a, b) => a.distance - b.distance || a.entry.id.localeCompare(b.entry.id));
  }

  #visible(bank: string, options: LookupOptions): boolean {
    if (options.banks !== undefined && !options.banks.has(bank)) return false;
    return options.includeDisabled === true || !this.#disabled.has(bank);
  }
}
