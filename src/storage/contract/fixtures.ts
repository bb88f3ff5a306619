import {
  type Action,
  type Assessment,
  type Case,
  type CaseEvent,
  type Channel,
  type ChannelEvent,
  type Item,
  itemKey,
  type Signal,
} from '../../core/index.js';
import type { ReviewProjection, ReviewRouting, ScanBatch } from '../ports.js';

/**
 * Synthetic records for storage tests and benchmarks. Text is harmless filler: the store never
 * looks at content, so no test needs real (let alone extremist) messages.
 */

export const BASE_TIME = '2024-03-01T12:00:00.000Z';

/** An ISO instant `minutes` after BASE_TIME (negative for before). */
export function minutesAfter(minutes: number, base = BASE_TIME): string {
  return new Date(Date.parse(base) + minutes * 60_000).toISOString();
}

let counter = 0;
/** Unique within the process, readable in a failing test's output. */
export function fixtureId(prefix: string): string {
  counter += 1;
  return `${prefix}_${counter.toString().padStart(6, '0')}`;
}

export interface ItemFixture extends Partial<Omit<Item, 'chat'>> {
  chatId?: string;
  chat?: Partial<Item['chat']>;
}

/** A minimal item as a connector would hand it over after defaults were applied. */
export function makeItem(fixture: ItemFixture = {}): Item {
  const { chatId = '-1001', chat, ...rest } = fixture;
  return {
    platform: 'telegram',
    messageId: fixtureId('m'),
    version: 0,
    postedAt: BASE_TIME,
    text: 'hello world',
    entities: [],
    media: [],
    ...rest,
    chat: { id: chatId, ...chat },
  };
}

/** An item with every optional field set, to prove nothing is lost on the way through. */
export function makeRichItem(fixture: ItemFixture = {}): Item {
  return makeItem({
    chat: { username: 'example_channel', title: 'Example channel', type: 'channel' },
    author: { id: 'u1', name: 'Example author' },
    postedAt: '2024-03-01T15:00:00.123+03:00',
    text: 'hello world, see the link below',
    entities: [
      { type: 'text-link', text: 'the link', url: 'https://example.org/page' },
      { type: 'hashtag', text: '#weather' },
    ],
    media: [
      {
        kind: 'photo',
        status: 'present',
        path: 'photos/photo_1.jpg',
        mime: 'image/jpeg',
        size: 1234,
        sha256: 'a'.repeat(64),
        width: 640,
        height: 480,
      },
      { kind: 'document', status: 'missing', fileName: 'notes.pdf', note: 'not in the export' },
    ],
    forward: { fromName: 'Another channel', fromId: '-1002', messageId: '7', date: BASE_TIME },
    replyTo: '41',
    views: 99,
    viaBot: 'example_bot',
    ...fixture,
  });
}

export function makeSignal(fixture: Partial<Signal> = {}): Signal {
  return {
    provider: 'test-lexicon',
    kind: 'lexicon',
    score: 0.9,
    evidence: [{ type: 'span', start: 0, end: 5, term: 'hello' }],
    version: 'lexicon-1',
    ...fixture,
  };
}

/** A clear assessment unless the fixture says otherwise. */
export function makeAssessment(item: Item | string, fixture: Partial<Assessment> = {}): Assessment {
  return {
    itemKey: typeof item === 'string' ? item : itemKey(item),
    verdict: 'clear',
    categories: [],
    severity: 'none',
    confidence: 0.5,
    tactics: [],
    orgs: [],
    signals: [],
    rules: [],
    policyVersion: 'policy-1',
    requestedActions: [],
    needsReview: false,
    scannedAt: minutesAfter(60),
    latencyMs: 1.5,
    ...fixture,
  };
}

/** A violating assessment with the usual trimmings: categories, an org, signals and rules. */
export function makeViolating(item: Item | string, fixture: Partial<Assessment> = {}): Assessment {
  return makeAssessment(item, {
    verdict: 'violating',
    categories: ['praise', 'recruitment'],
    severity: 'high',
    confidence: 0.95,
    tactics: ['zero-width'],
    orgs: ['example-org-a'],
    signals: [
      makeSignal({ category: 'praise', org: 'example-org-a', label: 'org-name' }),
      makeSignal({ provider: 'test-tactics', kind: 'tactic', tactic: 'zero-width', score: 1, evidence: [] }),
      makeSignal({
        provider: 'test-bank',
        kind: 'bank-match',
        evidence: [{ type: 'entry', entry: 'e1', distance: 3, source: 'EXAMPLE_BANK' }],
      }),
    ],
    rules: ['rule-a', 'rule-b'],
    requestedActions: ['delete', 'refer'],
    needsReview: true,
    ...fixture,
  });
}

