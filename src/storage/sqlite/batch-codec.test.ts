import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Item, itemKey } from '../../core/index.js';
import { makeItem, makeRichItem, makeScannedBatch, makeViolating } from '../contract/fixtures.js';
import { ASSESSMENT_COLUMNS, assessmentToRow, CATEGORY_COLUMNS, ORG_COLUMNS } from './assessment-codec.js';
import { encodeBatch } from './batch-codec.js';
import { ITEM_COLUMNS, itemDocument, itemToRow, pushItemCells } from './item-codec.js';
import { type Cell, pushRow } from './row-insert.js';

/** The document as first written: the object form, stringified whole. */
function referenceDocument(item: Item): string {
  const { platform, chat, messageId, version, postedAt, text, ...rest } = item;
  const { id, ...chatRest } = chat;
  void [platform, messageId, version, postedAt, text, id];
  return JSON.stringify({ chat: chatRest, ...rest });
}

function expectSameRow(item: Item): void {
  expect(itemDocument(item)).toBe(referenceDocument(item));
  const direct: Cell[] = [];
  pushItemCells(item, itemKey(item), direct);
  const viaRow: Cell[] = [];
  pushRow(ITEM_COLUMNS, itemToRow(item, itemKey(item)), viaRow);
  expect(direct).toEqual(viaRow);
  expect(viaRow[0]).toBe(itemKey(item));
  expect(viaRow[8]).toBe(referenceDocument(item));
}

describe('batch encoding', () => {
  it('writes item documents exactly as JSON.stringify of the object form would', () => {
    expectSameRow(makeItem());
    expectSameRow(makeRichItem());
    expectSameRow({ ...makeRichItem(), author: undefined, forward: undefined } as unknown as Item);
    expectSameRow(makeItem({ chat: { title: 'quote " and \\ and \u2028', type: 'group' } }));
  });

  it('writes random items the same way', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 12 });
    const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
    const entity = fc.record(
      { type: fc.constantFrom('url', 'mention'), text, url: maybe(text) },
      { requiredKeys: ['type', 'text'] },
    );
    const media = fc.record(
      {
        kind: fc.constantFrom('photo', 'video'),
        status: fc.constantFrom('present', 'missing'),
        path: maybe(text),
        size: maybe(fc.nat()),
      },
      { requiredKeys: ['kind', 'status'] },
    );
    const item = fc.record(
      {
        chat: fc.record(
          { id: text, username: maybe(text), title: maybe(text), type: maybe(fc.constantFrom('channel', 'group')) },
          { requiredKeys: ['id'] },
        ),
        messageId: text,
        version: fc.nat(),
        author: maybe(fc.record({ id: maybe(text), name: maybe(text) }, { requiredKeys: [] })),
        text,
        entities: fc.array(entity, { maxLength: 3 }),
        media: fc.array(media, { maxLength: 2 }),
        forward: maybe(fc.record({ fromName: maybe(text), messageId: maybe(text) }, { requiredKeys: [] })),
        replyTo: maybe(text),
        views: maybe(fc.nat()),
        viaBot: maybe(text),
      },
      { requiredKeys: ['chat', 'messageId', 'version', 'text', 'entities', 'media'] },
    );
    fc.assert(
      fc.property(item, (fields) => {
        expectSameRow({ platform: 'telegram', postedAt: '2024-03-01T12:00:00.000Z', ...fields } as Item);
      }),
      { numRuns: 500 },
    );
  });

  it('writes assessment cells, categories and orgs as their rows would', () => {
    const batch = makeScannedBatch(30);
    const item = makeItem();
    batch.items.push(item);
    batch.assessments.push(makeViolating(item, { categories: ['praise', 'threat'], orgs: ['org-a', 'org-b'] }));
    const encoded = encodeBatch(batch);
    const assessments: Cell[] = [];
    const categories: Cell[] = [];
    const orgs: Cell[] = [];
    for (const a of batch.assessments) {
      pushRow(ASSESSMENT_COLUMNS, assessmentToRow(a, 0), assessments);
      a.categories.forEach((category, position) => {
        pushRow(CATEGORY_COLUMNS, { item_key: a.itemKey, category, position }, categories);
      });
      a.orgs.forEach((org, position) => {
        pushRow(ORG_COLUMNS, { item_key: a.itemKey, org, position }, orgs);
      });
    }
    expect(encoded.assessments).toEqual(assessments);
    expect(encoded.categories).toEqual(categories);
    expect(encoded.orgs).toEqual(orgs);
    expect(encoded.items).toHaveLength(batch.items.length * ITEM_COLUMNS.length);
  });

  it('refuses an instant that is not ISO 8601, naming the field only', () => {
    const item = makeItem({ text: 'a private sentence' });
    const bad = { ...item, postedAt: 'yesterday' };
    expect(() => encodeBatch({ ...makeScannedBatch(0), items: [bad] })).toThrow(
      expect.objectContaining({ code: 'INPUT_INVALID', pointer: 'postedAt' }),
    );
  });
});
