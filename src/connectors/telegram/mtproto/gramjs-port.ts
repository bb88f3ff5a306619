import { Api, Logger, TelegramClient, utils } from 'telegram';
import { Raw } from 'telegram/events/index.js';
import { LogLevel } from 'telegram/extensions/Logger.js';
import { returnBigInt } from 'telegram/Helpers.js';
import { UpdateConnectionState } from 'telegram/network/index.js';
import { StringSession } from 'telegram/sessions/index.js';
import { appError, withinTime } from '../../../core/index.js';
import type { MtprotoPort, ResolvedChat, ResolveTarget } from './mtproto-port.js';
import type { ChatEntity } from './peer-ids.js';

/**
 * The MtprotoPort over GramJS. Thin on purpose: it cannot be exercised against Telegram from the
 * tests, so all logic (retries, gaps, paging) lives in the monitor, which tests drive with a fake.
 * GramJS' own sleeping on FLOOD_WAIT is off (`floodSleepThreshold: 0`) so every wait goes
 * through `withTelegramRetry`, and its logger is silenced: it would print requests and errors
 * that can hold message text.
 */

export interface GramjsPortOptions {
  apiId: number;
  apiHash: string;
  /** A StringSession string ('' for a first login). */
  session: string;
  connectionRetries?: number;
  /** A media download taking longer than this fails (TELEGRAM_UNAVAILABLE; the file gets a note). */
  downloadTimeoutMs?: number;
}

/**
 * Telegram's answers that mean "no such chat for this account" when looking one up by id: the
 * next peer kind or the dialogs may still find it. Anything else (network, FLOOD_WAIT, a revoked
 * session) propagates to the retry policy, so a re-check says `error`, not `gone`.
 */
const NOT_FOUND_ERRORS = new Set([
  'USERNAME_NOT_OCCUPIED',
  'USERNAME_INVALID',
  'CHANNEL_PRIVATE',
  'CHANNEL_INVALID',
  'CHAT_ID_INVALID',
  'PEER_ID_INVALID',
]);

/** GramJS' own words when it has no access hash for a peer (a plain Error, not an RPC answer). */
const UNKNOWN_ENTITY = /^Could not find the input entity/;

function isNotFound(error: unknown): boolean {
  const rpc = (error as { errorMessage?: unknown } | undefined)?.errorMessage;
  if (typeof rpc === 'string') return NOT_FOUND_ERRORS.has(rpc);
  return error instanceof Error && UNKNOWN_ENTITY.test(error.message);
}

const DOWNLOAD_CHUNK = 512 * 1024;

type Handler = (update: Api.TypeUpdates | Api.TypeUpdate) => void;

export class GramjsPort implements MtprotoPort {
  readonly client: TelegramClient;
  #dialogsLoaded = false;
  readonly #downloadTimeoutMs: number;

  constructor(options: GramjsPortOptions) {
    this.#downloadTimeoutMs = options.downloadTimeoutMs ?? 120_000;
    this.client = new TelegramClient(new StringSession(options.session), options.apiId, options.apiHash, {
      connectionRetries: options.connectionRetries ?? 5,
      floodSleepThreshold: 0,
      autoReconnect: true,
      baseLogger: new Logger(LogLevel.NONE),
    });
    this.client.setLogLevel(LogLevel.NONE);
  }

  /** The session to save after a login (sealed by `session-vault.ts`, never printed). */
  sessionString(): string {
    return String(this.client.session.save());
  }

  async connect(): Promise<void> {
    await this.client.connect();
  }

  async disconnect(): Promise<void> {
    await this.client.disconnect();
  }