export function makeChannel(fixture: Partial<Channel> = {}): Channel {
  return {
    platform: 'telegram',
    id: '-1001',
    title: 'Example channel',
    type: 'channel',
    firstSeenAt: BASE_TIME,
    lastSeenAt: BASE_TIME,
    ...fixture,
  };
}

export function makeChannelEvent(fixture: Partial<ChannelEvent> = {}): ChannelEvent {
  return {
    platform: 'telegram',
    chatId: '-1001',
    messageId: fixtureId('svc'),
    action: 'edit_group_title',
    at: BASE_TIME,
    details: { title: 'New title' },
    ...fixture,
  };
}

export function makeCase(itemKeyOf: string, fixture: Partial<Case> = {}): Case {
  return {
    id: fixtureId('case'),
    itemKey: itemKeyOf,
    status: 'open',
    queue: 'default',
    priority: 50,
    reason: 'rule-a',
    openedAt: minutesAfter(60),
    updatedAt: minutesAfter(60),
    ...fixture,
  };
}

export function caseOpened(c: Case): CaseEvent {
  return { type: 'case.opened', caseId: c.id, at: c.openedAt, queue: c.queue, reason: c.reason };
}

export function makeAction(itemKeyOf: string, fixture: Partial<Action> = {}): Action {
  return {
    id: fixtureId('act'),
    itemKey: itemKeyOf,
    kind: 'delete',
    target: 'telegram',
    status: 'requested',
    attempts: 0,
    requestedAt: minutesAfter(60),
    reason: 'rule-a',
    ...fixture,
  };
}

export function makeBatch(parts: Partial<ScanBatch> = {}): ScanBatch {
  return {
    items: [],
    assessments: [],
    cases: [],
    caseEvents: [],
    actions: [],
    channels: [],
    channelEvents: [],
    ...parts,
  };
}

export interface ScannedBatchOptions {
  /** When the first item was posted; the rest follow a minute apart. */
  start?: string;
  /** How many chats the items are spread over. */
  chats?: number;
  /** Out of every ten items, how many are violating and how many in review (default 3 and 3). */
  violatingInTen?: number;
  reviewInTen?: number;
}

/**
 * `count` items as a scan writes them: each with one to three signals; violating ones with two
 * categories, an org, a case, its opening event and an action; review ones with a category.
 */
export function makeScannedBatch(count: number, options: ScannedBatchOptions = {}): ScanBatch {
  const { chats = 3, violatingInTen = 3, reviewInTen = 3 } = options;
  const batch = makeBatch();
  for (let n = 0; n < count; n += 1) {
    const item = makeItem({ chatId: `-100${n % chats}`, postedAt: minutesAfter(n, options.start) });
    const key = itemKey(item);
    const signals = Array.from({ length: (n % 3) + 1 }, (_, s) => makeSignal({ score: 0.3 + s / 10 }));
    batch.items.push(item);
    const slot = n % 10;
    if (slot < violatingInTen) {
      const c = makeCase(key);
      batch.assessments.push(makeViolating(item, { signals }));
      batch.cases.push(c);
      batch.caseEvents.push(caseOpened(c));
      batch.actions.push(makeAction(key));
    } else if (slot < violatingInTen + reviewInTen) {
      batch.assessments.push(makeAssessment(item, { verdict: 'review', categories: ['threat'], signals }));
    } else {
      batch.assessments.push(makeAssessment(item, { signals }));
    }
  }
  for (let c = 0; c < chats; c += 1) batch.channels.push(makeChannel({ id: `-100${c}`, title: `Channel ${c}` }));
  return batch;
}

/** A review routing for the review-store suites. */
export const makeRouting = (over: Partial<ReviewRouting> = {}): ReviewRouting => ({
  queue: 'praise/en/*',
  category: 'praise',
  lang: 'en',
  org: '',
  graphic: false,
  rank: 1,
  ...over,
});
/** A case's status projection for the review-store suites. */
export const makeProjection = (over: Partial<ReviewProjection> = {}): ReviewProjection => ({
  status: 'open',
  appealed: false,
  barred: [],
  pendingBankAdds: [],
  version: 1,
  updatedAt: minutesAfter(60),
  ...over,
});
