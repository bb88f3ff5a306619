import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChatMember, Update, User } from 'grammy/types';

/**
 * A local stand-in for api.telegram.org, for tests only: Telegram cannot be reached from CI, and
 * the moderator must be tested against the protocol, not against mocks of grammY.
 *
 * API (also used by the CLI's end-to-end tests):
 * - `const fake = await startFakeBotApi({ token? })`; point grammY at it with
 *   `new Bot(fake.token, { client: { apiRoot: fake.url } })`; `await fake.close()` at the end.
 * - Speaks `GET|POST /bot<token>/<method>` with JSON, form or query parameters, and answers
 *   `{ ok: true, result }` or `{ ok: false, error_code, description, parameters? }` with the
 *   HTTP status equal to `error_code`, as Telegram does. A wrong token gets 401 Unauthorized.
 * - Methods: getMe, getUpdates (offset confirms, limit, timeout holds the request until an
 *   update is queued, allowed_updates), setWebhook / deleteWebhook / getWebhookInfo,
 *   getChatMember, getChat, getFile (+ `GET /file/bot<token>/<file_path>`), deleteMessage,
 *   banChatMember, restrictChatMember, banChatSenderChat, sendMessage. Others: 404 Not Found.
 * - Controls: `enqueue(update)` (fills `update_id` when 0 or missing), `calls` (every method call
 *   with its parsed params, in order), `fileGets` (paths of file downloads), `failNext(method,
 *   error)` (the next call of that method gets this error), `setRights(chatId, member)` (the
 *   bot's own ChatMember in a chat, by Bot API chat id), `setChat(chat)` (for getChat),
 *   `addFile(fileId, bytes, path, { declaredSize? })`, `postWebhook(update, secret?)` (delivers to the URL set by
 *   setWebhook, with Telegram's secret header; returns the HTTP status), `bot` (the bot's User).
 * - Rights: moderation methods need an administrator (or the creator) with the right at hand;
 *   otherwise `400 Bad Request: not enough rights to delete a message` /
 *   `400 Bad Request: not enough rights to restrict/ban chat member`, worded as Telegram does.
 *   Deleting a message twice gets `400 Bad Request: message to delete not found`.
 */

export interface BotApiError {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
}

export interface FakeFile {
  bytes: Buffer;
  path: string;
  uniqueId: string;
  declaredSize?: number;
}

export interface FakeBotApi {
  /** The API root for grammY's `client.apiRoot` (no trailing slash). */
  url: string;
  token: string;
  bot: User;
  calls: RecordedCall[];
  fileGets: string[];
  enqueue(update: Update): Update;
  failNext(method: string, error: BotApiError): void;
  setRights(chatId: number | string, member: ChatMember): void;
  setChat(chat: Record<string, unknown> & { id: number }): void;
  /** `declaredSize` makes getFile claim another size than the bytes served (a lying or stale size). */
  addFile(fileId: string, bytes: Buffer | string, path: string, options?: { declaredSize?: number }): void;
  postWebhook(update: Update, secret?: string): Promise<number>;
  /** Calls of one method, in order. */
  callsOf(method: string): RecordedCall[];
  close(): Promise<void>;
}

const NOT_ENOUGH_RIGHTS_DELETE = 'Bad Request: not enough rights to delete a message';
const NOT_ENOUGH_RIGHTS_RESTRICT = 'Bad Request: not enough rights to restrict/ban chat member';
/** Telegram's own limit for bots downloading through getFile. */
const CLOUD_FILE_LIMIT = 20 * 1024 * 1024;
const MAX_BODY = 1024 * 1024;

class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
  static ok(result: unknown): Reply {
    return new Reply(200, { ok: true, result });
  }
  static error(error: BotApiError): Reply {
    return new Reply(error.error_code, { ok: false, ...error });
  }
}

const badRequest = (description: string) =>
  Reply.error({ error_code: 400, description: `Bad Request: ${description}` });

