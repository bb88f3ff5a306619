import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_PATH } from '../config/index.js';
import { networkSchema } from '../config/network-config.js';
import { type Assessment, type Item, Registry } from '../core/index.js';
import { createScanner, loadPolicy } from '../scan/index.js';
import { lineageProvider } from '../scan/providers/lineage.js';
import { makeAssessment, makeBatch, makeItem } from '../storage/contract/fixtures.js';
import type { Store } from '../storage/ports.js';
import { CHANNEL_CLOSE, ChannelNetwork } from './channel-network.js';
import { freshStore } from './testing.js';

/*
 * Structure-only fixtures: chats, handles, media hashes, forwards and times. Every text is
 * harmless filler; the network never looks at what a post says beyond links and mentions.
 */
const DAY = 86_400_000;
const START = Date.parse('2026-01-01T08:00:00Z');
const at = (days: number): string => new Date(START + days * DAY).toISOString();
const hash = (n: number): string => n.toString(16).padStart(64, '0');

let seq = 0;
function post(chatId: string, username: string, days: number, media?: number, extra: Partial<Item> = {}): Item {
  seq += 1;
  return makeItem({
    chatId,
    chat: { username, title: username.replace(/_/g, ' '), type: 'channel' },
    messageId: String(seq),
    postedAt: at(days),
    text: 'the market opens at nine',
    ...(media !== undefined && { media: [{ kind: 'photo', status: 'present', sha256: hash(media) }] }),
    ...extra,
  });
}

const config = networkSchema.parse({});
let store: Store;
beforeEach(async () => {
  store = await freshStore();
});
afterEach(() => store.close());

const network = (now = at(40)) => new ChannelNetwork({ store, config, now: () => new Date(now) });

/**
 * The closed channel's history: four posts with their own pictures, one forwarded elsewhere,
 * and, just before the closure, a harmless "new link" post pointing at the successor's handle.
 */
async function storeClosedHistory(): Promise<Item[]> {
  const items = [1, 2, 3, 4].map((n) => post('-1001', 'nashir_news', n, 100 + n));
  items.push(post('-1001', 'nashir_news', 4.9, undefined, { text: 'new link: https://t.me/nashir_news2' }));
  const forward = post('-1005', 'reader_group', 4.5, undefined, {
    forward: { fromId: '-1001', fromName: 'nashir news', messageId: '1', date: at(1) },
  });
  await store.saveBatch(makeBatch({ items: [...items, forward], assessments: [] }));
  return [...items, forward];
}

describe('ChannelNetwork', () => {
  it('loads stored items and closures once, at the first ready()', async () => {
    await storeClosedHistory();
    await store.recordClosure({
      platform: 'telegram',
      chatRef: '@nashir_news',
      closedAt: at(5),
      source: 'import',
      recordedBy: 'importer',
      recordedAt: at(5),
    });
    const net = network();
    const first = net.ready();
    expect(net.ready()).toBe(first);
    await first;
    const closed = net.graph.node('chat:-1001');
    expect(closed).toMatchObject({ posts: 5, handle: 'nashir_news', closedAt: at(5) });
    expect(net.graph.node('chat:-1005')?.posts).toBe(1);
    expect(net.closures().map((c) => c.node.id)).toEqual(['chat:-1001']);
  });

  it('loads no items when maxItemsAtStart is 0, but still the closures', async () => {
    await storeClosedHistory();
    await store.recordClosure({
      platform: 'telegram',
      chatRef: '-1001',
      closedAt: at(5),
      source: 'manual',
      recordedBy: 'analyst',
      recordedAt: at(5),
    });
    const net = new ChannelNetwork({ store, config: { ...config, maxItemsAtStart: 0 } });
    await net.ready();
    expect(net.graph.node('chat:-1001')?.posts ?? 0).toBe(0);
    expect(net.graph.closed().map((n) => n.id)).toEqual(['chat:-1001']);
  });

  it('adds saved batches incrementally, with their tactics in the trends', async () => {
    const net = network();
    await net.ready();
    const items = [post('-1003', 'weather_daily', 10), post('-1003', 'weather_daily', 10.1)];
    const assessments: Assessment[] = [makeAssessment(items[0] as Item, { tactics: ['zero-width'] })];
    net.observe(items, assessments);
    expect(net.graph.node('chat:-1003')?.posts).toBe(2);
    const { rows } = net.trends({ from: at(9), to: at(11) });
    expect(rows).toEqual([expect.objectContaining({ day: at(10).slice(0, 10), tactic: 'zero-width', count: 1 })]);
  });

  it('counts an item observed while loading once, whether or not the load read it', async () => {
    const stored = await storeClosedHistory();
    const net = network();
    net.observe(stored.slice(0, 2));
    await net.ready();
    expect(net.graph.node('chat:-1001')?.posts).toBe(5);
  });

  it('counts an item the scan saw once, when its batch is saved after', async () => {
    const net = network();
    await net.ready();
    const item = post('-1004', 'cooking_tips', 3);
    net.lineageFor(item);
    net.lineageFor(item);
    net.observe([item], [makeAssessment(item, { tactics: ['tatweel'] })]);
    expect(net.graph.node('chat:-1004')?.posts).toBe(1);
    expect(net.trends({}).rows.map((r) => r.tactic)).toEqual(['tatweel']);
  });

  it('records a closure once, marks the graph and audits it', async () => {
    await storeClosedHistory();
    const net = network();
    const closing = {
      platform: 'telegram',
      chat: '@nashir_news',
      at: at(5),
      source: 'manual' as const,
      by: 'analyst-1',
    };
    expect(await net.close({ ...closing, note: 'gone from the platform' })).toEqual({
      node: 'chat:-1001',
      recorded: true,
    });
    expect(net.graph.node('chat:-1001')?.closedAt).toBe(at(5));
    const { rows } = await store.listClosures({ limit: 5 });
    expect(rows).toEqual([
      expect.objectContaining({
        chatRef: '@nashir_news',
        nodeId: 'chat:-1001',
        source: 'manual',
        recordedBy: 'analyst-1',
      }),
    ]);
    const audit = await store.lastAudit(CHANNEL_CLOSE);
    expect(audit).toMatchObject({ actor: 'analyst-1', target: 'chat:-1001', reason: 'gone from the platform' });
    expect(audit?.details).toMatchObject({ chat: '@nashir_news', source: 'manual', closedAt: at(5) });

    expect(await net.close(closing)).toEqual({ node: 'chat:-1001', recorded: false });
    expect((await store.listAudit({ limit: 50 })).rows.filter((e) => e.action === CHANNEL_CLOSE)).toHaveLength(1);
  });

  it('refuses a closing time that is not a date', async () => {
    await expect(
      network().close({ platform: 'telegram', chat: '-1001', at: 'soon', source: 'manual' }),
    ).rejects.toThrow(/not a date/);
  });

  it('answers the overview and a neighbourhood with the same nodes and edges', async () => {
    await storeClosedHistory();
    const net = network();
    await net.ready();
    const around = net.neighbourhood('-1001', 1, ['forward']);
    expect(around.nodes.map((n) => n.id).sort()).toEqual(['chat:-1001', 'chat:-1005']);
    expect(around.edges).toEqual([expect.objectContaining({ from: 'chat:-1005', to: 'chat:-1001', kind: 'forward' })]);
    expect(net.neighbourhood(undefined, 1, ['forward']).edges).toEqual(around.edges);
    // Unfiltered: the two chats also share a text (every post says the same harmless words),
    // and the closed chat links to its successor's handle.
    const kinds = net.neighbourhood(undefined, 1).edges.map((e) => e.kind);
    expect(kinds.sort()).toEqual(['forward', 'public-link', 'shared-text']);
    expect(net.neighbourhood('@nobody_here', 2)).toEqual({ nodes: [], edges: [] });
  });
});

