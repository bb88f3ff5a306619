import { Api } from 'telegram';
import { AppError, invalidInput } from '../../../core/index.js';
import type { MonitorRuntime } from './monitor-runtime.js';
import { parseMessageLink } from './watch-ref.js';

/**
 * Whether the message behind a `t.me/<chat>/<id>` link is still there, for the referral re-check.
 * Only Telegram saying so makes it `gone` (the message empty, or the chat private, deleted or
 * renamed: TELEGRAM_CHAT_UNREACHABLE); a network failure or a rate limit is `error`, unknown now.
 */

export type Reachability = 'gone' | 'present' | 'error';

export async function messageReachability(rt: MonitorRuntime, link: string): Promise<Reachability> {
  const parsed = parseMessageLink(link);
  if (parsed === undefined)
    throw invalidInput(`"${link.slice(0, 80)}" is not a link to a Telegram message (t.me/<channel>/<id>)`, 'link');
  try {
    const { chat } = await rt.call('resolve', () => rt.port.resolve(parsed.target));
    const [message] = await rt.call('getMessages', () => rt.port.getMessages(chat, [Number(parsed.messageId)]));
    return message === undefined || message instanceof Api.MessageEmpty ? 'gone' : 'present';
  } catch (error) {
    if (error instanceof AppError && error.code === 'TELEGRAM_CHAT_UNREACHABLE') return 'gone';
    rt.log.warn({ code: (error as { code?: unknown }).code }, 'telegram.recheck.failed');
    return 'error';
  }
}
