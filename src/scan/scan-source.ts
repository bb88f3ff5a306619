import {
  type Channel,
  type ChannelEvent,
  type Item,
  itemKey,
  type RecordError,
  type SourceRecord,
  toAppError,
} from '../core/index.js';
import type { AssessedSummary, ScanBatch, ScanRunStore, ScanRunSummary, ScanStore } from '../storage/ports.js';
import { followUps } from './scan-batch.js';
import { ScanTally } from './scan-summary.js';
import type { Scanner } from './scanner.js';

/** A source to scan; `open` may throw an AppError when the source cannot be read at all. */
export interface ScanSource {
  name: string;
  open(): AsyncIterable<SourceRecord>;
  /** Where the source's relative media paths point from (an export's folder). */
  mediaRoot?: string;
}

export interface ScanProgress {
  items: number;
  errors: number;
  source: string;
}

/** What a batch's follow-up needs beyond the batch: where each item's relative media paths point. */
export interface AfterSaveContext {
  /** The folder an item's relative media paths are read from (its export's), by item key. */
  mediaRoots: ReadonlyMap<string, string>;
}

export interface ScanSourcesOptions {
  sources: readonly ScanSource[];
  scanner: Scanner;
  store: ScanStore & ScanRunStore;
  runId: string;
  batchSize: number;
  onProgress?: (progress: ScanProgress) => void;
  /**
   * Runs once a batch has committed, before the next one is written: where app/ wires what
   * follows a stored batch (review enrolment) without scan/ knowing the review room.
   */
  afterSave?: (batch: ScanBatch, context: AfterSaveContext) => Promise<unknown>;
}

export interface ScanSourcesResult {
  summary: ScanRunSummary;
  /** Sources that could be opened; zero means nothing could be read. */
  readableSources: number;
}

/**
 * Reads every source, scans each item version once, and writes in batches: one transaction per
 * batch, so a crash loses at most the batches in flight and a rerun picks up where it stopped
 * (versions already stored are counted with their stored verdict, not rescanned). One batch is
 * saved while the next is read and scanned, so a store that writes on another thread (the
 * SQLite store's worker) works in parallel with reading and scanning.
 */
export async function scanSources(options: ScanSourcesOptions): Promise<ScanSourcesResult> {
  const { sources, store, runId } = options;
  const tally = new ScanTally();
  await store.startRun({
    id: runId,
    sources: sources.map((s) => s.name),
    startedAt: new Date().toISOString(),
    status: 'running',
  });
  const batch = new PendingBatch(options, tally);
  let readableSources = 0;
  try {
    for (const source of sources) {
      if (await scanOne(source, batch, tally, options)) readableSources++;
    }
    await batch.finish();
  } catch (error) {
    await batch.settle().catch(() => undefined);
    await store.finishRun(runId, 'failed', tally.summary());
    throw error;
  }
  const summary = tally.summary();
  await store.finishRun(runId, readableSources > 0 ? 'completed' : 'failed', summary);
  return { summary, readableSources };
}

async function scanOne(
  source: ScanSource,
  batch: PendingBatch,
  tally: ScanTally,
  options: ScanSourcesOptions,
): Promise<boolean> {
  let records: AsyncIterable<SourceRecord>;
  try {
    records = source.open();
    for await (const record of records) {
      // Only a full batch returns a promise: awaiting nothing would still cost a microtask per record.
      const flushing = batch.add(record, source.mediaRoot);
      if (flushing !== undefined) {
        try {
          await flushing;
        } catch (error) {
          throw new BatchFailure(error);
        }
      }
      if (tally.items % 1000 === 0 && record.type === 'item') {
        options.onProgress?.({ items: tally.items + batch.size, errors: tally.errors.length, source: source.name });
      }
    }
    options.onProgress?.({ items: tally.items + batch.size, errors: tally.errors.length, source: source.name });
    return true;
  } catch (error) {
    // What scanning or writing a batch threw fails the run, whatever its code; the rest is about this source.
    if (error instanceof BatchFailure) throw error.error;
    const appError = toAppError(error, 'SOURCE_UNREADABLE');
    if (appError.code === 'STORAGE_FAILED') throw appError;
    batch.error({ record: source.name, code: appError.code, message: appError.message });
    return false;
  }
}

/** What a batch needs: a run to file its errors under, or none (a worker's batch returns them). */
type BatchOptions = Pick<ScanSourcesOptions, 'scanner' | 'store' | 'batchSize' | 'afterSave'> & { runId?: string };

