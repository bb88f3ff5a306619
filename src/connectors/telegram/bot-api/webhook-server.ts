import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Update } from 'grammy/types';
import { type BotLog, errorFields } from './bot-log.js';

/**
 * The webhook side of the moderator bot: Telegram posts each update with the secret token in a
 * header, and delivers it again later unless it gets a 2xx answer.
 *
 * - The secret header is checked before the body is read, so a stranger cannot make the bot
 *   buffer a megabyte per request.
 * - An update is answered only once it is handled: 200 when the sink took it, 500 when it failed
 *   (Telegram tries again). There is no timeout that answers while the handler still runs, since
 *   that made Telegram deliver, and Rasd process, the same update twice.
 * - A redelivery of an update still being handled waits for the same run; one handled lately is
 *   answered 200 at once. Both memories are bounded.
 * - An update that failed `maxAttempts` times is answered 200 and logged as skipped, so one bad
 *   update cannot keep coming back for ever.
 */

export interface WebhookOptions {
  host: string;
  port: number;
  /** The path Telegram posts to, e.g. `/telegram/<random>`. */
  path: string;
  /** Telegram sends it in `X-Telegram-Bot-Api-Secret-Token`; a request without it gets 401. */
  secretToken: string;
  /** The public HTTPS address Telegram should post to; when given, `start` registers it with setWebhook. */
  publicUrl?: string;
}

const MAX_WEBHOOK_BODY = 1024 * 1024;
/** Update ids remembered as handled or failed; Telegram redelivers within hours, not millions of updates. */
const MAX_REMEMBERED = 10_000;

/** Whether the request carries the configured secret, compared in constant time. */
function hasSecret(req: IncomingMessage, secret: string): boolean {
  const header = req.headers['x-telegram-bot-api-secret-token'];
  if (typeof header !== 'string') return false;
  const given = Buffer.from(header, 'utf8');
  const wanted = Buffer.from(secret, 'utf8');
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_WEBHOOK_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function updateIdOf(value: unknown): number | undefined {
  const id = (value as { update_id?: unknown } | null)?.update_id;
  return typeof value === 'object' && value !== null && Number.isSafeInteger(id) ? (id as number) : undefined;
}

/** Adds `id` with `value`, forgetting the oldest entries first when full. */
function remember<V>(map: Map<number, V>, id: number, value: V): void {
  map.delete(id);
  if (map.size >= MAX_REMEMBERED) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
  map.set(id, value);
}

export interface WebhookUpdates {
  /** Hands one update to the bot; throws when the sink fails. */
  handle(update: Update): Promise<void>;
  log: BotLog;
  maxAttempts: number;
}

/** The runs of webhook updates, by update id: at most one at a time each, and how each ended. */
class UpdateRuns {
  private running = new Map<number, Promise<number>>();
  private handled = new Map<number, true>();
  private failures = new Map<number, number>();

  constructor(private readonly updates: WebhookUpdates) {}

  /** The status to answer; a redelivery during the run shares it instead of running again. */
  answer(update: Update, id: number): Promise<number> {
    if (this.handled.has(id)) return Promise.resolve(200);
    const current = this.running.get(id);
    if (current) return current;
    const started = this.updates
      .handle(update)
      .then(
        () => this.done(id),
        (error: unknown) => this.failed(id, error),
      )
      .finally(() => this.running.delete(id));
    this.running.set(id, started);
    return started;
  }

  private done(id: number): number {
    this.failures.delete(id);
    remember(this.handled, id, true);
    return 200;
  }

  /** 500 asks Telegram to deliver again; after maxAttempts the update is given up with a log line. */
  private failed(id: number, error: unknown): number {
    const attempts = (this.failures.get(id) ?? 0) + 1;
    const fields = { updateId: id, attempts, ...errorFields(error) };
    if (attempts < this.updates.maxAttempts) {
      remember(this.failures, id, attempts);
      this.updates.log.warn(fields, 'webhook update not taken; Telegram will send it again');
      return 500;
    }
    this.updates.log.error(fields, 'telegram.update.skipped: the sink refused it on every attempt');
    return this.done(id);
  }
}

/** The request handler for the webhook server. */
export function webhookHandler(hook: WebhookOptions, updates: WebhookUpdates) {
  const runs = new UpdateRuns(updates);
  return async (req: IncomingMessage, res: ServerResponse) => {
    const answer = (status: number) => {
      if (!res.headersSent) res.writeHead(status).end();
    };
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://x').pathname !== hook.path) return answer(404);
    if (!hasSecret(req, hook.secretToken)) return answer(401);
    const body = await readBody(req).catch(() => undefined);
    if (!body) return answer(413);
    let update: unknown;
    try {
      update = JSON.parse(body.toString('utf8'));
    } catch {
      return answer(400);
    }
    const id = updateIdOf(update);
    if (id === undefined) return answer(400);
    answer(await runs.answer(update as Update, id));
  };
}
