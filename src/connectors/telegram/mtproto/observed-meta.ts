import type { ChannelMeta } from '../../../core/index.js';
import { withAvatar } from './avatar.js';
import { channelMeta } from './channel-meta.js';
import type { MonitorRuntime } from './monitor-runtime.js';
import type { ResolvedChat } from './mtproto-port.js';

/**
 * A chat's metadata as observed now, with its avatar file and PDQ. A failed avatar fetch costs
 * only the avatar; a revoked session still stops the caller.
 */
export async function observedMeta(
  rt: MonitorRuntime,
  observed: {
    before: ChannelMeta | undefined;
    resolved: ResolvedChat;
    at: string;
    avatarHash: ((bytes: Buffer) => Promise<string | undefined>) | undefined;
  },
): Promise<ChannelMeta> {
  const { before, resolved, at, avatarHash } = observed;
  const meta = channelMeta(resolved.chat, resolved.full, at);
  try {
    return await withAvatar(before, meta, resolved.chat, {
      mediaDir: rt.options.mediaDir,
      fetch: (chat, maxBytes) => rt.call('avatar', () => rt.port.avatar(chat, maxBytes)),
      ...(avatarHash !== undefined && { hash: avatarHash }),
    });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'TELEGRAM_SESSION_INVALID') throw error;
    rt.log.warn({ chatId: meta.chatId, code: (error as { code?: unknown }).code }, 'telegram.avatar.not-fetched');
    return meta;
  }
}
