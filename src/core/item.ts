import { z } from 'zod';

/**
 * An Item is one version of one message, whatever platform it came from. Its identity is
 * `platform/chat/messageId/version`: the same version is scanned once; an edit is a new version
 * (editing after approval is a known evasion, so the old version is kept, not overwritten).
 * This schema is also Rasd's own JSONL format, one item a line.
 */

export const MEDIA_KINDS = [
  'photo',
  'video',
  'animation',
  'audio',
  'voice',
  'video-note',
  'document',
  'sticker',
] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** present: the file is in the export; missing: named but absent; not-exported: the exporter skipped it; rejected: the path was refused. */
export const MEDIA_STATUSES = ['present', 'missing', 'not-exported', 'rejected', 'remote'] as const;
export type MediaStatus = (typeof MEDIA_STATUSES)[number];

export const ENTITY_TYPES = [
  'url',
  'text-link',
  'mention',
  'mention-name',
  'hashtag',
  'cashtag',
  'bot-command',
  'email',
  'phone',
  'button-url',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const CHAT_TYPES = ['channel', 'supergroup', 'group', 'private', 'bot', 'unknown'] as const;
export type ChatType = (typeof CHAT_TYPES)[number];

const shortText = z.string().max(4096);

export const chatRefSchema = z.object({
  id: z.string().min(1).max(128),
  username: z.string().max(64).optional(),
  title: z.string().max(512).optional(),
  type: z.enum(CHAT_TYPES).optional(),
});
export type ChatRef = z.infer<typeof chatRefSchema>;

export const entitySchema = z.object({
  type: z.enum(ENTITY_TYPES),
  /** The visible text of the entity (for a hidden link, what the reader sees). */
  text: shortText,
  /** The target of a link: for `text-link` and `button-url` this is what the reader does not see. */
  url: z.string().max(8192).optional(),
});
export type Entity = z.infer<typeof entitySchema>;

export const mediaRefSchema = z.object({
  kind: z.enum(MEDIA_KINDS),
  status: z.enum(MEDIA_STATUSES),
  /** Path relative to the export folder, or a URL when status is `remote`. */
  path: z.string().max(4096).optional(),
  fileName: z.string().max(1024).optional(),
  mime: z.string().max(255).optional(),
  size: z.number().int().nonnegative().optional(),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  width: z.number().int().nonnegative().optional(),
  height: z.number().int().nonnegative().optional(),
  durationSeconds: z.number().nonnegative().optional(),
  thumbnailPath: z.string().max(4096).optional(),
  /** Why the media could not be used (missing, refused path): a sentence, never file content. */
  note: z.string().max(1024).optional(),
});
export type MediaRef = z.infer<typeof mediaRefSchema>;

export const forwardSchema = z.object({
  fromName: z.string().max(512).optional(),
  fromId: z.string().max(128).optional(),
  messageId: z.string().max(64).optional(),
  date: z.iso.datetime({ offset: true }).optional(),
});
export type Forward = z.infer<typeof forwardSchema>;

export const itemSchema = z.object({
  platform: z
    .string()
    .regex(/^[a-z0-9-]{1,32}$/)
    .default('telegram'),
  chat: chatRefSchema,
  messageId: z.string().min(1).max(64),
  version: z.number().int().nonnegative().default(0),
  author: z.object({ id: z.string().max(128).optional(), name: z.string().max(512).optional() }).optional(),
  postedAt: z.iso.datetime({ offset: true }),
  text: z.string().max(1_000_000).default(''),
  entities: z.array(entitySchema).max(10_000).default([]),
  media: z.array(mediaRefSchema).max(100).default([]),
  forward: forwardSchema.optional(),
  replyTo: z.string().max(64).optional(),
  views: z.number().int().nonnegative().optional(),
  viaBot: z.string().max(128).optional(),
});
export type Item = z.infer<typeof itemSchema>;
/** What a connector may hand over before defaults are applied. */
export type ItemInput = z.input<typeof itemSchema>;

/** The stable identity of an item version; the idempotency key of every scan. */
export function itemKey(item: Pick<Item, 'platform' | 'chat' | 'messageId' | 'version'>): string {
  return `${item.platform}/${item.chat.id}/${item.messageId}/${item.version}`;
}

/** Where a record came from, so an error can name the file and the record. */
export interface RecordLocation {
  source: string;
  /** 1-based line for JSONL, message index (0-based) in the messages array for exports. */
  record: string;
}
