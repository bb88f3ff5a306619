import { Api } from 'telegram';
import { returnBigInt } from 'telegram/Helpers.js';
import { describe, expect, it } from 'vitest';
import type { MediaKind } from '../../../core/index.js';
import { describeMedia, type MediaLimits, mediaOf } from './message-media.js';

const long = (n: number) => returnBigInt(n);
const ALL: MediaLimits = {
  maxBytes: 10_000_000,
  kinds: ['photo', 'video', 'animation', 'audio', 'voice', 'video-note', 'document', 'sticker'],
};

const message = (media: Api.TypeMessageMedia) =>
  new Api.Message({
    id: 1,
    peerId: new Api.PeerChannel({ channelId: long(1) }),
    date: 1_700_000_000,
    message: '',
    media,
  });

const photoOf = (sizes: Api.TypePhotoSize[]) =>
  new Api.MessageMediaPhoto({
    photo: new Api.Photo({ id: long(1), accessHash: long(1), fileReference: Buffer.alloc(1), date: 0, dcId: 1, sizes }),
  });

function documentOf(attributes: Api.TypeDocumentAttribute[], mimeType = 'application/octet-stream', size = 1000) {
  return new Api.MessageMediaDocument({
    document: new Api.Document({
      id: long(1),
      accessHash: long(1),
      fileReference: Buffer.alloc(1),
      date: 0,
      dcId: 1,
      mimeType,
      size: long(size),
      attributes,
    }),
  });
}

const refOf = (media: Api.TypeMessageMedia) => describeMedia(message(media))[0]?.ref;
const kindOf = (attributes: Api.TypeDocumentAttribute[]): MediaKind | undefined => refOf(documentOf(attributes))?.kind;
const video = (fields: Partial<ConstructorParameters<typeof Api.DocumentAttributeVideo>[0]> = {}) =>
  new Api.DocumentAttributeVideo({ duration: 3, w: 320, h: 240, ...fields });

describe('describeMedia: photos', () => {
  it('describes the largest size by area, as the exporter picks it', () => {
    const media = photoOf([
      new Api.PhotoStrippedSize({ type: 'i', bytes: Buffer.alloc(3) }),
      new Api.PhotoSize({ type: 'x', w: 800, h: 600, size: 50_000 }),
      new Api.PhotoCachedSize({ type: 's', w: 90, h: 90, bytes: Buffer.alloc(700) }),
      new Api.PhotoSize({ type: 'm', w: 320, h: 240, size: 9_000 }),
    ]);
    expect(refOf(media)).toEqual({ kind: 'photo', status: 'remote', size: 50_000, width: 800, height: 600 });
  });

  it('takes a progressive size at its final length, and skips one without lengths', () => {
    expect(refOf(photoOf([new Api.PhotoSizeProgressive({ type: 'y', w: 1280, h: 960, sizes: [1, 2, 3] })]))).toEqual({
      kind: 'photo',
      status: 'remote',
      size: 3,
      width: 1280,
      height: 960,
    });
    expect(refOf(photoOf([new Api.PhotoSizeProgressive({ type: 'y', w: 1280, h: 960, sizes: [] })]))).toEqual({
      kind: 'photo',
      status: 'remote',
    });
  });

  it('has no media for an empty or expired photo', () => {
    expect(describeMedia(message(new Api.MessageMediaPhoto({ photo: new Api.PhotoEmpty({ id: long(1) }) })))).toEqual(
      [],
    );
    expect(describeMedia(message(new Api.MessageMediaPhoto({ ttlSeconds: 10 })))).toEqual([]);
  });
});

