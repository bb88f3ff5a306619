import type { Channel, ChatRef, SourceRecord } from '../../../core/index.js';
import { type JsonPath, type JsonStreamItem, type Selection, toPointer } from '../../json/json-stream.js';
import { toChatType } from './chat-type.js';
import { type ChatField, isForeignRoot, isFormatKey, placeOf, selectExportValue } from './export-paths.js';
import type { MediaRoot } from './media-path.js';
import { type MessageContext, messageRecords } from './message.js';
import { clip, idString, put, str } from './raw-fields.js';
import { recordError, recordRef } from './record-ref.js';

/** What is known about the chat being read; its channel record is emitted when it ends. */
interface ChatState {
  key: string;
  fields: Partial<Record<ChatField, unknown>>;
  context?: MessageContext;
  firstSeenAt?: string;
  lastSeenAt?: string;
}

/** One unit of output, kept in document order while message conversions run concurrently. */
type Step =
  | { kind: 'records'; records: SourceRecord[] }
  | { kind: 'message'; chat: ChatState; pending: SourceRecord[] | Promise<SourceRecord[]> }
  | { kind: 'end-chat'; chat: ChatState };

/**
 * Turns the values streamed out of result.json into source records, chat by chat. The
 * messages of one scan step are converted concurrently (their media checks wait on the disk)
 * and put back in document order.
 */
export class ExportWalker {
  /** A key only a Telegram export has was seen at the root. */
  recognised = false;
  /** The root turned out to be something no export is (an array). */
  foreign = false;
  private chat: ChatState | undefined;

  constructor(
    private readonly file: string,
    private readonly media: MediaRoot,
  ) {}

  readonly select = (path: JsonPath): Selection => {
    if (isFormatKey(path)) this.recognised = true;
    else if (isForeignRoot(path)) this.foreign = true;
    return selectExportValue(path);
  };

  async handle(batch: readonly JsonStreamItem[]): Promise<SourceRecord[]> {
    const steps: Step[] = [];
    for (const entry of batch) {
      const place = placeOf(entry.path);
      if (entry.error !== undefined) {
        const record = this.locate(entry.path, place && this.enterChat(place.chatKey, steps));
        // The chat's channel record goes before the error that ends the export.
        if (entry.error.code === 'EXPORT_TRUNCATED') this.endChat(steps);
        const message = `${record}: ${entry.error.detail ?? entry.error.message}`;
        steps.push({ kind: 'records', records: [recordError(record, entry.error.code, message)] });
        continue;
      }
      if (place === undefined) continue;
      const chat = this.enterChat(place.chatKey, steps);
      if (place.field !== undefined) {
        chat.fields[place.field] = entry.value;
        chat.context = undefined;
      } else {
        steps.push({ kind: 'message', chat, pending: messageRecords(entry.value, place.index, this.contextOf(chat)) });
      }
    }
    return this.settle(steps);
  }

  /** Records owed at the end of input: the last chat's channel. */
  finish(): SourceRecord[] {
    const steps: Step[] = [];
    this.endChat(steps);
    return steps.flatMap((s) => (s.kind === 'end-chat' ? this.channelRecords(s.chat) : []));
  }

  private enterChat(key: string, steps: Step[]): ChatState {
    if (this.chat?.key === key) return this.chat;
    this.endChat(steps);
    this.chat = { key, fields: {} };
    return this.chat;
  }

  private endChat(steps: Step[]): void {
    if (this.chat) steps.push({ kind: 'end-chat', chat: this.chat });
    this.chat = undefined;
  }

  private contextOf(chat: ChatState): MessageContext {
    if (chat.context) return chat.context;
    const id = idString(chat.fields.id);
    const ref: ChatRef | undefined = id === undefined ? undefined : { id, type: toChatType(chat.fields.type) };
    if (ref) put(ref, 'title', clip(str(chat.fields.name), 512));
    chat.context = { file: this.file, chat: ref, media: this.media };
    return chat.context;
  }

  private async settle(steps: Step[]): Promise<SourceRecord[]> {
    const waiting = steps.some((s) => s.kind === 'message' && s.pending instanceof Promise);
    const done = waiting
      ? await Promise.all(steps.map((s) => (s.kind === 'message' ? s.pending : undefined)))
      : undefined;
    const out: SourceRecord[] = [];
    steps.forEach((step, i) => {
      if (step.kind === 'records') out.push(...step.records);
      else if (step.kind === 'end-chat') out.push(...this.channelRecords(step.chat));
      else for (const record of done?.[i] ?? (step.pending as SourceRecord[])) out.push(this.seen(step.chat, record));
    });
    return out;
  }

  private seen(chat: ChatState, record: SourceRecord): SourceRecord {
    const at =
      record.type === 'item' ? record.item.postedAt : record.type === 'channel-event' ? record.event.at : undefined;
    if (at !== undefined) {
      if (chat.firstSeenAt === undefined || at < chat.firstSeenAt) chat.firstSeenAt = at;
      if (chat.lastSeenAt === undefined || at > chat.lastSeenAt) chat.lastSeenAt = at;
    }
    return record;
  }

  /** A chat without an id or without any dated message has nothing a channel record could say. */
  private channelRecords(chat: ChatState): SourceRecord[] {
    const ref = this.contextOf(chat).chat;
    if (ref === undefined || chat.firstSeenAt === undefined || chat.lastSeenAt === undefined) return [];
    const channel: Channel = {
      platform: 'telegram',
      id: ref.id,
      type: ref.type ?? 'unknown',
      firstSeenAt: chat.firstSeenAt,
      lastSeenAt: chat.lastSeenAt,
    };
    if (ref.title !== undefined) channel.title = ref.title;
    return [{ type: 'channel', channel }];
  }

  private locate(path: JsonPath, chat: ChatState | undefined): string {
    const index = placeOf(path)?.index;
    if (index !== undefined && chat !== undefined) return recordRef(this.file, this.contextOf(chat).chat?.id, index);
    return `${this.file}#${toPointer(path) || '/'}`;
  }
}
