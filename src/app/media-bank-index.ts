import { AUDIO_MATCH_THRESHOLD, FINGERPRINT_ITEM_SECONDS, matchAudio } from '../detect/media/audio/index.js';
import { isVpdqMatch, matchVpdq, type VpdqFrame } from '../detect/media/video/index.js';
import {
  TMK_DEFAULT_THRESHOLDS,
  type TmkHash,
  tmkIncompatibility,
  tmkLevel1Score,
  tmkLevel2Score,
} from '../detect/media/video/tmk/index.js';
import { PdqIndex } from '../match/pdq/index.js';
import type {
  DihedralForm,
  MediaBankEntry,
  MediaBankMatch,
  MediaBankSignalType,
} from '../scan/providers/media-bank.js';
import { canonicalValue, parseMediaValue } from './media-bank-values.js';

export { canonicalValue } from './media-bank-values.js';

/**
 * The in-memory side of the media banks: every media entry of every bank, a PDQ index, exact
 * maps for MD5 and SHA-256, and the parsed frames of vPDQ entries (compared one by one, as
 * python-threatexchange's vPDQ index does; fine for the thousands, not for millions). Like HMA's index, it holds disabled banks too and masks them
 * at lookup, so disabling or re-enabling a bank is a flag, not a rebuild, and a raw lookup can
 * still see them. Entries only arrive (the BankStore never deletes one), so growth is an add.
 *
 * Audio prints and TMK hashes are compared one by one too (brute force; see docs/media.md for
 * the measured cost). A TMK entry costs ≈600 KiB of memory: its 351,128-character base64 value
 * and the parsed 257 KiB of float features level 2 needs.
 */

export interface MediaBankThresholds {
  /** Largest PDQ Hamming distance that counts as a match (HMA and PDQ's README: 31). */
  pdqMaxDistance: number;
  /** Smallest PDQ quality of the scanned image worth matching (python-threatexchange: 50). */
  pdqMinQuality: number;
  /** Smallest audio score (1 − bit error rate at the best offset); margins in detect/media/audio/audio-match.ts. */
  audioMinScore: number;
  /** Smallest TMK level-1 and level-2 scores (Meta's validated 0.7 for both). */
  tmkLevel1: number;
  tmkLevel2: number;
}

/** vPDQ: share of each video's distinct frames that must be found in the other (both ways). */
export const VPDQ_MATCH_PERCENT = 80;

/** Defaults, each overridable globally and per bank in `mediaBanks` config. */
export const DEFAULT_THRESHOLDS: MediaBankThresholds = {
  pdqMaxDistance: 31,
  pdqMinQuality: 50,
  audioMinScore: AUDIO_MATCH_THRESHOLD,
  tmkLevel1: TMK_DEFAULT_THRESHOLDS.level1,
  tmkLevel2: TMK_DEFAULT_THRESHOLDS.level2,
};