describe('describeMedia: documents', () => {
  it('reads the kind with the exporter precedence', () => {
    const audio = (voice: boolean) => new Api.DocumentAttributeAudio({ voice, duration: 4 });
    const sticker = new Api.DocumentAttributeSticker({ alt: '', stickerset: new Api.InputStickerSetEmpty() });
    expect(kindOf([video()])).toBe('video');
    expect(kindOf([video(), new Api.DocumentAttributeAnimated()])).toBe('animation');
    expect(kindOf([video({ roundMessage: true }), new Api.DocumentAttributeAnimated()])).toBe('video-note');
    expect(kindOf([audio(true)])).toBe('voice');
    expect(kindOf([audio(false)])).toBe('audio');
    expect(kindOf([sticker, video()])).toBe('sticker');
    expect(
      kindOf([new Api.DocumentAttributeCustomEmoji({ alt: '', stickerset: new Api.InputStickerSetEmpty() })]),
    ).toBe('sticker');
    expect(kindOf([new Api.DocumentAttributeFilename({ fileName: 'a.zip' })])).toBe('document');
  });

  it('keeps file facts as the export writes them: whole seconds, both dimensions or none, no sticker mime', () => {
    expect(
      refOf(
        documentOf(
          [video({ duration: 7.9, w: 0, h: 360 }), new Api.DocumentAttributeFilename({ fileName: 'v.mp4' })],
          'video/mp4',
          5000,
        ),
      ),
    ).toEqual({
      kind: 'video',
      status: 'remote',
      size: 5000,
      fileName: 'v.mp4',
      mime: 'video/mp4',
      durationSeconds: 7,
    });
    const sticker = documentOf(
      [
        new Api.DocumentAttributeImageSize({ w: 512, h: 512 }),
        new Api.DocumentAttributeSticker({ alt: '', stickerset: new Api.InputStickerSetEmpty() }),
      ],
      'image/webp',
    );
    expect(refOf(sticker)).toEqual({ kind: 'sticker', status: 'remote', size: 1000, width: 512, height: 512 });
    expect(refOf(documentOf([video({ duration: 0 })], 'video/mp4'))).not.toHaveProperty('durationSeconds');
  });

  it('has no media for an empty document, a web page, a location or a poll', () => {
    const none = [
      new Api.MessageMediaDocument({ document: new Api.DocumentEmpty({ id: long(1) }) }),
      new Api.MessageMediaWebPage({ webpage: new Api.WebPageEmpty({ id: long(1) }) }),
      new Api.MessageMediaGeo({ geo: new Api.GeoPointEmpty() }),
      new Api.MessageMediaPoll({
        poll: new Api.Poll({
          id: long(1),
          question: new Api.TextWithEntities({ text: 'q', entities: [] }),
          answers: [],
        }),
        results: new Api.PollResults({}),
      }),
    ];
    for (const media of none) expect(describeMedia(message(media))).toEqual([]);
    expect(
      describeMedia(new Api.Message({ id: 1, peerId: new Api.PeerUser({ userId: long(1) }), date: 0, message: '' })),
    ).toEqual([]);
  });
});

describe('mediaOf', () => {
  const clip = documentOf([video()], 'video/mp4', 2_000);

  it('wants a file of a scanned kind within the size limit, with no note', () => {
    const [found] = mediaOf(message(clip), { maxBytes: 2_000, kinds: ['video'] });
    expect(found?.wanted).toBe(true);
    expect(found?.reason).toBeUndefined();
    expect(found?.ref).not.toHaveProperty('note');
    expect(found?.source).toBe(clip);
  });

  it('does not want a file over the limit, and says so in the ref', () => {
    const [found] = mediaOf(message(clip), { maxBytes: 1_999, kinds: ['video'] });
    expect(found?.wanted).toBe(false);
    expect(found?.reason).toBe('it is 2000 bytes, over the download limit of 1999 bytes, so it was not downloaded');
    expect(found?.ref.note).toBe(found?.reason);
    expect(found?.ref.status).toBe('remote');
  });

  it('does not want a kind the scan does not use', () => {
    const [found] = mediaOf(message(clip), { ...ALL, kinds: ['photo'] });
    expect(found?.wanted).toBe(false);
    expect(found?.reason).toBe('video files are not scanned, so it was not downloaded');
  });

  it('does not want a file whose size is unknown', () => {
    const [found] = mediaOf(
      message(photoOf([new Api.PhotoSizeProgressive({ type: 'y', w: 1, h: 1, sizes: [] })])),
      ALL,
    );
    expect(found?.wanted).toBe(false);
    expect(found?.reason).toMatch(/how large/);
  });
});
