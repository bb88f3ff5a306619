import type { Channel, ChannelEvent } from './channel.js';
import type { Item } from './item.js';

/**
 * A bad record is reported, never fatal: where it is (`file#record`: a line for JSONL, a
 * message index and id for exports), a stable code, and a sentence that says what to do.
 */
export interface RecordError {
  record: string;
  code: string;
  message: string;
}

/** What a connector yields while reading a source: content, facts about chats, or a bad record. */
export type SourceRecord =
  | { type: 'item'; item: Item; record: string }
  | { type: 'channel'; channel: Channel }
  | { type: 'channel-event'; event: ChannelEvent; record: string }
  | { type: 'error'; error: RecordError };

/** A source Rasd can read: an export folder, a JSONL file, later a live feed. */
export type SourceReader = AsyncIterable<SourceRecord>;