  async resolve(target: ResolveTarget): Promise<ResolvedChat> {
    const chat = await this.#entity(target);
    return { chat, ...(await this.#full(chat)) };
  }

  async #entity(target: ResolveTarget): Promise<ChatEntity> {
    if (target.kind === 'username') {
      const resolved = await this.client.invoke(new Api.contacts.ResolveUsername({ username: target.username }));
      return pickEntity(resolved.peer, resolved.chats, resolved.users, target.username);
    }
    if (target.kind === 'invite') {
      const invite = await this.client.invoke(new Api.messages.CheckChatInvite({ hash: target.hash }));
      if (invite instanceof Api.ChatInviteAlready || invite instanceof Api.ChatInvitePeek) {
        return asEntity(invite.chat, 'the invite');
      }
      throw appError(
        'TELEGRAM_CHAT_UNREACHABLE',
        'this account is not a member of the chat behind the invite; watch it with --join',
      );
    }
    return this.#entityById(target.chatId);
  }

  /** A bare id only resolves for chats this account has met (their access hash is needed). */
  async #entityById(chatId: string): Promise<ChatEntity> {
    const peers = [
      new Api.PeerChannel({ channelId: returnBigInt(chatId) }),
      new Api.PeerChat({ chatId: returnBigInt(chatId) }),
    ];
    for (let pass = 0; pass < 2; pass++) {
      for (const peer of peers) {
        const entity = await this.client.getEntity(peer).catch((error: unknown) => {
          if (isNotFound(error)) return undefined;
          throw error;
        });
        if (entity instanceof Api.Channel || entity instanceof Api.Chat || entity instanceof Api.User) return entity;
      }
      if (this.#dialogsLoaded) break;
      // Loading the dialogs teaches GramJS the access hashes of every chat the account is in.
      await this.client.getDialogs({ limit: 500 });
      this.#dialogsLoaded = true;
    }
    throw appError(
      'TELEGRAM_CHAT_UNREACHABLE',
      `chat ${chatId} is not known to this account; watch it by @username or link instead`,
    );
  }

  async #full(chat: ChatEntity): Promise<{ full?: Api.TypeChatFull }> {
    if (chat instanceof Api.Channel) {
      return { full: (await this.client.invoke(new Api.channels.GetFullChannel({ channel: chat }))).fullChat };
    }
    if (chat instanceof Api.Chat) {
      return { full: (await this.client.invoke(new Api.messages.GetFullChat({ chatId: chat.id }))).fullChat };
    }
    return {};
  }

  async join(chat: ChatEntity): Promise<void> {
    if (chat instanceof Api.Channel) await this.client.invoke(new Api.channels.JoinChannel({ channel: chat }));
  }

