import { z } from 'zod';
import { MEDIA_KINDS } from '../core/index.js';

/**
 * Live Telegram (issue 8): the MTProto monitor and the Bot API moderator. Only settings live here;
 * the api hash, the session key and the bot token are secrets (`secrets.ts`), so printing a config
 * never leaks them.
 */
export const telegramSchema = z
  .object({
    /** The encrypted MTProto session (`rasd telegram login` writes it; mode 0600). */
    sessionFile: z.string().min(1).default('./rasd-telegram.session'),
    /** The account name the session's update state is stored under; one per session. */
    account: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/)
      .default('default'),
    /** Where downloaded media go; items point into it (the scan reads them from here). */
    mediaDir: z.string().min(1).default('./rasd-media'),
    /** Larger files are recorded (kind, size, mime) but not downloaded. */
    maxMediaBytes: z.coerce
      .number()
      .int()
      .min(0)
      .max(2 * 1024 ** 3)
      .default(20 * 1024 * 1024),
    /** Only the kinds the scan can use are downloaded: pictures, video, audio, documents (PDF text). */
    mediaKinds: z
      .array(z.enum(MEDIA_KINDS))
      .max(MEDIA_KINDS.length)
      .default(['photo', 'video', 'animation', 'audio', 'voice', 'video-note', 'document', 'sticker']),
    backfill: z
      .object({
        /** Messages per history request (Telegram serves at most 100). */
        pageSize: z.coerce.number().int().min(1).max(100).default(100),
        /** History fetched per chat on first watch; the newest first. */
        maxMessagesPerChat: z.coerce.number().int().min(0).max(10_000_000).default(5000),
        /** Older messages are not fetched; unset means no date limit (only the count). */
        notBeforeDays: z.coerce.number().min(0).max(36_500).optional(),
      })
      .strict()
      .prefault({}),
    /** How often each watched chat's title, username, about, avatar and member count are re-read. */
    metadataRefreshMinutes: z.coerce.number().min(1).max(10_080).default(60),
    /** Record the actions Rasd would take (status `dry-run`) without taking them. */
    dryRun: z.boolean().default(false),
    bot: z
      .object({
        /** A Bot API server other than Telegram's (a local `telegram-bot-api`, or a test server). */
        apiRoot: z.url().optional(),
        mode: z.enum(['polling', 'webhook']).default('polling'),
        webhookHost: z.string().min(1).default('127.0.0.1'),
        webhookPort: z.coerce.number().int().min(0).max(65535).default(8443),
        webhookPath: z
          .string()
          .regex(/^\/[A-Za-z0-9/_-]{0,200}$/)
          .default('/telegram/webhook'),
        /**
         * The public HTTPS address Telegram posts updates to (a TLS proxy in front of the webhook
         * port); when set, the bot registers it with setWebhook at start, else register it by hand.
         */
        webhookUrl: z.url({ protocol: /^https$/ }).optional(),
        /** A 429 asking for a longer wait than this fails the attempt; the action is retried later. */
        maxRetryDelaySeconds: z.coerce.number().int().min(1).max(3600).default(60),
        /** How often requested actions (policy or reviewer) are picked up and carried out. */
        actionIntervalSeconds: z.coerce.number().min(0.1).max(3600).default(5),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .prefault({});

export type TelegramConfig = z.infer<typeof telegramSchema>;
