import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/index.js';
import { createLoggers } from '../../logger.js';
import {
  ARABIC_TITLE,
  CAMPAIGN_CHATS,
  CAMPAIGN_PICTURE,
  CLOSED_AT,
  CLOSED_CHAT,
  NETWORK_ITEMS,
  SUCCESSOR_CHAT,
} from '../fixtures/network-items.js';
import { readProblem, seededRoleServer } from '../testing.js';

/**
 * The channel-network routes over real HTTP on a scanned SQLite file: the graph and its edge-kind
 * filter, a closure recorded by an analyst (refused to a reviewer), the closed chat's successor
 * with its reasons, beacons, campaigns and trends; bad queries answer problem JSON.
 */

interface Node {
  id: string;
  title?: string;
  closedAt?: string;
}
interface Edge {
  from: string;
  to: string;
  kind: string;
}
interface Candidate {
  closed: string;
  candidate: string;
  score: number;
  reasons: { factor: string; detail: string }[];
}

const { get, post } = seededRoleServer({ setup: { loadConfig, createLoggers }, items: NETWORK_ITEMS });

async function json<T>(response: Response, status = 200): Promise<T> {
  expect(response.status).toBe(status);
  return (await response.json()) as T;
}

describe('the channel network over HTTP', () => {
  it('draws the graph, with Arabic titles, and narrows it by edge kind', async () => {
    const all = await json<{ nodes: Node[]; edges: Edge[] }>(await get('/api/network/graph?depth=3', 'reviewer'));
    const ids = all.nodes.map((n) => n.id);
    expect(ids).toEqual(expect.arrayContaining([`chat:${CLOSED_CHAT}`, `chat:${SUCCESSOR_CHAT}`, 'chat:-1002']));
    expect(all.nodes.find((n) => n.id === 'chat:-1002')?.title).toBe(ARABIC_TITLE);
    const forwards = all.edges.filter((e) => e.kind === 'forward');
    // A forward points from the chat that reposted to the chat it reposted from.
    expect(forwards).toContainEqual(expect.objectContaining({ from: `chat:${CLOSED_CHAT}`, to: 'chat:-1002' }));

    const mentions = await json<{ edges: Edge[] }>(await get('/api/network/graph?depth=3&kinds=mention', 'reviewer'));
    expect(mentions.edges.length).toBeGreaterThan(0);
    expect(mentions.edges.every((e) => e.kind === 'mention')).toBe(true);
    expect(mentions.edges.length).toBeLessThan(all.edges.length);
  });

  it('refuses a depth past three and an unknown edge kind, as problem JSON', async () => {
    expect((await readProblem(await get('/api/network/graph?depth=4', 'analyst'))).status).toBe(400);
    const bad = await readProblem(await get('/api/network/graph?kinds=forward,gossip', 'analyst'));
    expect(String(bad.pointer)).toMatch(/^\/query\/kinds/);
  });

  it('records a closure for an analyst only, once, and then lists the successor with its reasons', async () => {
    const refused = await post('/api/network/closures', 'reviewer', { chat: CLOSED_CHAT, at: CLOSED_AT });
    expect(refused.status).toBe(403);
    const body = { chat: CLOSED_CHAT, at: CLOSED_AT, note: 'seen gone' };
    const first = await json<{ node: string; recorded: boolean }>(
      await post('/api/network/closures', 'analyst', body),
      201,
    );
    expect(first).toEqual({ node: `chat:${CLOSED_CHAT}`, recorded: true });
    const again = await json<{ recorded: boolean }>(await post('/api/network/closures', 'analyst', body), 201);
    expect(again.recorded).toBe(false);

    const lineage = await json<{ node: Node; successors: Candidate[]; predecessors: Candidate[] }>(
      await get(`/api/network/lineage?chat=${CLOSED_CHAT}`, 'reviewer'),
    );
    expect(lineage.node.id).toBe(`chat:${CLOSED_CHAT}`);
    expect(lineage.node.closedAt).toBeDefined();
    const top = lineage.successors[0];
    expect(top?.candidate).toBe(`chat:${SUCCESSOR_CHAT}`);
    expect(top?.reasons.map((r) => r.factor)).toContain('name');

    const reverse = await json<{ predecessors: Candidate[] }>(
      await get('/api/network/lineage?chat=@nashir_news2', 'reviewer'),
    );
    expect(reverse.predecessors.map((c) => c.closed)).toContain(`chat:${CLOSED_CHAT}`);

    const closures = await json<{ closures: { node: Node; candidates: Candidate[] }[] }>(
      await get('/api/network/lineage', 'analyst'),
    );
    expect(closures.closures.map((c) => c.node.id)).toEqual([`chat:${CLOSED_CHAT}`]);
  });

  it('answers 404 for a chat the network does not hold', async () => {
    expect((await readProblem(await get('/api/network/lineage?chat=-999', 'analyst'))).status).toBe(404);
  });

  it('lists the invite-only chat as a beacon, and answers campaigns and trends in their shapes', async () => {
    const beacons = await json<{ findings: { node: string; kind: string }[] }>(
      await get('/api/network/beacons', 'reviewer'),
    );
    expect(beacons.findings).toContainEqual(expect.objectContaining({ node: 'chat:-1004', kind: 'beacon' }));
    const campaigns = await json<{ campaigns: { fingerprint: string; members: string[]; firstPoster: string }[] }>(
      await get('/api/network/campaigns', 'reviewer'),
    );
    expect(campaigns.campaigns).toEqual([
      expect.objectContaining({
        fingerprint: `media:${CAMPAIGN_PICTURE}`,
        members: CAMPAIGN_CHATS.map((id) => `chat:${id}`),
        firstPoster: `chat:${CAMPAIGN_CHATS[0]}`,
      }),
    ]);
    const trends = await json<{ rows: unknown[]; bursts: unknown[]; surges: unknown[]; dates: { hijri: string }[] }>(
      await get('/api/network/trends?from=2026-11-01&to=2026-11-30&by=org', 'reviewer'),
    );
    expect(Object.keys(trends).sort()).toEqual(['bursts', 'dates', 'rows', 'surges']);
    expect((await readProblem(await get('/api/network/trends?by=colour', 'reviewer'))).status).toBe(400);
  });
});
