import { autoRetry } from '@grammyjs/auto-retry';
import { Api, GrammyError, HttpError } from 'grammy';
import type { ChatType, ErrorCode } from '../../../core/index.js';
import { botApiChannelId } from '../telegram-ids.js';

/**
 * The bot's moderation actions in a chat where it is an administrator: delete a message, ban
 * or restrict its sender, ban a channel posting as itself. Each gives a result to record as an
 * Action; none throws for a refusal Telegram gives, since a refused action is a result too.
 */

export const MODERATION_KINDS = ['delete', 'ban', 'restrict', 'ban-sender-chat'] as const;
export type ModerationKind = (typeof MODERATION_KINDS)[number];

export interface ModerationRequest {
  kind: ModerationKind;
  /** The bare chat id, as Rasd keys chats. */
  chatId: string;
  chatType: ChatType;
  /** For `delete`. */
  messageId?: string;
  /** For `ban` and `restrict`: the numeric user id (an item author `user123` is user `123`). */
  userId?: string;
  /** For `ban-sender-chat`: the bare id of the channel posting as itself (author `channel123` is `123`). */
  senderChatId?: string;
  /** Unix seconds when a ban or restriction ends; absent means for ever. */
  untilDate?: number;
}

export interface ModerationResult {
  status: 'confirmed' | 'failed' | 'dry-run';
  /** A sentence for the action's record: what was done, or why not (ids only). */
  outcome: string;
  code?: ErrorCode;
  retryAfterSeconds?: number;
}

export interface ModeratorApiOptions {
  apiRoot?: string;
  /** Waits Telegram asks for up to this long are waited out; longer ones fail the action. */
  maxDelaySeconds?: number;
}

/**
 * A Bot API client that honours `retry_after`: a 429 is retried after the wait Telegram asks
 * for, up to three times and `maxDelaySeconds` (default 60) each. Network failures are not
 * retried here (auto-retry would retry them for ever); they fail the action, which the caller
 * may try again.
 */
export function moderatorApi(token: string, options: ModeratorApiOptions = {}): Api {
  const api = new Api(token, options.apiRoot === undefined ? undefined : { apiRoot: options.apiRoot });
  installRetry(api, options.maxDelaySeconds);
  return api;
}

export function installRetry(api: Api, maxDelaySeconds = 60): void {
  api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds, rethrowHttpErrors: true }));
}

/** The Bot API's id for a bare chat id: `-100…` for channels and supergroups, `-id` for basic groups. */
export function botApiChatId(chatId: string, chatType: ChatType): string {
  if (chatType === 'channel' || chatType === 'supergroup') return botApiChannelId(chatId);
  if (chatType === 'group') return `-${chatId}`;
  return chatId;
}

/** Every permission to send anything off: what "restrict" means for a sender. */
const NO_SENDING = {
  can_send_messages: false,
  can_send_audios: false,
  can_send_documents: false,
  can_send_photos: false,
  can_send_videos: false,
  can_send_video_notes: false,
  can_send_voice_notes: false,
  can_send_polls: false,
  can_send_other_messages: false,
  can_add_web_page_previews: false,
} as const;

interface Call {
  method: 'deleteMessage' | 'banChatMember' | 'restrictChatMember' | 'banChatSenderChat';
  params: Record<string, unknown>;
  /** The admin right Telegram checks, as the Telegram app names it. */
  right: string;
  done: string;
}

function needs(request: ModerationRequest, field: 'messageId' | 'userId' | 'senderChatId'): string {
  const value = request[field];
  if (value === undefined || !/^-?\d{1,20}$/.test(value)) {
    throw new RangeError(`a ${request.kind} action needs a numeric ${field}`);
  }
  return value;
}

