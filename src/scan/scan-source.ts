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
}

export interface ScanProgress {
  items: number;
  errors: number;
  source: string;
}

export interface ScanSourcesOptions {
  sources: readonly ScanSource[];
  scanner: Scanner;
  store: ScanStore & ScanRunStore;
  runId: string;
  batchSize: number;
  onProgress?: (progress: ScanProgress) => void;
}

export interface ScanSourcesResult {
  summary: ScanRunSummary;
  /** Sources that could be opened; zero means nothing could be read. */
  readableSources: number;
}

/**
 * Reads every source, scans each item version once, and writes in batches: one transaction per
 * batch, so a crash loses at most the batch in flight and a rerun picks up where it stopped
 * (versions already stored are counted with their stored verdict, not rescanned).
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
    await batch.flush();
  } catch (error) {
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
      await batch.add(record);
      if (tally.items % 1000 === 0 && record.type === 'item') {
        options.onProgress?.({ items: tally.items + batch.size, errors: tally.errors.length, source: source.name });
      }
    }
    options.onProgress?.({ items: tally.items + batch.size, errors: tally.errors.length, source: source.name });
    return true;
  } catch (error) {
    const appError = toAppError(error, 'SOURCE_UNREADABLE');
    if (appError.code === 'STORAGE_FAILED') throw appError;
    batch.error({ record: source.name, code: appError.code, message: appError.message });
    return false;
  }
}

class PendingBatch {
  readonly #items: { item: Item; record: string }[] = [];
  readonly #channels = new Map<string, Channel>();
  readonly #channelEvents: ChannelEvent[] = [];
  readonly #errors: RecordError[] = [];

  constructor(
    private readonly options: ScanSourcesOptions,
    private readonly tally: ScanTally,
  ) {}

  get size(): number {
    return this.#items.length;
  }

  error(error: RecordError): void {
    this.#errors.push(error);
    this.tally.errors.push(error);
  }

  async add(record: SourceRecord): Promise<void> {
    switch (record.type) {
      case 'item':
        this.#items.push({ item: record.item, record: record.record });
        this.#seeChannel(channelOf(record.item));
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
      await this.flush();
    }
  }

  /** Channels are widened by every item seen, whatever the connector said about them. */
  #seeChannel(channel: Channel): void {
    const key = `${channel.platform}/${channel.id}`;
    const known = this.#channels.get(key);
    this.#channels.set(key, known ? mergeChannel(known, channel) : channel);
  }

  async flush(): Promise<void> {
    const entries = this.#items.splice(0);
    const batch: ScanBatch = {
      items: [],
      assessments: [],
      cases: [],
      caseEvents: [],
      actions: [],
      channels: [...this.#channels.values()],
      channelEvents: this.#channelEvents.splice(0),
    };
    this.#channels.clear();
    await this.#scanEntries(entries, batch);
    if (batch.items.length + batch.channels.length + batch.channelEvents.length > 0) {
      await this.options.store.saveBatch(batch);
    }
    const errors = this.#errors.splice(0);
    if (errors.length > 0) await this.options.store.addRunErrors(this.options.runId, errors);
  }

  async #scanEntries(entries: { item: Item; record: string }[], batch: ScanBatch): Promise<void> {
    if (entries.length === 0) return;
    const keys = entries.map((e) => itemKey(e.item));
    const stored = await this.options.store.findAssessed(keys);
    const inBatch = new Map<string, AssessedSummary>();
    for (const [index, { item, record }] of entries.entries()) {
      const key = keys[index] as string;
      const known = stored.get(key) ?? inBatch.get(key);
      if (known) {
        this.tally.unchanged++;
        this.tally.count(known.verdict, known.categories, known.orgs);
        continue;
      }
      const scanned = this.options.scanner.scan(item);
      // Awaiting a plain value still costs a microtask per item; only wait for real promises.
      const result = scanned instanceof Promise ? await scanned : scanned;
      for (const f of result.failures) {
        this.error({ record, code: f.code, message: `${f.provider}: ${f.message}` });
      }
      const { assessment, outcome } = result;
      const more = followUps(item, assessment, outcome);
      batch.items.push(item);
      batch.assessments.push(assessment);
      batch.cases.push(...more.cases);
      batch.caseEvents.push(...more.caseEvents);
      batch.actions.push(...more.actions);
      inBatch.set(key, { verdict: assessment.verdict, categories: assessment.categories, orgs: assessment.orgs });
      this.tally.count(assessment.verdict, assessment.categories, assessment.orgs);
    }
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
