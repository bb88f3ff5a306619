import { type Api, GrammyError } from 'grammy';
import type { ChatMember } from 'grammy/types';
import { AppError, type BotRights, type ChatType } from '../../../core/index.js';
import { botApiChatId } from './moderation.js';

/**
 * What the bot may do in a chat, read from its own membership there (getChatMember on itself),
 * so an action the bot cannot take is reported as a missing right before it is tried.
 */

const NO_RIGHTS = { canDeleteMessages: false, canRestrictMembers: false };

export function rightsOf(member: ChatMember): BotRights {
  switch (member.status) {
    case 'creator':
      return { status: 'creator', canDeleteMessages: true, canRestrictMembers: true };
    case 'administrator':
      return {
        status: 'administrator',
        canDeleteMessages: member.can_delete_messages === true,
        canRestrictMembers: member.can_restrict_members === true,
      };
    case 'member':
    case 'restricted':
    case 'left':
    case 'kicked':
      return { status: member.status, ...NO_RIGHTS };
    default:
      return { status: 'unknown', ...NO_RIGHTS };
  }
}

/**
 * The bot's rights in a chat (bare id). A chat the bot cannot see (removed, never added) gives
 * status `left` rather than an error: that is the answer to "what may the bot do there".
 * Network failures and rate limits are thrown as AppErrors, since they say nothing of the rights.
 */
export async function botRights(api: Api, chatId: string, chatType: ChatType): Promise<BotRights> {
  try {
    const me = await api.getMe();
    const member = await api.getChatMember(botApiChatId(chatId, chatType), me.id);
    return rightsOf(member);
  } catch (error) {
    if (error instanceof GrammyError && (error.error_code === 400 || error.error_code === 403)) {
      return { status: 'left', ...NO_RIGHTS };
    }
    if (error instanceof GrammyError && error.error_code === 429) {
      throw new AppError('TELEGRAM_RATE_LIMITED', {
        detail: `Telegram asked to wait ${error.parameters.retry_after ?? '?'} s before reading the bot's rights in chat ${chatId}`,
        cause: error,
      });
    }
    throw new AppError('TELEGRAM_UNAVAILABLE', {
      detail: `the bot's rights in chat ${chatId} could not be read`,
      cause: error,
    });
  }
}
