import type { ChannelGraph } from './channel-graph.js';
import type { BeaconFinding, NetworkSettings, NodeId } from './network-types.js';

/**
 * Beacon and backup channels. A beacon exists to keep an audience reachable through closures:
 * nearly all it posts is fresh invite links or bare redirections. A backup announcer tells its
 * audience where to go next ("backup channel", "new link"). Both point at the chats a network
 * will move to, so the findings carry those targets, most frequent first.
 */

/**
 * A backup finding needs a second announcement, or one announcement making up a tenth of the
 * chat's posts. An ordinary channel may move once in its life and say so once among hundreds of
 * posts; a network's relay chat repeats the call, and a fresh backup chat posts little else.
 */
export const BACKUP_MIN_ANNOUNCEMENTS = 2;
export const BACKUP_MIN_SHARE = 0.1;

export type BeaconSource = Pick<ChannelGraph, 'nodes' | 'postStats'>;
type BeaconSettings = Pick<NetworkSettings, 'beaconMinPosts' | 'beaconMinShare'>;

export function findBeacons(graph: BeaconSource, settings: BeaconSettings): BeaconFinding[] {
  const findings: BeaconFinding[] = [];
  for (const node of graph.nodes()) {
    if (node.posts === 0) continue;
    const stats = graph.postStats(node.id);
    if (stats === undefined || stats.posts === 0) continue;
    const { posts, redirectPosts, backupPosts } = stats;
    const beaconShare = redirectPosts / posts;
    const backupShare = backupPosts / posts;
    const isBeacon = posts >= settings.beaconMinPosts && beaconShare >= settings.beaconMinShare;
    const isBackup = backupPosts >= BACKUP_MIN_ANNOUNCEMENTS || (backupPosts >= 1 && backupShare >= BACKUP_MIN_SHARE);
    if (!isBeacon && !isBackup) continue;
    const targets = byFrequency(stats.targets);
    if (isBeacon) findings.push({ node: node.id, kind: 'beacon', share: beaconShare, posts, targets });
    if (isBackup) findings.push({ node: node.id, kind: 'backup', share: backupShare, posts, targets: [...targets] });
  }
  return findings.sort(
    (a, b) => b.share - a.share || b.posts - a.posts || a.node.localeCompare(b.node) || a.kind.localeCompare(b.kind),
  );
}

function byFrequency(targets: ReadonlyMap<NodeId, number>): NodeId[] {
  return [...targets].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([id]) => id);
}
