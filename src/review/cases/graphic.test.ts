import { afterEach, describe, expect, it } from 'vitest';
import { itemKey, type MediaRef } from '../../core/index.js';
import {
  caseOpened,
  makeBatch,
  makeCase,
  makeItem,
  makeSignal,
  makeViolating,
} from '../../storage/contract/fixtures.js';
import type { Store } from '../../storage/ports.js';
import { freshStore } from '../../storage/testing/store-under-test.js';
import { enrolBatch } from './enrol-batch.js';
import { isGraphicCase } from './graphic.js';
import { claimNext } from './queue-serving.js';

const photo: MediaRef = { kind: 'photo', status: 'present', path: 'photos/p.jpg' };
const video: MediaRef = { kind: 'video', status: 'present', path: 'video/v.mp4' };
const voice: MediaRef = { kind: 'voice', status: 'present', path: 'voice/v.ogg' };
const bankMatch = makeSignal({ provider: 'media-bank', kind: 'bank-match', evidence: [] });

describe('graphic cases', () => {
  it('are visual media with a violent category', () => {
    expect(isGraphicCase({ media: [photo] }, { categories: ['attack-details'], signals: [] })).toBe(true);
    expect(isGraphicCase({ media: [video] }, { categories: ['praise', 'branded'], signals: [] })).toBe(true);
    expect(isGraphicCase({ media: [photo] }, { categories: ['financing', 'praise'], signals: [] })).toBe(false);
  });

  it('are visual media a media bank matched, whatever the category', () => {
    expect(isGraphicCase({ media: [photo] }, { categories: [], signals: [bankMatch] })).toBe(true);
    const textBank = makeSignal({ provider: 'text-bank', kind: 'bank-match', evidence: [] });
    expect(isGraphicCase({ media: [photo] }, { categories: [], signals: [textBank] })).toBe(false);
  });

  it('never are text, sound, or media the reviewer cannot be shown', () => {
    expect(isGraphicCase({ media: [] }, { categories: ['attack-details'], signals: [bankMatch] })).toBe(false);
    expect(isGraphicCase({ media: [voice] }, { categories: ['threat'], signals: [bankMatch] })).toBe(false);
    const missing: MediaRef = { kind: 'video', status: 'not-exported' };
    expect(isGraphicCase({ media: [missing] }, { categories: ['threat'], signals: [] })).toBe(false);
  });
});

describe('enrolling and serving graphic cases', () => {
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  it('marks them at enrolment, and the queue stops serving them past the cap', async () => {
    store = await freshStore();
    const batch = makeBatch();
    const add = (media: MediaRef[], categories: ('attack-details' | 'praise')[], confidence: number) => {
      const item = makeItem({ media, text: 'structure-only fixture' });
      const c = makeCase(itemKey(item));
      batch.items.push(item);
      batch.assessments.push(makeViolating(item, { categories, confidence, signals: [] }));
      batch.cases.push(c);
      batch.caseEvents.push(caseOpened(c));
      return c.id;
    };
    // Higher confidence ranks first, so the graphic cases are offered before the plain one.
    const gore1 = add([video], ['attack-details'], 0.99);
    const gore2 = add([photo], ['attack-details'], 0.98);
    const plain = add([], ['praise'], 0.5);
    await store.saveBatch(batch);
    expect(await enrolBatch(store, batch)).toBe(3);

    const views = (await store.listReviewCases({ limit: 10 })).rows;
    const graphicOf = Object.fromEntries(views.map((v) => [v.caseId, v.graphic]));
    expect(graphicOf).toEqual({ [gore1]: true, [gore2]: true, [plain]: false });

    const now = new Date();
    const serve = (reviewer: string) =>
      claimNext(store as Store, { reviewer, now, ttlMs: 60_000, policy: { graphicDailyCap: 1 } });
    const first = await serve('user:ana');
    expect(first?.ok && first.event.caseId).toBe(gore1);
    // Ana has seen her one graphic case today: the other one is skipped, the plain one served.
    const second = await serve('user:ana');
    expect(second?.ok && second.event.caseId).toBe(plain);
    expect(await serve('user:ana')).toMatchObject({ ok: true, event: { caseId: plain } });
    // Another reviewer, under the cap, still gets the graphic case.
    const ben = await serve('user:ben');
    expect(ben?.ok && ben.event.caseId).toBe(gore2);
  });
});