describe('lineage at scan time', () => {
  it("raises a closed channel's look-alike successor to review and leaves other chats clear", async () => {
    await storeClosedHistory();
    const net = network(at(7));
    await net.close({ platform: 'telegram', chat: '@nashir_news', at: at(5), source: 'import' });
    const scanner = createScanner({
      providers: new Registry('p', [lineageProvider(net)]),
      policy: loadPolicy(DEFAULT_POLICY_PATH),
    });
    const scanAndSave = async (items: Item[]) => {
      const outcomes = [];
      for (const item of items) outcomes.push(await scanner.scan(item));
      net.observe(
        items,
        outcomes.map((o) => o.assessment),
      );
      return outcomes.map((o) => o.assessment);
    };
    // The successor reposts the closed channel's pictures a day after the closure.
    const successor = await scanAndSave([1, 2, 3, 4].map((n) => post('-1002', 'nashir_news2', 6 + n / 10, 100 + n)));
    // An unrelated channel posting its own pictures in the same days.
    const unrelated = await scanAndSave([1, 2, 3, 4].map((n) => post('-1009', 'weather_daily', 6 + n / 10, 900 + n)));

    expect(net.successors('@nashir_news')[0]?.candidate).toBe('chat:-1002');
    expect(net.predecessors('-1002')[0]?.closed).toBe('chat:-1001');
    // Even the first post is raised: the scan adds the new chat's structure before asking.
    expect(successor.map((a) => a.verdict)).toEqual(['review', 'review', 'review', 'review']);
    for (const a of successor) {
      const signal = a.signals.find((s) => s.kind === 'lineage');
      expect(signal?.evidence[0]).toEqual({ type: 'entry', entry: 'chat:-1001', source: 'closed-chat' });
      expect(a.rules).toEqual(['lineage-successor']);
    }
    expect(unrelated.map((a) => a.verdict)).toEqual(['clear', 'clear', 'clear', 'clear']);
    expect(unrelated.flatMap((a) => a.signals)).toEqual([]);
  });

  it('answers again once a closure is recorded, though the chat was asked about before', async () => {
    await storeClosedHistory();
    const net = network(at(7));
    await net.ready();
    const posts = [1, 2, 3].map((n) => post('-1002', 'nashir_news2', 6 + n / 10, 100 + n));
    for (const p of posts) expect(net.lineageFor(p)).toBeUndefined();
    await net.close({ platform: 'telegram', chat: '-1001', at: at(5), source: 'manual' });
    // The same item again: the chat has not grown, only the closure can make the answer change.
    expect(net.lineageFor(posts[2] as Item)?.closed).toBe('chat:-1001');
  });
});
