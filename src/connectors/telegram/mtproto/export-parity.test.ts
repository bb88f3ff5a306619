import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Api } from 'telegram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChannelEvent, type Item, itemSchema, type MediaRef } from '../../../core/index.js';
import { readAll, tempDir, writeExport, writeFile } from '../export/fixtures/export-dir.js';
import {
  CASES,
  CHANNEL,
  channel,
  exportedMessage,
  exportedService,
  GROUP,
  group,
  liveMessage,
  long,
  peers,
  SERVICE_BASE,
  SERVICE_CASES,
  unixOf,
} from './fixtures/parity-messages.js';
import { downloadMessageMedia, extensionOf } from './media-download.js';
import { messageToEvents, messageToItem } from './message-item.js';

/**
 * The heart of the live mapping: one message read from a Telegram Desktop export and the same
 * message seen live through MTProto must be one item. Each case below writes the message as the
 * exporter writes it and builds it as GramJS receives it, then compares the export reader's item
 * with `messageToItem`'s. Media is compared twice: as first seen live (status `remote`, no path:
 * everything else must agree) and after the monitor downloaded it with `downloadMessageMedia`
 * (the whole ref must agree, size included, but the path and the sha256 the monitor adds).
 */

/** Where the file lies, and its sha256: the monitor hashes what it downloads, the export reader does not. */
const withoutPath = ({ path: _p, sha256: _h, ...rest }: MediaRef) => rest;
const withoutDownload = ({ status: _s, path: _p, note: _n, ...rest }: MediaRef) => rest;

describe('the same message through the export reader and the MTProto mapping', () => {
  let tmp: ReturnType<typeof tempDir>;
  const exportedItems = new Map<string, Item>();
  const exportedEvents = new Map<string, ChannelEvent>();

  beforeAll(async () => {
    tmp = tempDir('rasd-parity-');
    const inChannel = CASES.map((c, i) => [c, i + 1] as const).filter(([c]) => (c.chat ?? channel) === channel);
    const inGroup = CASES.map((c, i) => [c, i + 1] as const).filter(([c]) => c.chat === group);
    const messages = [
      ...inChannel.map(([c, id]) => exportedMessage(id, channel, c.exported)),
      ...SERVICE_CASES.map((c, i) => exportedService(SERVICE_BASE + i, c.exported)),
    ];
    const full = {
      about: 'export',
      chats: {
        about: 'chats',
        list: [
          { name: 'Sample Channel', type: 'public_channel', id: CHANNEL, messages },
          {
            name: 'Neighbourhood Group',
            type: 'private_supergroup',
            id: GROUP,
            messages: inGroup.map(([c, id]) => exportedMessage(id, group, c.exported)),
          },
        ],
      },
    };
    writeExport(tmp.dir, full);
    for (const c of CASES) if (c.file) writeFile(tmp.dir, c.file.path, Buffer.alloc(c.file.bytes));
    const records = await readAll(tmp.dir);
    for (const record of records) {
      if (record.type === 'error') throw new Error(record.error.message);
      if (record.type === 'item') exportedItems.set(`${record.item.chat.id}/${record.item.messageId}`, record.item);
      if (record.type === 'channel-event') exportedEvents.set(record.event.messageId, record.event);
    }
  });
  afterAll(() => tmp.remove());

  it('covers every case', () => {
    expect(exportedItems.size).toBe(CASES.length);
    expect(exportedEvents.size).toBe(SERVICE_CASES.length);
  });

  it.each(CASES.map((c, i) => [c.name, c, i + 1] as const))('%s', (_name, c, id) => {
    const chat = c.chat ?? channel;
    const exported = exportedItems.get(`${String(chat.id)}/${id}`) as Item;
    const live = itemSchema.parse(messageToItem(liveMessage(id, chat, c.live), chat, { peers }));
    // First sight: not downloaded yet, so status and path differ from the export's; the rest may not.
    expect({ ...live, media: live.media.map(withoutDownload) }).toStrictEqual({
      ...exported,
      media: exported.media.map(withoutDownload),
    });
    expect(live.media.every((m) => m.status === 'remote')).toBe(true);
  });

  it.each(CASES.filter((c) => c.file).map((c) => [c.name, c, CASES.indexOf(c) + 1] as const))(
    '%s, once the monitor downloaded it, is equal media and all (but where the file lies)',
    async (_name, c, id) => {
      const message = liveMessage(id, channel, c.live);
      const bytes = Buffer.alloc(c.file?.bytes ?? 0);
      const media = await downloadMessageMedia(
        {
          mediaDir: join(tmp.dir, 'live'),
          limits: { maxBytes: 1 << 20, kinds: ['photo', 'video'] },
          fetch: async () => bytes,
        },
        message,
        String(channel.id),
      );
      const live = itemSchema.parse(messageToItem(message, channel, { peers, media }));
      const exported = exportedItems.get(`${CHANNEL}/${id}`) as Item;
      expect({ ...live, media: live.media.map(withoutPath) }).toStrictEqual({
        ...exported,
        media: exported.media.map(withoutPath),
      });
      expect(live.media.map((m) => m.path)).toEqual([`${CHANNEL}/${id}-0-0.${extensionOf(live.media[0] as MediaRef)}`]);
      expect(live.media[0]?.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    },
  );

  it.each(SERVICE_CASES.map((c, i) => [c.name, c, SERVICE_BASE + i] as const))('service: %s', (_name, c, id) => {
    const message = new Api.MessageService({
      id,
      peerId: new Api.PeerChannel({ channelId: long(CHANNEL) }),
      date: unixOf(id),
      action: c.action,
      post: true,
      ...(c.replyTo === undefined ? {} : { replyTo: new Api.MessageReplyHeader({ replyToMsgId: c.replyTo }) }),
    });
    const events = messageToEvents(message, channel, { peers });
    expect(events).toStrictEqual([{ kind: 'service', event: exportedEvents.get(String(id)), source: 'mtproto' }]);
  });
});
