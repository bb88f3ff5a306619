import type { NodeId, NodeKind } from './network-types.js';

/** The ChannelGraph's caps and the small shapes its methods take and return. */

export interface GraphLimits {
  /** Chats a fingerprint or outside URL is remembered for; later posters join these only. */
  maxChatsPerFingerprint: number;
  /** Fingerprints kept per chat, most recent kept. */
  maxFingerprintsPerChat: number;
  /** Fingerprints and outside URLs indexed for shared-* edges, most recently first seen kept. */
  maxSharedKeys: number;
}

export const DEFAULT_GRAPH_LIMITS: GraphLimits = {
  maxChatsPerFingerprint: 64,
  maxFingerprintsPerChat: 2000,
  maxSharedKeys: 1_000_000,
};

/** A post at most this long (links and mentions taken out) that only points elsewhere is a redirect. */
export const REDIRECT_MAX_BARE_TEXT = 40;

export interface PostStats {
  posts: number;
  redirectPosts: number;
  backupPosts: number;
  targets: Map<NodeId, number>;
}

export interface ProfileUpdate {
  kind?: NodeKind;
  handle?: string;
  title?: string;
  avatarPdq?: string;
  at: string;
}
