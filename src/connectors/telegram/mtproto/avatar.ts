import type { ChannelMeta } from '../../../core/index.js';
import { writeAtomically } from '../atomic-file.js';
import { mediaFile } from './media-download.js';
import type { ChatEntity } from './peer-ids.js';

/**
 * A chat's avatar, kept as a file and, when the app gives a hasher, as a PDQ: a banned channel
 * comes back under a new name with the old picture, and lineage compares avatars by PDQ. The
 * connector cannot hash (detection is another room), so the app injects it. An avatar already
 * seen under the same Telegram photo id is not fetched again.
 */

/** Avatars are small JPEGs (160 px); anything larger is not an avatar worth a request. */
const MAX_AVATAR_BYTES = 512 * 1024;

export interface AvatarFetch {
  mediaDir: string;
  /** The port's avatar download, already wrapped in the retry policy. */
  fetch: (chat: ChatEntity, maxBytes: number) => Promise<Buffer | undefined>;
  /** PDQ of the picture (hex), or undefined when it cannot be hashed. */
  hash?: (bytes: Buffer) => Promise<string | undefined>;
}

/** `after` with its avatar's file and PDQ: carried over when the photo is the one seen before, else fetched. */
export async function withAvatar(
  before: ChannelMeta | undefined,
  after: ChannelMeta,
  chat: ChatEntity,
  avatars: AvatarFetch,
): Promise<ChannelMeta> {
  if (after.avatarId === undefined) return after;
  if (before?.avatarId === after.avatarId && before.avatarPath !== undefined) {
    return {
      ...after,
      avatarPath: before.avatarPath,
      ...(before.avatarPdq !== undefined && { avatarPdq: before.avatarPdq }),
    };
  }
  const bytes = await avatars.fetch(chat, MAX_AVATAR_BYTES);
  if (bytes === undefined) return after;
  const file = mediaFile(avatars.mediaDir, after.chatId, `avatar-${after.avatarId}.jpg`);
  await writeAtomically(file.absolute, bytes);
  const pdq = await avatars.hash?.(bytes).catch(() => undefined);
  return { ...after, avatarPath: file.relative, ...(pdq !== undefined && { avatarPdq: pdq }) };
}
