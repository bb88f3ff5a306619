/**
 * The Bot API moderator (issue 8, point 2): a grammY bot in groups and channels that added it
 * as an administrator. It maps updates to LiveEvents, fetches media within limits, and carries
 * out moderation actions (delete, ban, restrict, ban a sender chat) with their results.
 */
export { botRights, rightsOf } from './bot-rights.js';
export {
  type BotLog,
  createModeratorBot,
  type ModeratorBot,
  type ModeratorBotOptions,
  type UpdateKind,
  type WebhookOptions,
} from './bot-runner.js';
export { CLOUD_DOWNLOAD_LIMIT, type DownloadedFile, type DownloadOptions, downloadFile } from './file-download.js';
export { type MediaDownloads, withMedia } from './item-media.js';
export { chatRef, type MessageItemResult, messageItem } from './message-item.js';
export type { BotFile, MessageMedia } from './message-media.js';
export {
  botApiChatId,
  installRetry,
  MODERATION_KINDS,
  type ModerationKind,
  type ModerationRequest,
  type ModerationResult,
  type ModeratorApiOptions,
  moderate,
  moderatorApi,
} from './moderation.js';
export { type BotUpdateEvents, MODERATED_UPDATES, updateEvents } from './update-events.js';
