import { describe, expect, it } from 'vitest';
import { type BeaconSource, findBeacons } from './beacons.js';
import type { NetworkNode, NodeId } from './network-types.js';

interface Stats {
  posts: number;
  redirectPosts?: number;
  backupPosts?: number;
  targets?: Record<NodeId, number>;
}

/** A stand-in graph: just the nodes and the post counters beacon detection reads. */
function graphOf(chats: Record<NodeId, Stats>): BeaconSource {
  const nodes = new Map<NodeId, NetworkNode>();
  for (const [id, s] of Object.entries(chats)) {
    const at = '2025-05-01T00:00:00Z';
    nodes.set(id, { id, kind: 'channel', handles: [], titles: [], firstSeen: at, lastSeen: at, posts: s.posts });
  }
  return {
    nodes: () => nodes.values(),
    postStats: (id: NodeId) => {
      const s = chats[id];
      if (!s) return undefined;
      const targets = new Map(Object.entries(s.targets ?? {}));
      return { posts: s.posts, redirectPosts: s.redirectPosts ?? 0, backupPosts: s.backupPosts ?? 0, targets };
    },
  };
}

const settings = { beaconMinPosts: 5, beaconMinShare: 0.8 };

describe('findBeacons', () => {
  it('finds a chat whose posts are mostly bare invite links, with its targets most frequent first', () => {
    const graph = graphOf({
      'chat:1': { posts: 10, redirectPosts: 9, targets: { 'chat:7': 2, 'invite:abc': 6, 'chat:8': 1 } },
      'chat:2': { posts: 50, redirectPosts: 3 },
    });
    expect(findBeacons(graph, settings)).toEqual([
      { node: 'chat:1', kind: 'beacon', share: 0.9, posts: 10, targets: ['invite:abc', 'chat:7', 'chat:8'] },
    ]);
  });

  it('does not call a chat a beacon just under the share or the post count', () => {
    const graph = graphOf({
      'chat:1': { posts: 10, redirectPosts: 7 },
      'chat:2': { posts: 4, redirectPosts: 4 },
    });
    expect(findBeacons(graph, settings)).toEqual([]);
  });

  it('finds backup announcers by repeated announcements or by share, not by one among many', () => {
    const graph = graphOf({
      'chat:repeats': { posts: 400, backupPosts: 2, targets: { 'chat:9': 2 } },
      'chat:fresh': { posts: 5, backupPosts: 1 },
      'chat:moved-once': { posts: 300, backupPosts: 1 },
    });
    const found = findBeacons(graph, settings);
    expect(found.map((f) => [f.node, f.kind, f.share])).toEqual([
      ['chat:fresh', 'backup', 0.2],
      ['chat:repeats', 'backup', 2 / 400],
    ]);
    expect(found[1]?.targets).toEqual(['chat:9']);
  });

  it('reports a chat that is both a beacon and a backup announcer twice, sorted by share', () => {
    const graph = graphOf({
      'chat:1': { posts: 20, redirectPosts: 17, backupPosts: 6 },
      'chat:2': { posts: 10, redirectPosts: 10 },
    });
    expect(findBeacons(graph, settings).map((f) => [f.node, f.kind])).toEqual([
      ['chat:2', 'beacon'],
      ['chat:1', 'beacon'],
      ['chat:1', 'backup'],
    ]);
  });

  it('skips nodes that never posted', () => {
    expect(findBeacons(graphOf({ 'site:example.org': { posts: 0 } }), settings)).toEqual([]);
  });
});
