/**
 * The shapes the dashboard reads. ARCHITECTURE.md lets web/ import only types from the server;
 * these mirror the server's JSON and are checked against a live server by the browser tests.
 */

export type Role = 'admin' | 'analyst' | 'reviewer' | 'partner';
export type Outcome = 'remove' | 'keep' | 'escalate';

export interface Me {
  actor: string;
  role: Role;
  name: string;
}

export interface Decision {
  caseId: string;
  outcome: Outcome;
  category?: string;
  policyRef?: string;
  note?: string;
  reviewer: string;
  decidedAt: string;
}

export interface ReviewCase {
  caseId: string;
  itemKey: string;
  queue: string;
  category: string;
  lang: string;
  org: string;
  graphic: boolean;
  rank: number;
  status: string;
  appealed: boolean;
  claimedBy?: string;
  claimExpiresAt?: string;
  decision?: Decision;
  pendingBankAdds: { requestId: string; bank: string; requestedBy: string; requestedAt: string }[];
  version: number;
  updatedAt: string;
}

export interface Page<T> {
  rows: T[];
  next?: string;
}

export interface MediaRef {
  kind: string;
  status: string;
  fileName?: string;
  mime?: string;
  width?: number;
  height?: number;
  durationSeconds?: number;
  note?: string;
}

export interface Entity {
  type: string;
  text: string;
  url?: string;
}

export interface Item {
  platform: string;
  chat: { id: string; username?: string; title?: string; type?: string };
  messageId: string;
  version: number;
  postedAt: string;
  text: string;
  entities: Entity[];
  media: MediaRef[];
  forward?: { fromName?: string; fromId?: string };
  views?: number;
}

export type Evidence =
  | { type: 'span'; start: number; end: number; term?: string; in?: 'extracted' }
  | { type: 'entry'; entry: string; distance?: number; source?: string }
  | { type: 'feature'; name: string; weight: number };

export interface Signal {
  provider: string;
  kind: string;
  score: number;
  category?: string;
  org?: string;
  tactic?: string;
  label?: string;
  evidence: Evidence[];
  extractedFrom?: { source: string; media: number; timestamps?: number[] };
}

export interface Assessment {
  verdict: string;
  categories: string[];
  severity: string;
  confidence: number;
  tactics: string[];
  orgs: string[];
  signals: Signal[];
  rules: string[];
}

export interface CaseDetail {
  case: ReviewCase;
  item?: Item;
  assessment?: Assessment;
  events: { type: string; at: string; reviewer?: string }[];
  previews: number[];
}

export interface Overview {
  period: { from: string; to: string };
  totals: { scanned: number; violating: number; review: number; flagged: number; removed: number };
  byDay: { day: string; scanned: number; flagged: number; removed: number }[];
  byCategory: { category: string; title: string; flagged: number }[];
  byOrg: { org: string; flagged: number }[];
  byLang: { lang: string; cases: number }[];
  decisions: Record<Outcome, number>;
  queue: { open: number; claimed: number; decided: number };
  referrals: {
    total: number;
    byStatus: Record<string, number>;
    timeToRemoval: { count: number; medianMs: number; p90Ms: number } | null;
  };
  complete: boolean;
}

export interface ChannelSummary {
  platform: string;
  id: string;
  username?: string;
  title?: string;
  type: string;
  firstSeenAt: string;
  lastSeenAt: string;
  items: number;
  violating: number;
  review: number;
}

export interface ItemSummary {
  key: string;
  chatId: string;
  messageId: string;
  postedAt: string;
  verdict?: string;
  categories: string[];
  orgs: string[];
}

export interface ReferralBatch {
  batchId: string;
  platform: string;
  createdAt: string;
  windowStart: string;
  windowEnd: string;
  itemCount?: number;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  reason: string;
}

export interface Bank {
  name: string;
  enabled: boolean;
  description?: string;
  version: number;
  entries: number;
}

/** `GET /api/removal-orders` rows: an EU TCO removal order with its one-hour clock at the time of the call. */
export interface RemovalOrder {
  orderId: string;
  authority: string;
  reference: string;
  receivedAt: string;
  itemLinks: string[];
  itemKey?: string;
  status: 'open' | 'completed' | 'contested';
  completedAt?: string;
  completedBy?: string;
  recordedBy: string;
  clock: { deadline: string; remainingMs: number; overdue: boolean; metDeadline?: boolean };
}

/** The channel network (issue 7), as `/api/network/*` answers: ids, handles, titles, counts, times; no post text. */
export type NetworkNodeKind = 'channel' | 'group' | 'bot' | 'site' | 'invite';
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

export interface NetworkNode {
  id: string;
  kind: NetworkNodeKind;
  handle?: string;
  handles: string[];
  title?: string;
  titles: string[];
  firstSeen: string;
  lastSeen: string;
  posts: number;
  closedAt?: string;
}

export interface NetworkEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  count: number;
  firstSeen: string;
  lastSeen: string;
}

export interface LineageCandidate {
  closed: string;
  candidate: string;
  score: number;
  reasons: { factor: string; value: number; detail: string }[];
}

export interface Lineage {
  node: NetworkNode;
  successors: LineageCandidate[];
  predecessors: LineageCandidate[];
}

export interface BeaconFinding {
  node: string;
  kind: 'beacon' | 'backup';
  share: number;
  posts: number;
  targets: string[];
}

export interface Campaign {
  fingerprint: string;
  members: string[];
  firstPoster: string;
  start: string;
  end: string;
  spread: { minute: number; chats: number }[];
}

export interface NetworkTrends {
  rows: Record<string, string | number>[];
  bursts: { day: string; hijri: string; newChats: number; baseline: number; chats: string[] }[];
  surges: { day: string; hijri: string; count: number; baseline: number; near?: string }[];
  dates: { day: string; name: string; hijri: string; calendar: 'hijri' | 'gregorian' }[];
}