/** Form and query values are strings; Telegram reads arrays and objects in them as JSON. */
function formValue(value: string): unknown {
  if (/^[[{]/.test(value) || /^-?\d+$/.test(value) || value === 'true' || value === 'false') {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

function fromPairs(pairs: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of pairs) out[key] = formValue(value);
  return out;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function paramsOf(req: IncomingMessage, url: URL): Promise<Record<string, unknown>> {
  const params = fromPairs(url.searchParams);
  if (req.method !== 'POST') return params;
  const body = (await readBody(req)).toString('utf8');
  const type = req.headers['content-type'] ?? '';
  if (body === '') return params;
  if (type.includes('application/json')) return { ...params, ...(JSON.parse(body) as Record<string, unknown>) };
  if (type.includes('application/x-www-form-urlencoded')) return { ...params, ...fromPairs(new URLSearchParams(body)) };
  return params;
}

function send(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(reply.body));
}

interface Waiter {
  wake(): void;
}

/** The state of the fake Telegram behind the HTTP surface. */
class FakeTelegram {
  readonly calls: RecordedCall[] = [];
  readonly fileGets: string[] = [];
  readonly updates: Update[] = [];
  readonly failures = new Map<string, BotApiError[]>();
  readonly rights = new Map<string, ChatMember>();
  readonly chats = new Map<string, Record<string, unknown>>();
  readonly files = new Map<string, FakeFile>();
  readonly deleted = new Set<string>();
  readonly waiters = new Set<Waiter>();
  webhook: { url: string; secret?: string } | undefined;
  allowedUpdates: string[] = [];
  nextUpdateId = 1;

  constructor(readonly bot: User) {}

  enqueue(update: Update): Update {
    const id = update.update_id > 0 ? update.update_id : this.nextUpdateId;
    this.nextUpdateId = Math.max(this.nextUpdateId, id + 1);
    const queued = { ...update, update_id: id };
    this.updates.push(queued);
    for (const waiter of this.waiters) waiter.wake();
    return queued;
  }

  member(chatId: unknown): ChatMember {
    return this.rights.get(String(chatId)) ?? { status: 'member', user: this.bot };
  }

  can(chatId: unknown, right: 'can_delete_messages' | 'can_restrict_members'): boolean {
    const member = this.member(chatId);
    if (member.status === 'creator') return true;
    return member.status === 'administrator' && member[right] === true;
  }

  pending(offset: number, limit: number): Update[] {
    const confirmed = this.updates.findIndex((u) => u.update_id >= offset);
    this.updates.splice(0, confirmed === -1 ? this.updates.length : confirmed);
    const wanted = (u: Update) =>
      this.allowedUpdates.length === 0 || Object.keys(u).some((key) => this.allowedUpdates.includes(key));
    return this.updates.filter(wanted).slice(0, limit);
  }
}

async function getUpdates(t: FakeTelegram, p: Record<string, unknown>, req: IncomingMessage): Promise<Reply> {
  if (t.webhook) {
    return Reply.error({
      error_code: 409,
      description:
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    });
  }
  if (Array.isArray(p.allowed_updates)) t.allowedUpdates = p.allowed_updates.map(String);
  const offset = typeof p.offset === 'number' ? p.offset : 0;
  const limit = typeof p.limit === 'number' ? Math.min(Math.max(p.limit, 1), 100) : 100;
  const timeout = typeof p.timeout === 'number' ? p.timeout : 0;
  const found = t.pending(offset, limit);
  if (found.length > 0 || timeout <= 0) return Reply.ok(found);
  await new Promise<void>((resolve) => {
    const waiter: Waiter = { wake: () => done() };
    const timer = setTimeout(() => done(), timeout * 1000);
    const done = () => {
      clearTimeout(timer);
      t.waiters.delete(waiter);
      req.off('close', done);
      resolve();
    };
    t.waiters.add(waiter);
    req.on('close', done);
  });
  return Reply.ok(t.pending(offset, limit));
}

function deleteMessage(t: FakeTelegram, p: Record<string, unknown>): Reply {
  if (!t.can(p.chat_id, 'can_delete_messages'))
    return Reply.error({ error_code: 400, description: NOT_ENOUGH_RIGHTS_DELETE });
  const key = `${String(p.chat_id)}/${String(p.message_id)}`;
  if (t.deleted.has(key)) return badRequest('message to delete not found');
  t.deleted.add(key);
  return Reply.ok(true);
}

function restricting(t: FakeTelegram, p: Record<string, unknown>): Reply {
  if (!t.can(p.chat_id, 'can_restrict_members'))
    return Reply.error({ error_code: 400, description: NOT_ENOUGH_RIGHTS_RESTRICT });
  return Reply.ok(true);
}

function getFile(t: FakeTelegram, p: Record<string, unknown>): Reply {
  const file = t.files.get(String(p.file_id));
  if (!file) return badRequest('invalid file_id');
  if (file.bytes.length > CLOUD_FILE_LIMIT) return badRequest('file is too big');
  return Reply.ok({
    file_id: String(p.file_id),
    file_unique_id: file.uniqueId,
    file_size: file.declaredSize ?? file.bytes.length,
    file_path: file.path,
  });
}

type Handler = (t: FakeTelegram, p: Record<string, unknown>, req: IncomingMessage) => Reply | Promise<Reply>;

const METHODS: Record<string, Handler> = {
  getMe: (t) => Reply.ok(t.bot),
  getUpdates,
  setWebhook: (t, p) => {
    t.webhook = { url: String(p.url), ...(typeof p.secret_token === 'string' && { secret: p.secret_token }) };
    return Reply.ok(true);
  },
  deleteWebhook: (t, p) => {
    t.webhook = undefined;
    if (p.drop_pending_updates === true) t.updates.length = 0;
    return Reply.ok(true);
  },
  getWebhookInfo: (t) =>
    Reply.ok({ url: t.webhook?.url ?? '', has_custom_certificate: false, pending_update_count: t.updates.length }),
  getChatMember: (t, p) =>
    Number(p.user_id) === t.bot.id
      ? Reply.ok(t.member(p.chat_id))
      : Reply.ok({ status: 'member', user: { id: Number(p.user_id), is_bot: false, first_name: 'Member' } }),
  getChat: (t, p) => {
    const chat = t.chats.get(String(p.chat_id));
    return chat ? Reply.ok(chat) : badRequest('chat not found');
  },
  getFile,
  deleteMessage,
  banChatMember: restricting,
  restrictChatMember: restricting,
  banChatSenderChat: restricting,
  sendMessage: (_t, p) =>
    Reply.ok({ message_id: 1, date: Math.floor(Date.now() / 1000), chat: { id: Number(p.chat_id), type: 'private' } }),
};

async function handleMethod(t: FakeTelegram, method: string, req: IncomingMessage, url: URL): Promise<Reply> {
  const params = await paramsOf(req, url);
  t.calls.push({ method, params });
  const failure = t.failures.get(method)?.shift();
  if (failure) return Reply.error(failure);
  const handler = Object.hasOwn(METHODS, method) ? METHODS[method] : undefined;
  if (!handler) return Reply.error({ error_code: 404, description: 'Not Found: method not found' });
  return handler(t, params, req);
}

function route(t: FakeTelegram, token: string) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (file && req.method === 'GET') {
      const path = decodeURIComponent(file[2] as string);
      const found = file[1] === token ? [...t.files.values()].find((f) => f.path === path) : undefined;
      t.fileGets.push(path);
      if (!found) return send(res, Reply.error({ error_code: 404, description: 'Not Found' }));
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': found.bytes.length });
      return res.end(found.bytes);
    }
    const call = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!call) return send(res, Reply.error({ error_code: 404, description: 'Not Found' }));
    if (call[1] !== token) return send(res, Reply.error({ error_code: 401, description: 'Unauthorized' }));
    try {
      send(res, await handleMethod(t, call[2] as string, req, url));
    } catch {
      send(res, badRequest("can't parse request"));
    }
  };
}