function planCall(request: ModerationRequest): Call {
  const chat_id = botApiChatId(request.chatId, request.chatType);
  const until = request.untilDate === undefined ? {} : { until_date: request.untilDate };
  switch (request.kind) {
    case 'delete': {
      const message_id = Number(needs(request, 'messageId'));
      return {
        method: 'deleteMessage',
        params: { chat_id, message_id },
        right: 'Delete messages',
        done: `deleted message ${message_id}`,
      };
    }
    case 'ban': {
      const user_id = Number(needs(request, 'userId'));
      const params = { chat_id, user_id, revoke_messages: true, ...until };
      return { method: 'banChatMember', params, right: 'Ban users', done: `banned user ${user_id}` };
    }
    case 'restrict': {
      const user_id = Number(needs(request, 'userId'));
      const params = { chat_id, user_id, permissions: NO_SENDING, use_independent_chat_permissions: true, ...until };
      return {
        method: 'restrictChatMember',
        params,
        right: 'Ban users',
        done: `restricted user ${user_id} from sending`,
      };
    }
    case 'ban-sender-chat': {
      const sender_chat_id = botApiChannelId(needs(request, 'senderChatId'));
      const params = { chat_id, sender_chat_id };
      return { method: 'banChatSenderChat', params, right: 'Ban users', done: `banned sender chat ${sender_chat_id}` };
    }
  }
}

function describeCall(call: Call): string {
  return `${call.method}(${JSON.stringify(call.params)})`;
}

/** How Telegram words a missing admin right (400) besides a plain 403 Forbidden. */
const RIGHTS_WORDING = ['not enough rights', 'chat_admin_required', 'have no rights', 'need administrator rights'];

function failure(request: ModerationRequest, call: Call, error: unknown): ModerationResult {
  const where = `chat ${request.chatId}`;
  if (error instanceof GrammyError) {
    const text = error.description.toLowerCase();
    if (error.error_code === 429) {
      const wait = error.parameters.retry_after;
      return {
        status: 'failed',
        code: 'TELEGRAM_RATE_LIMITED',
        outcome: `Telegram asked to wait ${wait ?? 'a while'} s before ${call.method} in ${where}; try the action again after that`,
        ...(wait !== undefined && { retryAfterSeconds: wait }),
      };
    }
    // "message to delete not found": the goal of a delete is that the message is gone, and it is.
    if (call.method === 'deleteMessage' && text.includes('message to delete not found')) {
      return { status: 'confirmed', outcome: `message ${call.params.message_id} in ${where} was already gone` };
    }
    if (error.error_code === 403 || RIGHTS_WORDING.some((words) => text.includes(words))) {
      return {
        status: 'failed',
        code: 'TELEGRAM_RIGHTS_MISSING',
        outcome: `the bot needs the '${call.right}' admin right in ${where} to call ${call.method}; make it an administrator with that right (Telegram said: ${error.description})`,
      };
    }
    return {
      status: 'failed',
      code: 'TELEGRAM_CHAT_UNREACHABLE',
      outcome: `${call.method} in ${where} was refused: ${error.description}`,
    };
  }
  const reason = error instanceof HttpError ? 'the Bot API could not be reached' : 'the call failed unexpectedly';
  return {
    status: 'failed',
    code: 'TELEGRAM_UNAVAILABLE',
    outcome: `${call.method} in ${where} was not done: ${reason}`,
  };
}

/**
 * Carries out one moderation request, or in dry-run only says which call it would make.
 * A request missing the id its kind needs fails with INPUT_INVALID and calls nothing.
 */
export async function moderate(
  api: Api,
  request: ModerationRequest,
  options: { dryRun: boolean },
): Promise<ModerationResult> {
  let call: Call;
  try {
    call = planCall(request);
  } catch (error) {
    return { status: 'failed', code: 'INPUT_INVALID', outcome: (error as Error).message };
  }
  if (options.dryRun) return { status: 'dry-run', outcome: `dry run: would call ${describeCall(call)}` };
  try {
    // The call is built from a closed set of methods with their documented parameters.
    await (api.raw[call.method] as (params: Call['params']) => Promise<unknown>)(call.params);
    return { status: 'confirmed', outcome: `${call.done} in chat ${request.chatId}` };
  } catch (error) {
    return failure(request, call, error);
  }
}
