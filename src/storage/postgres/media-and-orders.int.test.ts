import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaPreview } from '../media-preview-ports.js';
import type { NewRemovalOrder } from '../removal-order-ports.js';
import { PgMediaPreviewStore } from './media-preview-store.js';
import { PgRemovalOrderStore } from './removal-order-store.js';
import { TestSchemas } from './schema-testing.js';

let schemas: TestSchemas;
beforeAll(async () => {
  schemas = await TestSchemas.create('media_orders');
});
afterAll(() => schemas.drop());

const preview = (index: number, bytes: number[]): MediaPreview => ({
  itemKey: 'telegram:-1001:7:0',
  mediaIndex: index,
  mime: 'image/jpeg',
  width: 640,
  height: 480,
  bytes: new Uint8Array(bytes),
  createdAt: '2026-01-01T00:00:00.000Z',
});

describe('PgMediaPreviewStore', () => {
  it('keeps the first copy per item and index, bytes intact', async () => {
    const store = new PgMediaPreviewStore(await schemas.pool(), () => new Date());
    await store.saveMediaPreviews([preview(2, [0, 255, 1, 0]), preview(0, [9])]);
    await store.saveMediaPreviews([preview(2, [7, 7]), preview(2, [8])]);
    await store.saveMediaPreviews([]);
    expect(await store.getMediaPreview('telegram:-1001:7:0', 2)).toStrictEqual(preview(2, [0, 255, 1, 0]));
    expect(await store.getMediaPreview('telegram:-1001:7:0', 1)).toBeUndefined();
    expect(await store.listMediaPreviewIndexes('telegram:-1001:7:0')).toEqual([0, 2]);
    expect(await store.listMediaPreviewIndexes('nothing')).toEqual([]);
  });

  it('saves more previews in one call than one statement may carry parameters for', async () => {
    const store = new PgMediaPreviewStore(await schemas.pool(), () => new Date());
    const many = Array.from({ length: 10_000 }, (_, n) => ({
      ...preview(n, [n % 256]),
      itemKey: 'telegram:-1001:8:0',
    }));
    await store.saveMediaPreviews(many);
    expect(await store.listMediaPreviewIndexes('telegram:-1001:8:0')).toHaveLength(10_000);
  });
});

const order = (over: Partial<NewRemovalOrder> = {}): NewRemovalOrder => ({
  orderId: 'ro_1',
  authority: 'Example Authority',
  reference: 'REF-1',
  receivedAt: '2026-04-01T10:00:00.000Z',
  itemLinks: ['https://t.me/example_channel/1', 'https://t.me/example_channel/2'],
  recordedBy: 'user:ana',
  recordedAt: '2026-04-01T10:05:00.000Z',
  ...over,
});

describe('PgRemovalOrderStore', () => {
  it('records an order once per authority and reference, lists newest first and completes once', async () => {
    const store = new PgRemovalOrderStore(await schemas.pool(), () => new Date());
    const first = await store.saveRemovalOrder(order());
    expect(first).toStrictEqual({ created: true, order: { ...order(), status: 'open' } });
    const again = await store.saveRemovalOrder(order({ orderId: 'ro_dup', receivedAt: '2026-04-02T00:00:00.000Z' }));
    expect(again).toStrictEqual({ created: false, order: { ...order(), status: 'open' } });
    await store.saveRemovalOrder(
      order({ orderId: 'ro_2', reference: 'REF-2', receivedAt: '2026-04-03T00:00:00.000Z', itemKey: 'k' }),
    );
    expect((await store.listRemovalOrders({ limit: 10 })).map((o) => o.orderId)).toEqual(['ro_2', 'ro_1']);
    const done = await store.completeRemovalOrder('ro_1', {
      completedAt: '2026-04-01T10:40:00.000Z',
      completedBy: 'ana',
    });
    expect(done).toMatchObject({ changed: true, order: { status: 'completed', completedBy: 'ana' } });
    const twice = await store.completeRemovalOrder('ro_1', {
      completedAt: '2026-04-01T11:00:00.000Z',
      completedBy: 'bo',
    });
    expect(twice).toMatchObject({ changed: false, order: { completedAt: '2026-04-01T10:40:00.000Z' } });
    expect(await store.completeRemovalOrder('ro_none', { completedAt: 'x', completedBy: 'y' })).toBeUndefined();
    expect((await store.listRemovalOrders({ status: 'open', limit: 10 })).map((o) => o.orderId)).toEqual(['ro_2']);
    expect((await store.getRemovalOrder('ro_2'))?.itemKey).toBe('k');
    expect(await store.getRemovalOrder('ro_none')).toBeUndefined();
  });
});
