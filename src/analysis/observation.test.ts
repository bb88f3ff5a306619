import { describe, expect, it } from 'vitest';
import { type Item, itemSchema } from '../core/index.js';
import { observationOf } from './observation.js';

const SHA = 'ab'.repeat(32);

function item(over: Partial<Item> = {}): Item {
  return itemSchema.parse({
    chat: { id: '-100123', username: 'Some_Chan', title: 'Some Chan', type: 'supergroup' },
    messageId: '42',
    postedAt: '2026-03-01T10:00:00Z',
    ...over,
  });
}

describe('observationOf', () => {
  it('keeps the chat, time and message identity', () => {
    const o = observationOf(item());
    expect(o).toMatchObject({
      chatId: '-100123',
      chatKind: 'group',
      handle: 'some_chan',
      title: 'Some Chan',
      messageId: '42',
      at: '2026-03-01T10:00:00Z',
    });
  });

  it('reads links from text, hidden text-links and buttons', () => {
    const o = observationOf(
      item({
        text: 'see t.me/first_chan and here',
        entities: [
          { type: 'text-link', text: 'here', url: 'https://t.me/+Hidden12345' },
          { type: 'button-url', text: 'Join', url: 'https://t.me/button_chan' },
        ],
      }),
    );
    expect(o.links).toEqual(
      expect.arrayContaining([
        { url: 'https://t.me/first_chan', via: 'text' },
        { url: 'https://t.me/+Hidden12345', via: 'hidden' },
        { url: 'https://t.me/button_chan', via: 'button' },
      ]),
    );
  });

  it('collects mentions from entities and text, lower-cased, never from e-mail addresses', () => {
    const o = observationOf(
      item({ text: 'thanks @Other_Chan, mail a@example.org', entities: [{ type: 'mention', text: '@Third_Chan' }] }),
    );
    expect(o.mentions.sort()).toEqual(['other_chan', 'third_chan']);
  });

  it('maps the forward and the media and text fingerprints', () => {
    const o = observationOf(
      item({
        text: 'Weekly bulletin about the regional weather and the market prices',
        media: [{ kind: 'photo', status: 'present', sha256: SHA }],
        forward: { fromId: '555', fromName: 'Origin' },
      }),
      { mediaFingerprints: ['F'.repeat(64), 'media:cafe'], tactics: ['leet'], orgs: ['x'], language: 'en' },
    );
    expect(o.forwardFrom).toEqual({ chatId: '555', name: 'Origin' });
    expect(o.fingerprints).toEqual(
      expect.arrayContaining([
        `media:${SHA}`,
        `media:${'f'.repeat(64)}`,
        'media:cafe',
        expect.stringMatching(/^text:/),
      ]),
    );
    expect(o).toMatchObject({ tactics: ['leet'], orgs: ['x'], language: 'en' });
  });

  it('measures bare text and sees a beacon post as nearly bare', () => {
    const beacon = observationOf(item({ text: '👇 https://t.me/+Code123456 @next_chan' }));
    expect(beacon.bareTextLength).toBeLessThanOrEqual(2);
    expect(observationOf(item({ text: 'a b c' })).bareTextLength).toBe(3);
  });

  it('flags backup announcements and keeps no text', () => {
    const o = observationOf(item({ text: 'القناة الاحتياطية: t.me/next_chan' }));
    expect(o.announcesBackup).toBe(true);
    expect(JSON.stringify(o)).not.toContain('الاحتياطية');
  });
});
