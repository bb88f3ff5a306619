import type { Config } from '../config/index.js';
import type { VpdqFrame } from '../detect/media/video/index.js';
import type { TmkHash } from '../detect/media/video/tmk/index.js';
import type { Loggers } from '../logger.js';
import {
  DIHEDRAL_FORMS,
  type DihedralForm,
  MEDIA_BANK_SIGNAL_TYPES,
  type MediaBankEntry,
  type MediaBankLookup,
  type MediaBankMatch,
  type MediaBankProvider,
  type MediaBankSignalType,
  mediaBankProvider,
} from '../scan/providers/media-bank.js';
import type { BankStore, BankSummary, StoredBankEntry } from '../storage/ports.js';
import type { AppContext } from './context.js';
import {
  DEFAULT_THRESHOLDS,
  type LookupOptions,
  MediaBankIndex,
  type MediaBankThresholds,
} from './media-bank-index.js';

/**
 * Media banks that follow the store while the process runs. Every `refreshSeconds` the bank
 * list is read (one query); a bank whose version moved is brought up to date on its own: new
 * entries are read from where the last read ended (the store's keyset cursor, re-reading at most
 * one page), and the enabled flag is applied as a mask. So an added hash matches, and a disabled
 * bank stops matching, within one interval, without rebuilding anything else.
 *
 * Thresholds live in config (`mediaBanks.pdqMaxDistance`, `mediaBanks.banks.<NAME>`), not in the
 * bank: how loose a match may be is the operator's precision/recall choice, a bank imported from
 * a partner should not carry its own looseness, and the BankStore has no field for it.
 */

export interface MediaBanksOptions {
  store: BankStore;
  /** Seconds between polls of the bank versions; default 2. */
  refreshSeconds?: number;
  /** Thresholds of every bank without its own. */
  thresholds?: Partial<MediaBankThresholds>;
  /** Per-bank thresholds by bank name. */
  perBank?: Readonly<Record<string, Partial<MediaBankThresholds>>>;
  /** Entries per read; default 1000. */
  pageSize?: number;
  /** A poll that failed (the store is busy or gone): reported, and the next poll tries again. */
  onError?: (error: unknown) => void;
}

export interface RefreshOutcome {
  /** Banks whose version moved (or that appeared or left) since the last poll. */
  changed: string[];
  /** Entries added to the index by this poll. */
  added: number;
  ms: number;
}

interface BankState {
  version: number;
  enabled: boolean;
  /** Per signal type, the cursor that read the last page (undefined: from the start). */
  resume: Partial<Record<MediaBankSignalType, string>>;
}

const DEFAULT_PAGE = 1_000;

export class MediaBanks implements MediaBankLookup {
  readonly index: MediaBankIndex;
  readonly #store: BankStore;
  readonly #intervalMs: number;
  readonly #pageSize: number;
  readonly #onError: (error: unknown) => void;
  readonly #thresholds: (bank: string) => MediaBankThresholds;
  readonly #states = new Map<string, BankState>();
  #queue: Promise<unknown> = Promise.resolve();
  #ready: Promise<void> | undefined;
  #loaded = false;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  #lastPoll = 0;

