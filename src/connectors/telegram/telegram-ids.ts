/**
 * Telegram names one chat three ways: exports and MTProto use the bare id (`1234567890`), the Bot
 * API prefixes channels and supergroups with `-100` and basic groups with `-`. Rasd keys chats by
 * the bare id everywhere, so the same chat from an export, the monitor and the bot is one chat.
 */

const CHANNEL_OFFSET = 1_000_000_000_000n;

/** The bare chat id of a Bot API chat id (`-1001234567890` → `1234567890`, `-42` → `42`). */
export function bareChatId(botApiId: number | string | bigint): string {
  const id = BigInt(botApiId);
  if (id <= -CHANNEL_OFFSET) return String(-id - CHANNEL_OFFSET);
  return String(id < 0n ? -id : id);
}

/** The Bot API id of a channel or supergroup from its bare id (`1234567890` → `-1001234567890`). */
export function botApiChannelId(bareId: string): string {
  return String(-(BigInt(bareId) + CHANNEL_OFFSET));
}