async function deliver(t: FakeTelegram, update: Update, secret: string | undefined): Promise<number> {
  if (!t.webhook) throw new Error('no webhook is set: call setWebhook first');
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (secret !== undefined) headers['x-telegram-bot-api-secret-token'] = secret;
  const response = await fetch(t.webhook.url, { method: 'POST', headers, body: JSON.stringify(update) });
  await response.arrayBuffer();
  return response.status;
}

export async function startFakeBotApi(options: { token?: string; bot?: Partial<User> } = {}): Promise<FakeBotApi> {
  const token = options.token ?? '123456:TEST-token_for-the-fake';
  const bot: User = {
    id: Number(token.split(':')[0]),
    is_bot: true,
    first_name: 'Rasd Test Bot',
    username: 'rasd_test_bot',
    ...options.bot,
  };
  const t = new FakeTelegram(bot);
  const server: Server = createServer((req, res) => void route(t, token)(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    bot,
    calls: t.calls,
    fileGets: t.fileGets,
    enqueue: (update) => t.enqueue(update),
    failNext: (method, error) => t.failures.set(method, [...(t.failures.get(method) ?? []), error]),
    setRights: (chatId, member) => t.rights.set(String(chatId), member),
    setChat: (chat) => t.chats.set(String(chat.id), chat),
    addFile: (fileId, bytes, path, extra = {}) =>
      t.files.set(fileId, { bytes: Buffer.from(bytes), path, uniqueId: `unique-${fileId}`, ...extra }),
    postWebhook: (update, secret) => deliver(t, update, secret),
    callsOf: (method) => t.calls.filter((c) => c.method === method),
    close: () =>
      new Promise<void>((resolve) => {
        for (const waiter of t.waiters) waiter.wake();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The bot's ChatMember as an administrator with the given rights (all others false). */
export function adminMember(
  bot: User,
  rights: { can_delete_messages?: boolean; can_restrict_members?: boolean } = {},
): ChatMember {
  return {
    status: 'administrator',
    user: bot,
    can_be_edited: false,
    is_anonymous: false,
    can_manage_chat: true,
    can_delete_messages: rights.can_delete_messages ?? false,
    can_manage_video_chats: false,
    can_restrict_members: rights.can_restrict_members ?? false,
    can_promote_members: false,
    can_change_info: false,
    can_invite_users: false,
    can_post_stories: false,
    can_edit_stories: false,
    can_delete_stories: false,
  } as ChatMember;
}