  constructor(options: MediaBanksOptions) {
    this.#store = options.store;
    this.#intervalMs = Math.max(50, Math.round((options.refreshSeconds ?? 2) * 1000));
    this.#pageSize = options.pageSize ?? DEFAULT_PAGE;
    this.#onError = options.onError ?? (() => {});
    const base = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
    const perBank = options.perBank ?? {};
    const resolved = new Map(Object.entries(perBank).map(([name, t]) => [name, { ...base, ...t }]));
    this.#thresholds = (bank) => resolved.get(bank) ?? base;
    const radius = Math.max(base.pdqMaxDistance, ...[...resolved.values()].map((t) => t.pdqMaxDistance));
    this.index = new MediaBankIndex(this.#thresholds, radius);
  }

  thresholdsOf(bank: string): MediaBankThresholds {
    return this.#thresholds(bank);
  }

  get loaded(): boolean {
    return this.#loaded;
  }

  get hasEntries(): boolean {
    return this.index.hasEnabledEntries;
  }

  /** `NAME:version` of every bank loaded, by name: what a Signal was matched against. */
  get version(): string {
    const names = [...this.#states.keys()].sort();
    return names.map((name) => `${name}:${this.#states.get(name)?.version}`).join(',') || 'none';
  }

  /** When the last poll finished (ms since the epoch; 0 before the first). */
  get lastPoll(): number {
    return this.#lastPoll;
  }

  get refreshMs(): number {
    return this.#intervalMs;
  }

  /** The first call loads every bank and starts the poll; later calls share that load. */
  ready(): Promise<void> {
    this.#ready ??= this.refresh().then(
      () => {
        this.#loaded = true;
        this.#schedule();
      },
      (error: unknown) => {
        // A failed first load is not remembered: the next caller tries again.
        this.#ready = undefined;
        throw error;
      },
    );
    return this.#ready;
  }

  /**
   * One poll now. Calls queue behind each other, so a caller that has just written to the
   * store (the HMA curation routes) sees its write once this resolves.
   */
  refresh(): Promise<RefreshOutcome> {
    const run = this.#queue.then(() => this.#refreshOnce());
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Stops the poll and waits for one in flight; call before the store closes. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#queue;
  }

  matchPdq(hashes: Partial<Record<DihedralForm, string>>, quality: number | undefined, options?: LookupOptions) {
    return this.index.matchPdq(hashes, quality, options);
  }

  matchExact(signalType: 'md5' | 'sha256', value: string, options?: LookupOptions): MediaBankMatch[] {
    return this.index.matchExact(signalType, value, options);
  }

  get hasVideoEntries(): boolean {
    return this.index.hasEnabledVideos;
  }

  matchVpdq(frames: readonly VpdqFrame[], options?: LookupOptions): MediaBankMatch[] {
    return this.index.matchVpdq(frames, options);
  }

  get hasAudioEntries(): boolean {
    return this.index.hasEnabledAudio;
  }

  matchAudio(print: Uint32Array, options?: LookupOptions): MediaBankMatch[] {
    return this.index.matchAudio(print, options);
  }

  get hasTmkEntries(): boolean {
    return this.index.hasEnabledTmk;
  }

  matchTmk(hash: TmkHash, options?: LookupOptions): MediaBankMatch[] {
    return this.index.matchTmk(hash, options);
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.refresh()
        .catch((error: unknown) => this.#onError(error))
        .finally(() => this.#schedule());
    }, staggered(this.#intervalMs));
    // A CLI command that scanned and finished must not be held open by the poll.
    this.#timer.unref();
  }

  async #refreshOnce(): Promise<RefreshOutcome> {
    const started = performance.now();
    const banks = await this.#store.listBanks();
    const changed: string[] = [];
    let added = 0;
    const present = new Set<string>();
    for (const bank of banks) {
      present.add(bank.name);
      const state = this.#states.get(bank.name);
      if (state !== undefined && state.version === bank.version) continue;
      changed.push(bank.name);
      added += await this.#catchUp(bank, state);
    }
    for (const name of [...this.#states.keys()]) {
      if (present.has(name)) continue;
      this.index.removeBank(name);
      this.#states.delete(name);
      changed.push(name);
    }
    this.#lastPoll = Date.now();
    return { changed, added, ms: performance.now() - started };
  }

  /** Reads a bank's entries past the last ones seen; the flag is applied before, so a disable is instant. */
  async #catchUp(bank: BankSummary, prior: BankState | undefined): Promise<number> {
    const state: BankState = prior ?? { version: 0, enabled: bank.enabled, resume: {} };
    this.index.setEnabled(bank.name, bank.enabled);
    state.enabled = bank.enabled;
    let added = 0;
    for (const signalType of MEDIA_BANK_SIGNAL_TYPES) {
      let cursor = state.resume[signalType];
      for (;;) {
        const page = await this.#store.listBankEntries(bank.name, {
          signalType,
          limit: this.#pageSize,
          ...(cursor !== undefined && { cursor }),
        });
        for (const row of page.rows) if (!this.index.has(row.id) && this.index.add(toEntry(row))) added += 1;
        if (page.next === undefined) break;
        cursor = page.next;
      }
      if (cursor !== undefined) state.resume[signalType] = cursor;
    }
    // The version read with the list: entries added since are read again next poll, never lost.
    state.version = bank.version;
    this.#states.set(bank.name, state);
    return added;
  }
}

function toEntry(row: StoredBankEntry): MediaBankEntry {
  return {
    id: row.id,
    bank: row.bank,
    signalType: row.signalType as MediaBankSignalType,
    value: row.value,
    ...(row.org !== undefined && { org: row.org }),
    ...(row.category !== undefined && { category: row.category }),
    ...(row.note !== undefined && { note: row.note }),
  };
}

/**
 * The poll interval ±20 %, drawn anew each time: workers started together would otherwise all
 * read the banks in the same instant after every change (a stampede on the database); spread,
 * they reload over a fifth of an interval either side and drift apart. The mean stays the interval.
 */
export function staggered(intervalMs: number): number {
  return Math.round(intervalMs * (0.8 + 0.4 * Math.random()));
}

/** The 8 forms' hashes keyed for `matchPdq` from a single hash (a lookup of a bare hash). */
export function asOriginal(hash: string): Partial<Record<DihedralForm, string>> {
  return { [DIHEDRAL_FORMS[0]]: hash };
}

/** The media banks of a store, as configured; nothing is read until the first `ready()`. */
export function createMediaBanks(store: BankStore, config: Config, log: Loggers): MediaBanks {
  const settings = config.mediaBanks;
  return new MediaBanks({
    store,
    refreshSeconds: settings.refreshSeconds,
    thresholds: {
      pdqMaxDistance: settings.pdqMaxDistance,
      pdqMinQuality: settings.pdqMinQuality,
      audioMinScore: settings.audioMinScore,
      tmkLevel1: settings.tmkLevel1,
      tmkLevel2: settings.tmkLevel2,
    },
    perBank: settings.banks,
    onError: (err) => log.scan.warn({ err }, 'media banks: poll failed; retrying at the next interval'),
  });
}

/** The scan provider over a store's media banks (loaded on the first item with media). */
export function createMediaBankProvider(store: BankStore, config: Config, log: Loggers): MediaBankProvider {
  return mediaBankProvider(createMediaBanks(store, config, log), { maxFileBytes: config.mediaBanks.maxFileBytes });
}

/** The MediaBanks a context scans with, when its provider set has them. */
export function mediaBanksOf(ctx: Pick<AppContext, 'providers'>): MediaBanks | undefined {
  const banks = (ctx.providers.get('media-bank') as MediaBankProvider | undefined)?.banks;
  return banks instanceof MediaBanks ? banks : undefined;
}

/** The context, with its media and text banks' polls stopped before the store closes. */
export function stoppingMediaBanks(ctx: AppContext): AppContext {
  const banks = mediaBanksOf(ctx);
  const text = ctx.providers.get('text-bank') as { stop?: () => Promise<void> } | undefined;
  if (banks === undefined && text?.stop === undefined) return ctx;
  const close = async (): Promise<void> => {
    await banks?.stop();
    await text?.stop?.();
    await ctx.close();
  };
  return { ...ctx, close, [Symbol.asyncDispose]: close };
}