  async joinInvite(hash: string): Promise<ResolvedChat> {
    const updates = await this.client.invoke(new Api.messages.ImportChatInvite({ hash }));
    const chats = updates instanceof Api.Updates || updates instanceof Api.UpdatesCombined ? updates.chats : [];
    const chat = asEntity(chats[0] ?? new Api.ChatEmpty({ id: returnBigInt(0) }), 'the invite');
    return { chat, ...(await this.#full(chat)) };
  }

  async history(chat: ChatEntity, page: { offsetId: number; limit: number }): Promise<Api.TypeMessage[]> {
    const result = await this.client.invoke(
      new Api.messages.GetHistory({
        peer: chat,
        offsetId: page.offsetId,
        offsetDate: 0,
        addOffset: 0,
        limit: page.limit,
        maxId: 0,
        minId: 0,
        hash: returnBigInt(0),
      }),
    );
    return withEntities(result);
  }

  async getMessages(chat: ChatEntity, ids: number[]): Promise<Api.TypeMessage[]> {
    const id = ids.map((n) => new Api.InputMessageID({ id: n }));
    const result =
      chat instanceof Api.Channel
        ? await this.client.invoke(new Api.channels.GetMessages({ channel: chat, id }))
        : await this.client.invoke(new Api.messages.GetMessages({ id }));
    return withEntities(result);
  }

  getState(): Promise<Api.updates.State> {
    return this.client.invoke(new Api.updates.GetState());
  }

  getDifference(from: { pts: number; qts: number; date: number }): Promise<Api.updates.TypeDifference> {
    return this.client.invoke(new Api.updates.GetDifference(from));
  }

  getChannelDifference(chat: ChatEntity, pts: number, limit: number): Promise<Api.updates.TypeChannelDifference> {
    if (!(chat instanceof Api.Channel))
      throw appError('INPUT_INVALID', 'only channels and supergroups have a channel difference');
    return this.client.invoke(
      new Api.updates.GetChannelDifference({ channel: chat, filter: new Api.ChannelMessagesFilterEmpty(), pts, limit }),
    );
  }

  onUpdate(handler: Handler): () => void {
    let dropped = false;
    const callback = (update: unknown) => {
      if (update instanceof UpdateConnectionState) {
        if (update.state !== UpdateConnectionState.connected) dropped = true;
        else if (dropped) {
          dropped = false;
          // Back after a drop: updates may have been missed, which is what UpdatesTooLong says.
          handler(new Api.UpdatesTooLong());
        }
        return;
      }
      handler(update as Api.TypeUpdate);
    };
    const builder = new Raw({});
    this.client.addEventHandler(callback, builder);
    return () => this.client.removeEventHandler(callback, builder);
  }

  async download(media: Api.TypeMessageMedia, maxBytes: number): Promise<Buffer | undefined> {
    const size = mediaSize(media);
    if (size !== undefined && size > maxBytes) return undefined;
    const abort = { aborted: false };
    const work =
      size === undefined ? this.#downloadCounted(media, maxBytes, abort) : this.client.downloadMedia(media, {});
    const ms = this.#downloadTimeoutMs;
    const bytes = await withinTime(work, ms, () => {
      abort.aborted = true; // the chunked download checks it and stops asking for parts
      return appError(
        'TELEGRAM_UNAVAILABLE',
        `the download took longer than ${Math.round(ms / 1000)} seconds, so the file was skipped`,
      );
    });
    if (!Buffer.isBuffer(bytes) || bytes.length > maxBytes) return undefined;
    return bytes;
  }

  /** Size not stated: chunk by chunk, stopping as soon as the bytes pass `maxBytes`. */
  async #downloadCounted(
    media: Api.TypeMessageMedia,
    maxBytes: number,
    abort: { aborted: boolean },
  ): Promise<Buffer | undefined> {
    const chunks: Buffer[] = [];
    let received = 0;
    for await (const chunk of this.client.iterDownload({ file: media, requestSize: DOWNLOAD_CHUNK })) {
      received += chunk.length;
      // Leaving the loop closes the iterator, which stops asking Telegram for more parts.
      if (received > maxBytes || abort.aborted) return undefined;
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  }

  async avatar(chat: ChatEntity, maxBytes: number): Promise<Buffer | undefined> {
    // The small size (160 px) is all PDQ needs, and a few kB to fetch.
    const bytes = await this.client.downloadProfilePhoto(chat, { isBig: false });
    if (!Buffer.isBuffer(bytes) || bytes.length === 0 || bytes.length > maxBytes) return undefined;
    return bytes;
  }
}

/** The size Telegram states for a file, before any byte is fetched. */
export function mediaSize(media: Api.TypeMessageMedia): number | undefined {
  if (media instanceof Api.MessageMediaDocument && media.document instanceof Api.Document) {
    return Number(media.document.size.toString());
  }
  if (media instanceof Api.MessageMediaPhoto && media.photo instanceof Api.Photo) {
    let largest: number | undefined;
    for (const size of media.photo.sizes) {
      const bytes =
        size instanceof Api.PhotoSize
          ? size.size
          : size instanceof Api.PhotoSizeProgressive
            ? Math.max(0, ...size.sizes)
            : undefined;
      if (bytes !== undefined) largest = Math.max(largest ?? 0, bytes);
    }
    return largest;
  }
  return undefined;
}

function asEntity(chat: Api.TypeChat | Api.TypeUser, what: string): ChatEntity {
  if (chat instanceof Api.Channel || chat instanceof Api.Chat || chat instanceof Api.User) return chat;
  throw appError('TELEGRAM_CHAT_UNREACHABLE', `${what} leads to a chat that is closed or forbidden to this account`);
}

function pickEntity(peer: Api.TypePeer, chats: Api.TypeChat[], users: Api.TypeUser[], name: string): ChatEntity {
  const wanted = utils.getPeerId(peer);
  const found = [...chats, ...users].find((entity) => utils.getPeerId(entity) === wanted);
  if (found === undefined)
    throw appError('TELEGRAM_CHAT_UNREACHABLE', `@${name} resolved to nothing this account can see`);
  return asEntity(found, `@${name}`);
}

/** Attaches the answer's users and chats to each message as GramJS does for updates, so names resolve. */
function withEntities(result: Api.messages.TypeMessages): Api.TypeMessage[] {
  if (result instanceof Api.messages.MessagesNotModified) return [];
  const entities = new Map<string, unknown>();
  for (const entity of [...result.users, ...result.chats]) entities.set(utils.getPeerId(entity), entity);
  for (const message of result.messages) Object.assign(message, { _entities: entities });
  return result.messages;
}
