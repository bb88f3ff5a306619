import { Api } from 'telegram';
import { FloodWaitError, RPCError } from 'telegram/errors/index.js';
import { returnBigInt as bigInt } from 'telegram/Helpers.js';
import { UpdateConnectionState } from 'telegram/network/index.js';
import { StringSession } from 'telegram/sessions/index.js';
import { describe, expect, it, vi } from 'vitest';
import { GramjsPort, mediaSize } from './gramjs-port.js';

const API = { apiId: 12345, apiHash: '0123456789abcdef0123456789abcdef' };

function documentMedia(size: number) {
  return new Api.MessageMediaDocument({
    document: new Api.Document({
      id: bigInt(1),
      accessHash: bigInt(2),
      fileReference: Buffer.alloc(0),
      date: 1_700_000_000,
      mimeType: 'video/mp4',
      size: bigInt(size),
      dcId: 2,
      attributes: [],
    }),
  });
}

describe('GramjsPort (offline)', () => {
  it('builds a client from a saved session string and gives the same session back', () => {
    const session = new StringSession('');
    session.setDC(2, '149.154.167.51', 443);
    session.setAuthKey(undefined);
    const saved = session.save();
    const port = new GramjsPort({ ...API, session: saved });
    expect(port.sessionString()).toBe(saved);
    expect(port.client.floodSleepThreshold).toBe(0);
  });

  it('refuses an oversize file before any byte is downloaded', async () => {
    const port = new GramjsPort({ ...API, session: '' });
    const download = vi.spyOn(port.client, 'downloadMedia').mockResolvedValue(Buffer.alloc(10));
    await expect(port.download(documentMedia(5_000_000), 1_000_000)).resolves.toBeUndefined();
    expect(download).not.toHaveBeenCalled();
  });

  it('downloads a file within the limit, and drops one that turned out larger than stated', async () => {
    const port = new GramjsPort({ ...API, session: '' });
    const download = vi.spyOn(port.client, 'downloadMedia').mockResolvedValueOnce(Buffer.alloc(500));
    await expect(port.download(documentMedia(500), 1_000)).resolves.toHaveLength(500);
    download.mockResolvedValueOnce(Buffer.alloc(2_000));
    await expect(port.download(documentMedia(500), 1_000)).resolves.toBeUndefined();
    expect(download).toHaveBeenCalledTimes(2);
  });

  it('passes raw updates on, and turns a reconnect after a drop into UpdatesTooLong (catch up with getDifference)', () => {
    const port = new GramjsPort({ ...API, session: '' });
    let callback: ((update: unknown) => void) | undefined;
    vi.spyOn(port.client, 'addEventHandler').mockImplementation((cb) => {
      callback = cb as (update: unknown) => void;
    });
    const remove = vi.spyOn(port.client, 'removeEventHandler').mockImplementation(() => {});
    const seen: unknown[] = [];
    const unsubscribe = port.onUpdate((update) => seen.push(update));
    const update = new Api.UpdateDeleteChannelMessages({ channelId: bigInt(1), messages: [1], pts: 2, ptsCount: 1 });
    callback?.(new UpdateConnectionState(UpdateConnectionState.connected));
    callback?.(update);
    callback?.(new UpdateConnectionState(UpdateConnectionState.disconnected));
    callback?.(new UpdateConnectionState(UpdateConnectionState.connected));
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(update);
    expect(seen[1]).toBeInstanceOf(Api.UpdatesTooLong);
    unsubscribe();
    expect(remove).toHaveBeenCalledTimes(1);
  });

  it('reads the stated size of documents and of the largest photo size', () => {
    expect(mediaSize(documentMedia(4_242))).toBe(4_242);
    const photo = new Api.MessageMediaPhoto({
      photo: new Api.Photo({
        id: bigInt(1),
        accessHash: bigInt(2),
        fileReference: Buffer.alloc(0),
        date: 1,
        dcId: 2,
        sizes: [
          new Api.PhotoSize({ type: 'm', w: 320, h: 240, size: 9_000 }),
          new Api.PhotoSizeProgressive({ type: 'y', w: 1280, h: 960, sizes: [1_000, 40_000, 88_000] }),
        ],
      }),
    });
    expect(mediaSize(photo)).toBe(88_000);
    expect(mediaSize(new Api.MessageMediaGeo({ geo: new Api.GeoPointEmpty() }))).toBeUndefined();
  });

  it('a file of unknown size is read chunk by chunk and dropped as soon as it passes the limit', async () => {
    const port = new GramjsPort({ ...API, session: '' });
    let served = 0;
    let closed = false;
    vi.spyOn(port.client, 'iterDownload').mockImplementation((() =>
      (async function* () {
        try {
          for (;;) {
            served++;
            yield Buffer.alloc(400);
          }
        } finally {
          closed = true;
        }
      })()) as never);
    const unsized = photoOfUnknownSize();
    expect(mediaSize(unsized)).toBeUndefined();
    await expect(port.download(unsized, 1_000)).resolves.toBeUndefined();
    expect(served).toBe(3);
    expect(closed).toBe(true);
  });

  it('a file of unknown size within the limit comes back whole', async () => {
    const port = new GramjsPort({ ...API, session: '' });
    vi.spyOn(port.client, 'iterDownload').mockImplementation((() =>
      (async function* () {
        yield Buffer.from('ab');
        yield Buffer.from('cd');
      })()) as never);
    await expect(port.download(photoOfUnknownSize(), 1_000)).resolves.toEqual(Buffer.from('abcd'));
  });

  it('a download that hangs fails after the time-out as TELEGRAM_UNAVAILABLE', async () => {
    const port = new GramjsPort({ ...API, session: '', downloadTimeoutMs: 20 });
    vi.spyOn(port.client, 'downloadMedia').mockReturnValue(new Promise(() => {}));
    await expect(port.download(documentMedia(500), 1_000)).rejects.toMatchObject({ code: 'TELEGRAM_UNAVAILABLE' });
  });

  it('by id, only "no such chat" answers move on; a network failure or FLOOD_WAIT propagates', async () => {
    const port = new GramjsPort({ ...API, session: '' });
    const channel = new Api.Channel({
      id: bigInt(77),
      accessHash: bigInt(1),
      title: 'Neutral',
      date: 1,
      photo: new Api.ChatPhotoEmpty(),
    });
    const getEntity = vi.spyOn(port.client, 'getEntity');
    vi.spyOn(port.client, 'getDialogs').mockResolvedValue([] as never);
    vi.spyOn(port.client, 'invoke').mockResolvedValue(
      new Api.messages.ChatFull({ fullChat: {} as never, chats: [], users: [] }) as never,
    );
    getEntity
      .mockRejectedValueOnce(new RPCError('CHANNEL_INVALID', undefined as never, 400))
      .mockRejectedValueOnce(new Error('Could not find the input entity for {"chatId":"77"}'))
      .mockResolvedValueOnce(channel as never);
    await expect(port.resolve({ kind: 'id', chatId: '77' })).resolves.toMatchObject({ chat: channel });

    getEntity.mockRejectedValueOnce(Object.assign(new Error('connect ECONNRESET'), { code: 'ECONNRESET' }));
    await expect(port.resolve({ kind: 'id', chatId: '77' })).rejects.toMatchObject({ code: 'ECONNRESET' });
    getEntity.mockRejectedValueOnce(new FloodWaitError({ request: undefined as never, capture: 30 }));
    await expect(port.resolve({ kind: 'id', chatId: '77' })).rejects.toBeInstanceOf(FloodWaitError);
  });
});

function photoOfUnknownSize() {
  return new Api.MessageMediaPhoto({
    photo: new Api.Photo({
      id: bigInt(1),
      accessHash: bigInt(2),
      fileReference: Buffer.alloc(0),
      date: 1,
      dcId: 2,
      sizes: [new Api.PhotoStrippedSize({ type: 'i', bytes: Buffer.alloc(3) })],
    }),
  });
}
