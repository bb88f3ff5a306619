import { MemoryBus } from '../../bus/memory/memory-bus.js';
import type { BusMessage } from '../../bus/ports.js';
import type { LiveEvent, LiveSink } from '../../connectors/telegram/live-event.js';
import { type Channel, type ChannelEvent, type ChannelMeta, type Item, itemSchema } from '../../core/index.js';
import type { AppContext } from '../context.js';
import { scanCommitted } from '../scan-committed.js';
import { encodeWorkItem, workItemId } from '../work-item.js';
import { type RemovalRecord, recordRemovals } from './removals.js';

export interface LiveIntakeOptions {
  /** The folder the connector downloads media into; items' media paths are relative to it. */
  mediaRoot: string;
  now?: () => Date;
}

/** What one call of the sink did, for the connector's log and for tests. */
export interface IntakeSummary {
  published: number;
  duplicates: number;
  skipped: number;
  channels: number;
  channelEvents: number;
  removals: RemovalRecord[];
}

/**
 * The app's side of a live connector: messages go to the work queue exactly as an import's do
 * (the queue de-duplicates by item version, so a redelivered update is one item, and an edit —
 * a new version — is scanned again), channel facts go to the store, deletions are attributed.
 * A message that fails validation is logged by id and skipped; the rest of the events go on.
 * A failing queue or store rejects, so the connector does not move its checkpoint past events
 * that were not taken.
 *
 * With the in-process queue (the embedded preset) a published message lives only in memory, so
 * a crash would lose it after the connector had moved its offset, pts or back-fill checkpoint on.
 * There the intake scans and commits the messages itself before it returns, as a worker would;
 * with NATS the publish is durable and `rasd worker` scans.
 */
export function createLiveIntake(ctx: AppContext, options: LiveIntakeOptions): LiveSink {
  const now = options.now ?? (() => new Date());
  return async (events) => {
    await takeEvents(ctx, events, options.mediaRoot, now);
  };
}

/** The sink's body, returning its summary (the sink itself returns nothing). */
export async function takeEvents(
  ctx: AppContext,
  events: readonly LiveEvent[],
  mediaRoot: string,
  now: () => Date,
): Promise<IntakeSummary> {
  const summary: IntakeSummary = {
    published: 0,
    duplicates: 0,
    skipped: 0,
    channels: 0,
    channelEvents: 0,
    removals: [],
  };
  const work: { item: Item; message: BusMessage }[] = [];
  const channels: Channel[] = [];
  const channelEvents: ChannelEvent[] = [];
  const deletions: Extract<LiveEvent, { kind: 'deleted' }>[] = [];
  for (const event of events) {
    if (event.kind === 'item') {
      const item = validItem(ctx, event);
      if (item === undefined) summary.skipped++;
      else work.push({ item, message: workMessage(item, mediaRoot, now) });
    } else if (event.kind === 'channel') channels.push(channelOf(event.meta));
    else if (event.kind === 'service') channelEvents.push(event.event);
    else deletions.push(event);
  }
  if (work.length > 0) {
    const result =
      ctx.bus instanceof MemoryBus
        ? await scanNow(ctx, work, mediaRoot)
        : await ctx.bus.publish(work.map((w) => w.message));
    ctx.metrics.itemsIn.inc(result.published);
    summary.published = result.published;
    summary.duplicates = result.duplicates;
  }
  if (channels.length + channelEvents.length > 0) {
    await ctx.store.saveBatch({
      items: [],
      assessments: [],
      cases: [],
      caseEvents: [],
      actions: [],
      channels,
      channelEvents,
    });
    for (const event of events) if (event.kind === 'channel') ctx.network.profile(event.meta);
    summary.channels = channels.length;
    summary.channelEvents = channelEvents.length;
  }
  // After the messages: a message posted and deleted within one batch is at least on the queue.
  for (const deletion of deletions) summary.removals.push(...(await recordRemovals(ctx.store, deletion)));
  return summary;
}

function validItem(ctx: AppContext, event: Extract<LiveEvent, { kind: 'item' }>): Item | undefined {
  const parsed = itemSchema.safeParse(event.item);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    ctx.log.ingest.warn(
      {
        source: event.source,
        chatId: event.item.chat?.id,
        messageId: event.item.messageId,
        at: issue?.path.join('.') ?? '',
      },
      'live message skipped: not a valid item',
    );
    return undefined;
  }
  return parsed.data;
}

function workMessage(item: Item, mediaRoot: string, now: () => Date): BusMessage {
  return { id: workItemId(item), payload: encodeWorkItem({ item, mediaRoot, publishedAt: now().getTime() }) };
}

/**
 * The embedded preset's durable path: scanned and committed in one transaction before the
 * connector moves on. A version already assessed (a redelivered update) is counted, not rescanned.
 */
async function scanNow(
  ctx: AppContext,
  work: readonly { item: Item; message: BusMessage }[],
  mediaRoot: string,
): Promise<{ published: number; duplicates: number }> {
  // One version once per call (the queue would drop the repeat by its id as well).
  const versions = new Map(work.map((w) => [w.message.id, w]));
  const { summary } = await scanCommitted(
    ctx,
    [...versions.values()].map(({ item, message }) => ({ item, record: message.id, mediaRoot })),
  );
  const duplicates = work.length - versions.size + summary.unchanged;
  return { published: work.length - duplicates, duplicates };
}

/** A metadata observation widens the chat's seen range and brings its current names. */
function channelOf(meta: ChannelMeta): Channel {
  return {
    platform: meta.platform,
    id: meta.chatId,
    ...(meta.username !== undefined && { username: meta.username }),
    ...(meta.title !== undefined && { title: meta.title }),
    type: meta.type,
    firstSeenAt: meta.observedAt,
    lastSeenAt: meta.observedAt,
  };
}
