import type { NetworkNode, NodeId } from './network-types.js';
import { earlierOf, laterOf } from './node-ids.js';

/**
 * What the graph keeps per chat beyond the public node: aggregates only (no post is kept), so
 * memory grows with chats and capped sets, not with posts.
 */
export interface ChatState {
  /** Most recent fingerprints posted, oldest first (a Set keeps insertion order). */
  fingerprints: Set<string>;
  /** Chats that forwarded posts from this one. */
  forwarders: Set<NodeId>;
  redirectPosts: number;
  backupPosts: number;
  /** Link targets of redirect and backup posts, with counts. */
  targets: Map<NodeId, number>;
  /** Every avatar PDQ seen, oldest first (an avatar swap is a known evasion). */
  avatars: string[];
}

export const MAX_AVATARS_KEPT = 8;

export function newChatState(): ChatState {
  return {
    fingerprints: new Set(),
    forwarders: new Set(),
    redirectPosts: 0,
    backupPosts: 0,
    targets: new Map(),
    avatars: [],
  };
}

/** Adds a fingerprint as the most recent; the oldest goes when the set is full. */
export function rememberFingerprint(state: ChatState, fingerprint: string, cap: number): void {
  if (state.fingerprints.has(fingerprint)) state.fingerprints.delete(fingerprint);
  state.fingerprints.add(fingerprint);
  if (state.fingerprints.size > cap) {
    const oldest = state.fingerprints.values().next();
    if (oldest.done !== true) state.fingerprints.delete(oldest.value);
  }
}

/** Adds an avatar as the current one; true when it was not in the history before. */
export function rememberAvatar(state: ChatState, pdq: string): boolean {
  const avatar = pdq.toLowerCase();
  if (state.avatars[state.avatars.length - 1] === avatar) return false;
  const at = state.avatars.indexOf(avatar);
  if (at >= 0) state.avatars.splice(at, 1);
  state.avatars.push(avatar);
  if (state.avatars.length > MAX_AVATARS_KEPT) state.avatars.shift();
  return at < 0;
}

export function mergeChatState(into: ChatState, from: ChatState, fingerprintCap: number): void {
  for (const fingerprint of from.fingerprints) rememberFingerprint(into, fingerprint, fingerprintCap);
  for (const forwarder of from.forwarders) into.forwarders.add(forwarder);
  into.redirectPosts += from.redirectPosts;
  into.backupPosts += from.backupPosts;
  for (const [target, count] of from.targets) into.targets.set(target, (into.targets.get(target) ?? 0) + count);
  for (const avatar of from.avatars) rememberAvatar(into, avatar);
}

/** Folds a placeholder node (a handle or invite seen before its chat) into the chat's node. */
export function mergeNode(into: NetworkNode, from: NetworkNode): void {
  for (const handle of from.handles) if (!into.handles.includes(handle)) into.handles.push(handle);
  for (const title of from.titles) if (!into.titles.includes(title)) into.titles.push(title);
  into.firstSeen = earlierOf(into.firstSeen, from.firstSeen);
  into.lastSeen = laterOf(into.lastSeen, from.lastSeen);
  into.posts += from.posts;
  if (into.closedAt === undefined && from.closedAt !== undefined) into.closedAt = from.closedAt;
  if (into.avatarPdq === undefined && from.avatarPdq !== undefined) into.avatarPdq = from.avatarPdq;
}

/** Sets the current title; returns it when it is new to the node (to be indexed), else undefined. */
export function addTitle(node: NetworkNode, title: string): string | undefined {
  const t = title.trim();
  if (t.length === 0) return undefined;
  node.title = t;
  if (node.titles.includes(t)) return undefined;
  node.titles.push(t);
  return t;
}
