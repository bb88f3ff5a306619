import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Logger } from 'pino';
import { errorFields } from '../../connectors/telegram/bot-api/bot-log.js';
import { TelegramMonitor } from '../../connectors/telegram/mtproto/monitor.js';
import type { MtprotoPort } from '../../connectors/telegram/mtproto/mtproto-port.js';
import { hashImage } from '../../detect/media/index.js';
import type { AppContext } from '../context.js';
import { createLiveIntake } from './live-intake.js';
import { type RecheckSummary, recheckReferrals } from './referral-recheck.js';
import { openSavedPort } from './telegram-session.js';

export interface TelegramMonitorOptions {
  /** The user client; the GramJS port over the saved session when absent (tests pass a fake). */
  port?: MtprotoPort;
  log: Logger;
}

export interface TelegramMonitorRuntime {
  monitor: TelegramMonitor;
  /** Stops following updates (the monitor saves its state). */
  stop(): Promise<void>;
}

// Avatars are 160 px thumbnails; anything much larger is not one.
const AVATAR_LIMITS = { maxBytes: 1024 * 1024, maxPixels: 4_000_000, timeoutMs: 5_000 };

/** The monitor as the app runs it: settings from `config.telegram`, events into the live intake. */
export function buildMonitor(ctx: AppContext, port: MtprotoPort, log: Logger): TelegramMonitor {
  const settings = ctx.config.telegram;
  const mediaDir = resolve(settings.mediaDir);
  return new TelegramMonitor({
    account: settings.account,
    port,
    store: ctx.store,
    sink: createLiveIntake(ctx, { mediaRoot: mediaDir }),
    mediaDir,
    media: { maxBytes: settings.maxMediaBytes, kinds: settings.mediaKinds },
    backfill: {
      pageSize: settings.backfill.pageSize,
      maxMessages: settings.backfill.maxMessagesPerChat,
      ...(settings.backfill.notBeforeDays !== undefined && { notBeforeDays: settings.backfill.notBeforeDays }),
    },
    metadataRefreshMs: settings.metadataRefreshMinutes * 60_000,
    log,
    avatarHash: avatarPdq,
  });
}

/**
 * The MTProto monitor as one running thing: the watch list followed live (catching up from the
 * stored update state), back-fills resumed, metadata refreshed; its events go through the live
 * intake (scanned at once with the in-process queue, published for `rasd worker` with NATS).
 */
export async function startTelegramMonitor(
  ctx: AppContext,
  options: TelegramMonitorOptions,
): Promise<TelegramMonitorRuntime> {
  await mkdir(resolve(ctx.config.telegram.mediaDir), { recursive: true });
  const port = options.port ?? (await openSavedPort(ctx));
  const monitor = buildMonitor(ctx, port, options.log);
  await monitor.start();
  return {
    monitor,
    async stop() {
      await monitor.stop();
    },
  };
}

/**
 * The referral re-check through the monitor's session: connects, looks up at most `limit` open
 * referrals (oldest first), disconnects. Nothing is followed or back-filled.
 */
export async function recheckTelegramReferrals(
  ctx: AppContext,
  options: { limit?: number; log: Logger; port?: MtprotoPort },
): Promise<RecheckSummary> {
  const port = options.port ?? (await openSavedPort(ctx));
  const monitor = buildMonitor(ctx, port, options.log);
  await port.connect();
  try {
    return await recheckReferrals(
      ctx.store,
      (link) =>
        monitor.checkReachable(link).catch((error: unknown) => {
          options.log.warn(errorFields(error), 'telegram recheck: a link could not be checked');
          return 'error' as const;
        }),
      { ...(options.limit !== undefined && { limit: options.limit }) },
    );
  } finally {
    await port.disconnect();
  }
}

/** An avatar's PDQ for lineage; a picture that does not decode within the limits has none. */
async function avatarPdq(bytes: Buffer): Promise<string | undefined> {
  try {
    const pdq = await hashImage(bytes, AVATAR_LIMITS);
    // Below 50 (PDQ's own bar) a picture is too flat to tell apart from others: no lineage evidence.
    return pdq.quality >= 50 ? pdq.hash : undefined;
  } catch {
    return undefined;
  }
}