export interface ScanItemsResult {
  /** Verdicts of the versions scanned now and of those already assessed (counted, not rescanned). */
  summary: ScanRunSummary;
  /** Provider failures, by record; the items still got an assessment from the other providers. */
  errors: RecordError[];
}

/**
 * Scans and stores one group of items the way `scanSources` does each batch (versions already
 * assessed are not rescanned; one transaction; `afterSave` after the commit), without a scan
 * run: a worker's delivery batch. Resolves once the batch is committed and followed up, so a
 * caller may acknowledge the deliveries then.
 */
export async function scanItems(
  items: readonly { item: Item; record: string; mediaRoot?: string }[],
  options: Pick<ScanSourcesOptions, 'scanner' | 'store' | 'afterSave'>,
): Promise<ScanItemsResult> {
  const tally = new ScanTally();
  const batch = new PendingBatch({ ...options, batchSize: Number.POSITIVE_INFINITY }, tally);
  for (const { item, record, mediaRoot } of items) batch.add({ type: 'item', item, record }, mediaRoot);
  await batch.finish();
  return { summary: tally.summary(), errors: tally.errors };
}

/** Carries a batch's error out of a source's loop, so it is not mistaken for the source's own. */
class BatchFailure {
  constructor(readonly error: unknown) {}
}

/** A channel as widened so far in this batch (an object of our own), with its range in epoch ms. */
interface SeenChannel {
  channel: Channel;
  firstMs: number;
  lastMs: number;
}

/** The batch being written: its write, and the summaries it stores, for lookups until it is visible. */
interface Saving {
  done: Promise<void>;
  known: ReadonlyMap<string, AssessedSummary>;
}

class PendingBatch {
  readonly #items: { item: Item; record: string; mediaRoot: string | undefined }[] = [];
  readonly #channels = new Map<string, SeenChannel>();
  /** The chat object of the last item and its entry: the items of a chat usually share one object. */
  #lastChat: Item['chat'] | undefined;
  #lastSeen: SeenChannel | undefined;
  readonly #channelEvents: ChannelEvent[] = [];
  readonly #errors: RecordError[] = [];
  #saving: Saving | undefined;

  constructor(
    private readonly options: BatchOptions,
    private readonly tally: ScanTally,
  ) {}

  get size(): number {
    return this.#items.length;
  }

  error(error: RecordError): void {
    this.#errors.push(error);
    this.tally.errors.push(error);
  }

  /** Returns a promise only when the record filled the batch and it is being flushed. */
  add(record: SourceRecord, mediaRoot?: string): Promise<void> | undefined {
    switch (record.type) {
      case 'item':
        this.#items.push({ item: record.item, record: record.record, mediaRoot });
        this.#seeItem(record.item);
        break;
      case 'channel':
        this.#seeChannel(record.channel);
        break;
      case 'channel-event':
        this.#channelEvents.push(record.event);
        this.tally.channelEvents++;
        break;
      case 'error':
        this.error(record.error);
        break;
    }
    if (this.#items.length >= this.options.batchSize || this.#channelEvents.length >= this.options.batchSize) {
      return this.flush();
    }
    return undefined;
  }

