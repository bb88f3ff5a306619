import { type Channel, type ChannelEvent, type RecordError, toAppError } from '../core/index.js';
import type { ScanSource } from '../scan/index.js';
import type { AppContext } from './context.js';
import { encodeWorkItem, workItemId } from './work-item.js';

export interface ImportSummary {
  /** Items the queue took for the first time. */
  published: number;
  /** Items whose version was on the queue already (a re-import within the duplicate window). */
  duplicates: number;
  channels: number;
  channelEvents: number;
  errors: RecordError[];
}

/** Items per publish call: the bus's own window bounds what is in flight, this bounds the array. */
const CHUNK = 500;

/**
 * The ingest role: reads sources and publishes their items to the work queue, where workers scan
 * them. Channel facts (titles, renames, migrations) are not scan work; they are written to the
 * store directly. Publishing awaits the queue's acknowledgements, so a fast reader is held back
 * by the queue (back-pressure) instead of buffering a whole export in memory.
 */
export async function importSources(
  ctx: AppContext,
  sources: readonly ScanSource[],
  onProgress?: (summary: ImportSummary) => void,
): Promise<ImportSummary> {
  const summary: ImportSummary = { published: 0, duplicates: 0, channels: 0, channelEvents: 0, errors: [] };
  for (const source of sources) {
    let chunk: { id: string; payload: string }[] = [];
    const channels: Channel[] = [];
    const events: ChannelEvent[] = [];
    const flush = async () => {
      if (chunk.length > 0) {
        const result = await ctx.bus.publish(chunk);
        ctx.metrics.itemsIn.inc(result.published);
        summary.published += result.published;
        summary.duplicates += result.duplicates;
        chunk = [];
        onProgress?.(summary);
      }
      if (channels.length + events.length > 0) {
        await ctx.store.saveBatch({
          items: [],
          assessments: [],
          cases: [],
          caseEvents: [],
          actions: [],
          channels: channels.splice(0),
          channelEvents: events.splice(0),
        });
      }
    };
    try {
      for await (const record of source.open()) {
        if (record.type === 'item') {
          const work = {
            item: record.item,
            ...(source.mediaRoot !== undefined && { mediaRoot: source.mediaRoot }),
            publishedAt: Date.now(),
          };
          chunk.push({ id: workItemId(record.item), payload: encodeWorkItem(work) });
          if (chunk.length >= CHUNK) await flush();
        } else if (record.type === 'channel') {
          channels.push(record.channel);
          summary.channels++;
        } else if (record.type === 'channel-event') {
          events.push(record.event);
          summary.channelEvents++;
        } else summary.errors.push(record.error);
      }
    } catch (error) {
      // The queue or the store failing is not this source's fault: stop the import and say so,
      // rather than list it as a bad source and go on publishing into an outage.
      const appError = toAppError(error, 'SOURCE_UNREADABLE');
      if (appError.code === 'BUS_UNAVAILABLE' || appError.code === 'STORAGE_FAILED') throw appError;
      summary.errors.push({ record: source.name, code: appError.code, message: appError.message });
    }
    await flush();
  }
  return summary;
}
