/**
 * The shapes of channel-network analysis (issue 7): what one post looks like to the analysis
 * (`Observation`), the graph it builds, and what lineage, beacon, campaign and trend detection
 * answer. Pure data: the analysis room has no storage and no network; the app feeds it
 * observations derived from stored items and keeps the graph in memory, updated per item.
 */

/** channel, group (supergroup or group), bot, external site, or an invite link whose chat is not known yet. */
export type NodeKind = 'channel' | 'group' | 'bot' | 'site' | 'invite';

/**
 * How one node points at another. Shared-* edges join two chats that posted the same media
 * fingerprint, the same text fingerprint, or a link to the same outside page.
 */
export const EDGE_KINDS = [
  'forward',
  'mention',
  'invite-link',
  'public-link',
  'button',
  'shared-media',
  'shared-text',
  'shared-outlink',
] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

/**
 * Node ids, stable across renames: `chat:<platform chat id>` for a chat Rasd has an id for,
 * `user:<handle>` for a public handle whose chat id is not known yet (lower-case, no `@`),
 * `invite:<code>` for an invite link, `site:<host>` for an outside site. When a chat with a
 * known id is seen with a handle, the `user:` node merges into the `chat:` node.
 */
export type NodeId = string;

export interface NetworkNode {
  id: NodeId;
  kind: NodeKind;
  /** Current public handle (lower-case, no `@`), and every handle it has had. */
  handle?: string;
  handles: string[];
  title?: string;
  titles: string[];
  /** PDQ hex of the current avatar, when a connector knows it. */
  avatarPdq?: string;
  firstSeen: string;
  lastSeen: string;
  /** Posts observed from this chat (0 for nodes only ever pointed at). */
  posts: number;
  closedAt?: string;
}

export interface NetworkEdge {
  from: NodeId;
  to: NodeId;
  kind: EdgeKind;
  count: number;
  firstSeen: string;
  lastSeen: string;
}

/** A link as the analysis needs it; `via` says where it sat in the post. */
export interface ObservedLink {
  url: string;
  via: 'text' | 'hidden' | 'button';
}

/** One post, reduced to structure: no text is kept, only what the graph and detectors need. */
export interface Observation {
  chatId: string;
  chatKind: Exclude<NodeKind, 'site' | 'invite'>;
  handle?: string;
  title?: string;
  avatarPdq?: string;
  messageId: string;
  /** ISO time the post was made. */
  at: string;
  forwardFrom?: { chatId?: string; handle?: string; name?: string };
  links: ObservedLink[];
  /** Handles mentioned as `@name` (lower-case, no `@`). */
  mentions: string[];
  /** `media:<sha256 or pdq hex>` and `text:<key>`; see fingerprint keys in text-fingerprint.ts. */
  fingerprints: string[];
  /** Characters of text left once links, mentions and whitespace are taken out (beacon posts are nearly bare). */
  bareTextLength: number;
  /** The post announces a backup or new link (normalised Arabic/English phrasing); see backup-phrases.ts. */
  announcesBackup: boolean;
  /** Evasion tactics the scan found, with the organisations and language it attributed (for trends). */
  tactics?: string[];
  orgs?: string[];
  language?: string;
}

/** Why a candidate scored: one line per factor, with the value that factor contributed. */
export interface LineageReason {
  factor: 'name' | 'avatar' | 'content' | 'audience' | 'timing' | 'announced';
  /** 0..1 strength of this factor before weighting. */
  value: number;
  /** Plain sentence, ids and handles only (never post text). */
  detail: string;
}

export interface LineageCandidate {
  /** The closed chat and the candidate successor. */
  closed: NodeId;
  candidate: NodeId;
  /** 0..1, weighted sum of the reasons. */
  score: number;
  reasons: LineageReason[];
}

export interface BeaconFinding {
  node: NodeId;
  kind: 'beacon' | 'backup';
  /** Share of the chat's posts that are invite links or redirections (beacon), or announcements (backup). */
  share: number;
  posts: number;
  /** Chats the beacon points at, most frequent first. */
  targets: NodeId[];
}

export interface Campaign {
  fingerprint: string;
  /** Chats in order of first posting; the first is the first poster. */
  members: NodeId[];
  firstPoster: NodeId;
  start: string;
  end: string;
  /** Cumulative chats reached, by minute since start. */
  spread: { minute: number; chats: number }[];
}

/** Settings shared by the detectors; defaults are the generator's default world. */
export interface NetworkSettings {
  /** Campaign: at least this many chats within this many minutes. */
  campaignMinChats: number;
  campaignWindowMinutes: number;
  /** Beacon: at least this many posts, this share of them bare invite/redirect posts. */
  beaconMinPosts: number;
  beaconMinShare: number;
  /** Lineage: candidates scoring below this are not reported as successors. */
  lineageMinScore: number;
  /** Lineage: how long after a closure a new chat is still a plausible successor. */
  lineageWindowDays: number;
}