  /**
   * Channels are widened by every item seen, whatever the connector said about them. An item
   * with the very chat object of the item before it, merged last, has the same names and type:
   * only the seen range can change, so it is widened in place, sparing two objects per item.
   */
  #seeItem(item: Item): void {
    const seen = this.#lastSeen;
    if (seen === undefined || item.chat !== this.#lastChat || item.platform !== seen.channel.platform) {
      this.#lastSeen = this.#seeChannel(channelOf(item));
      this.#lastChat = item.chat;
      return;
    }
    const at = item.postedAt;
    if (at === seen.channel.lastSeenAt || at === seen.channel.firstSeenAt) return;
    const ms = Date.parse(at);
    if (ms < seen.firstMs) {
      seen.channel.firstSeenAt = at;
      seen.firstMs = ms;
    }
    if (ms > seen.lastMs) {
      seen.channel.lastSeenAt = at;
      seen.lastMs = ms;
    }
  }

  #seeChannel(channel: Channel): SeenChannel {
    this.#lastSeen = undefined;
    const key = `${channel.platform}/${channel.id}`;
    const known = this.#channels.get(key);
    const merged = known ? mergeChannel(known.channel, channel) : { ...channel };
    const seen = { channel: merged, firstMs: Date.parse(merged.firstSeenAt), lastMs: Date.parse(merged.lastSeenAt) };
    this.#channels.set(key, seen);
    return seen;
  }

  /**
   * Scans what has gathered and starts writing it, after the previous write is done: one
   * batch is written while the next is read and scanned, never two at once.
   */
  async flush(): Promise<void> {
    const entries = this.#items.splice(0);
    const batch: ScanBatch = {
      items: [],
      assessments: [],
      cases: [],
      caseEvents: [],
      actions: [],
      channels: [...this.#channels.values()].map((seen) => seen.channel),
      channelEvents: this.#channelEvents.splice(0),
    };
    this.#channels.clear();
    this.#lastSeen = undefined;
    const known = await this.#scanEntries(entries, batch);
    const mediaRoots = new Map<string, string>();
    for (const e of entries) if (e.mediaRoot !== undefined) mediaRoots.set(itemKey(e.item), e.mediaRoot);
    const errors = this.#errors.splice(0);
    await this.settle();
    const { store, runId, afterSave } = this.options;
    const save = batch.items.length + batch.channels.length + batch.channelEvents.length > 0;
    if (!save && errors.length === 0) return;
    // Started here, so that nothing waiting for the write holds the batch (the store has what it needs).
    const saving = save ? store.saveBatch(batch) : undefined;
    const done = (async () => {
      await saving;
      if (save && afterSave) await afterSave(batch, { mediaRoots });
      if (errors.length > 0 && runId !== undefined) await store.addRunErrors(runId, errors);
    })();
    // Its failure is thrown where it is awaited (the next flush, or settle); never unhandled meanwhile.
    done.catch(() => undefined);
    this.#saving = { done, known };
  }

  /** Waits for the batch being written; throws what its write threw. */
  async settle(): Promise<void> {
    const saving = this.#saving;
    this.#saving = undefined;
    await saving?.done;
  }

  /** Writes what is left and waits until everything is written. */
  async finish(): Promise<void> {
    await this.flush();
    await this.settle();
  }

  /**
   * Returns the summaries this batch will store. A version counts as known when the store
   * has it, when the batch still being written has it (not visible to `findAssessed` yet), or
   * when it came earlier in this batch.
   */
  async #scanEntries(
    entries: { item: Item; record: string; mediaRoot: string | undefined }[],
    batch: ScanBatch,
  ): Promise<Map<string, AssessedSummary>> {
    const inBatch = new Map<string, AssessedSummary>();
    if (entries.length === 0) return inBatch;
    const keys = entries.map((e) => itemKey(e.item));
    const stored = await this.options.store.findAssessed(keys);
    const writing = this.#saving?.known;
    for (const [index, { item, record, mediaRoot }] of entries.entries()) {
      const key = keys[index] as string;
      const known = stored.get(key) ?? writing?.get(key) ?? inBatch.get(key);
      if (known) {
        this.tally.unchanged++;
        this.tally.count(known.verdict, known.categories, known.orgs);
        continue;
      }
      const scanned = this.options.scanner.scan(item, mediaRoot === undefined ? undefined : { mediaRoot });
      // Awaiting a plain value still costs a microtask per item; only wait for real promises.
      const result = scanned instanceof Promise ? await scanned : scanned;
      for (const f of result.failures) {
        this.error({ record, code: f.code, message: `${f.provider}: ${f.message}` });
      }
      const { assessment, outcome } = result;
      const more = followUps(assessment, outcome);
      batch.items.push(item);
      batch.assessments.push(assessment);
      batch.cases.push(...more.cases);
      batch.caseEvents.push(...more.caseEvents);
      batch.actions.push(...more.actions);
      inBatch.set(key, { verdict: assessment.verdict, categories: assessment.categories, orgs: assessment.orgs });
      this.tally.count(assessment.verdict, assessment.categories, assessment.orgs);
    }
    return inBatch;
  }
}

function channelOf(item: Item): Channel {
  return {
    platform: item.platform,
    id: item.chat.id,
    ...(item.chat.username !== undefined && { username: item.chat.username }),
    ...(item.chat.title !== undefined && { title: item.chat.title }),
    type: item.chat.type ?? 'unknown',
    firstSeenAt: item.postedAt,
    lastSeenAt: item.postedAt,
  };
}

function mergeChannel(a: Channel, b: Channel): Channel {
  const time = (iso: string) => Date.parse(iso);
  return {
    ...a,
    ...(b.username !== undefined && { username: b.username }),
    ...(b.title !== undefined && { title: b.title }),
    type: b.type !== 'unknown' ? b.type : a.type,
    firstSeenAt: time(b.firstSeenAt) < time(a.firstSeenAt) ? b.firstSeenAt : a.firstSeenAt,
    lastSeenAt: time(b.lastSeenAt) > time(a.lastSeenAt) ? b.lastSeenAt : a.lastSeenAt,
  };
}