export interface LookupOptions {
  /** Only these banks. */
  banks?: ReadonlySet<string>;
  /** Disabled banks too (HMA's `raw_lookup`). */
  includeDisabled?: boolean;
  /** One threshold for every bank instead of each bank's own. */
  maxDistance?: number;
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

export class MediaBankIndex {
  readonly #entries = new Map<string, MediaBankEntry>();
  readonly #byBank = new Map<string, Set<string>>();
  readonly #disabled = new Set<string>();
  readonly #pdq = new PdqIndex();
  readonly #exact: Record<'md5' | 'sha256', Map<string, Set<string>>> = { md5: new Map(), sha256: new Map() };
  readonly #videos = new Map<string, VpdqFrame[]>();
  readonly #audio = new Map<string, Uint32Array>();
  readonly #tmk = new Map<string, TmkHash>();
  readonly #counts: Record<MediaBankSignalType, number> = {
    pdq: 0,
    md5: 0,
    sha256: 0,
    vpdq: 0,
    tmk: 0,
    'audio-fingerprint': 0,
  };
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
    return this.#anyEnabled(this.#videos.keys());
  }

  /** Whether an enabled bank holds an audio fingerprint: only then is fpcalc run. */
  get hasEnabledAudio(): boolean {
    return this.#anyEnabled(this.#audio.keys());
  }

  /** Whether an enabled bank holds a TMK hash: only then is a video decoded at 15 fps. */
  get hasEnabledTmk(): boolean {
    return this.#anyEnabled(this.#tmk.keys());
  }

  /** False for a duplicate id or a value its type cannot read (skipped, not fatal). */
  add(entry: MediaBankEntry): boolean {
    const parsed = parseMediaValue(entry.signalType, entry.value);
    if (parsed === undefined || this.#entries.has(entry.id)) return false;
    const { value } = parsed;
    this.#entries.set(entry.id, { ...entry, value });
    const ids = this.#byBank.get(entry.bank) ?? new Set<string>();
    this.#byBank.set(entry.bank, ids);
    ids.add(entry.id);
    switch (parsed.signalType) {
      case 'pdq':
        this.#pdq.add(entry.id, value);
        break;
      case 'vpdq':
        this.#videos.set(entry.id, parsed.frames);
        break;
      case 'audio-fingerprint':
        this.#audio.set(entry.id, parsed.print);
        break;
      case 'tmk':
        this.#tmk.set(entry.id, parsed.hash);
        break;
      default: {
        const map = this.#exact[parsed.signalType];
        const holders = map.get(value) ?? new Set<string>();
        map.set(value, holders);
        holders.add(entry.id);
      }
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
      this.#forget(entry);
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

  /**
   * Every audio entry the print lines up with (1 − bit error rate ≥ the threshold at the best
   * offset, either way). The banked print is `a`, so a positive offset means the scanned copy
   * starts that far into the banked audio: it was trimmed.
   */
  matchAudio(print: Uint32Array, options: LookupOptions = {}): MediaBankMatch[] {
    const matches: MediaBankMatch[] = [];
    for (const [id, banked] of this.#audio) {
      const entry = this.#entries.get(id);
      if (entry === undefined || !this.#visible(entry.bank, options)) continue;
      const threshold = this.#thresholds(entry.bank).audioMinScore;
      const maxDistance = round(1 - threshold, 4);
      const r = matchAudio(banked, print, { threshold });
      if (!r.matched) continue;
      const audio = {
        offsetSeconds: round(r.offset * FINGERPRINT_ITEM_SECONDS, 1),
        overlapSeconds: round(r.overlap * FINGERPRINT_ITEM_SECONDS, 1),
      };
      matches.push({ entry, distance: round(1 - r.score, 4), maxDistance, audio });
    }
    return matches.sort((a, b) => a.distance - b.distance || a.entry.id.localeCompare(b.entry.id));
  }

  /**
   * Every TMK entry whose level-1 score (cheap: a cosine of mean features) and then level-2
   * score (the temporal kernel over every offset, ≈100× dearer) both reach Meta's 0.7. Hashes
   * made with other parameters are skipped: their scores would mean nothing.
   */
  matchTmk(hash: TmkHash, options: LookupOptions = {}): MediaBankMatch[] {
    const matches: MediaBankMatch[] = [];
    for (const [id, banked] of this.#tmk) {
      const entry = this.#entries.get(id);
      if (entry === undefined || !this.#visible(entry.bank, options)) continue;
      if (tmkIncompatibility(banked, hash) !== undefined) continue;
      const own = this.#thresholds(entry.bank);
      const maxDistance = round(1 - Math.min(own.tmkLevel1, own.tmkLevel2), 4);
      const level1 = tmkLevel1Score(banked, hash);
      if (level1 < own.tmkLevel1) continue;
      const level2 = tmkLevel2Score(banked, hash);
      if (level2 < own.tmkLevel2) continue;
      const tmk = { level1: round(level1, 4), level2: round(level2, 4) };
      matches.push({ entry, distance: round(1 - Math.min(level1, level2), 4), maxDistance, tmk });
    }
    return matches.sort((a, b) => a.distance - b.distance || a.entry.id.localeCompare(b.entry.id));
  }

  #forget(entry: MediaBankEntry): void {
    const id = entry.id;
    switch (entry.signalType) {
      case 'pdq':
        this.#pdq.remove(id);
        return;
      case 'vpdq':
        this.#videos.delete(id);
        return;
      case 'audio-fingerprint':
        this.#audio.delete(id);
        return;
      case 'tmk':
        this.#tmk.delete(id);
        return;
      default: {
        const holders = this.#exact[entry.signalType].get(entry.value);
        holders?.delete(id);
        if (holders?.size === 0) this.#exact[entry.signalType].delete(entry.value);
      }
    }
  }

  #anyEnabled(ids: Iterable<string>): boolean {
    for (const id of ids) {
      const bank = this.#entries.get(id)?.bank;
      if (bank !== undefined && !this.#disabled.has(bank)) return true;
    }
    return false;
  }

  #visible(bank: string, options: LookupOptions): boolean {
    if (options.banks !== undefined && !options.banks.has(bank)) return false;
    return options.includeDisabled === true || !this.#disabled.has(bank);
  }
}
