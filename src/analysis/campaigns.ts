import { invalidInput } from '../core/index.js';
import type { Campaign, NetworkSettings, NodeId, Observation } from './network-types.js';

/**
 * Campaigns: one fingerprint (a media hash or near-duplicate text key) pushed by many chats in
 * a short time. Coordinated releases reach dozens of channels in minutes; benign content travels
 * between channels over hours or days, so the time window is what tells the two apart.
 *
 * Rules, in the order a post meets them:
 * - A fingerprint becomes a campaign once `campaignMinChats` distinct chats have posted it within
 *   `campaignWindowMinutes` of its latest post. Repeats by one chat count once.
 * - A campaign grows while new chats join within the window of its latest joining post; reposts
 *   by members do not keep it open, so one chat reposting daily cannot stretch it forever. A post
 *   after that closes it, and the fingerprint may start a new campaign later.
 * - Members are ordered by their first post's time, not arrival order, so posts delivered a few
 *   minutes late still land in place (and may become the first poster).
 *
 * Memory: per fingerprint only posts inside the window are kept. Fingerprints sit in a Map in
 * order of last touch, so the stale ones are at its front and a sweep stops at the first live
 * one. `maxFingerprints` caps the live set under floods; `maxCampaigns` caps the history.
 */

export interface CampaignLimits {
  maxCampaigns?: number;
  maxFingerprints?: number;
  maxMembers?: number;
}

export const CAMPAIGN_LIMITS: Required<CampaignLimits> = {
  maxCampaigns: 10_000,
  maxFingerprints: 200_000,
  maxMembers: 1_000,
};

/** How late a post may arrive (by its own time) and still be placed correctly. */
export const REORDER_TOLERANCE_MS = 10 * 60_000;
const SWEEP_EVERY = 1_024;

interface PendingChat {
  chat: NodeId;
  first: number;
  last: number;
}

interface Join {
  chat: NodeId;
  at: number;
}

interface CampaignRecord {
  fingerprint: string;
  /** Sorted by `at`; one per member. */
  joins: Join[];
  members: Map<NodeId, Join>;
  lastJoin: number;
}

interface FingerprintState {
  latest: number;
  /** Chats seen inside the window while no campaign is open; fewer than campaignMinChats. */
  pending: PendingChat[];
  open?: CampaignRecord;
}

export class CampaignTracker {
  readonly #minChats: number;
  readonly #windowMs: number;
  readonly #limits: Required<CampaignLimits>;
  readonly #fingerprints = new Map<string, FingerprintState>();
  readonly #records: CampaignRecord[] = [];
  #clock = Number.NEGATIVE_INFINITY;
  #sinceSweep = 0;

  constructor(settings: Pick<NetworkSettings, 'campaignMinChats' | 'campaignWindowMinutes'>, limits?: CampaignLimits) {
    if (!(settings.campaignMinChats >= 2)) throw invalidInput('campaignMinChats must be at least 2');
    if (!(settings.campaignWindowMinutes > 0)) throw invalidInput('campaignWindowMinutes must be positive');
    this.#minChats = settings.campaignMinChats;
    this.#windowMs = settings.campaignWindowMinutes * 60_000;
    this.#limits = { ...CAMPAIGN_LIMITS, ...limits };
  }

  observe(o: Observation): void {
    const fingerprints = o.fingerprints;
    if (fingerprints.length === 0) return;
    const at = Date.parse(o.at);
    if (Number.isNaN(at)) throw invalidInput(`observation ${o.messageId} has no valid time: "${o.at}"`);
    if (at > this.#clock) this.#clock = at;
    const chat = `chat:${o.chatId}`;
    for (let i = 0; i < fingerprints.length; i++) {
      const fp = fingerprints[i]!;
      if (fingerprints.indexOf(fp) === i) this.#touch(fp, chat, at);
    }
    if (++this.#sinceSweep >= SWEEP_EVERY) this.#sweep();
  }

  /** Newest first (by start). Campaigns still growing are included as they stand. */
  campaigns(): Campaign[] {
    return this.#records
      .map(toCampaign)
      .sort((a, b) => (a.start === b.start ? a.fingerprint.localeCompare(b.fingerprint) : a.start < b.start ? 1 : -1));
  }

  /** Fingerprints held in memory; bounded by the window's traffic, not the stream's length. */
  size(): number {
    return this.#fingerprints.size;
  }

  #touch(fp: string, chat: NodeId, at: number): void {
    let state = this.#fingerprints.get(fp);
    if (state === undefined) {
      state = { latest: at, pending: [] };
    } else {
      this.#fingerprints.delete(fp);
    }
    // Re-inserting moves the fingerprint to the back: the Map stays in order of last touch.
    this.#fingerprints.set(fp, state);
    if (state.open !== undefined) {
      if (this.#grow(state.open, chat, at)) {
        if (at > state.latest) state.latest = at;
        return;
      }
      state.open = undefined;
      state.pending = [];
      state.latest = at;
    }
    this.#addPending(fp, state, chat, at);
  }

  /** False when the post comes after the campaign closed. */
  #grow(record: CampaignRecord, chat: NodeId, at: number): boolean {
    if (at > record.lastJoin + this.#windowMs) return false;
    const member = record.members.get(chat);
    if (member !== undefined) {
      if (at < member.at) {
        member.at = at;
        record.joins.sort(byTime);
      }
      return true;
    }
    if (at < record.joins[0]!.at - this.#windowMs) return true;
    if (at > record.lastJoin) record.lastJoin = at;
    if (record.members.size >= this.#limits.maxMembers) return true;
    const join = { chat, at };
    record.members.set(chat, join);
    insertByTime(record.joins, join);
    return true;
  }

  #addPending(fp: string, state: FingerprintState, chat: NodeId, at: number): void {
    if (at > state.latest) state.latest = at;
    const cutoff = state.latest - this.#windowMs;
    if (at < cutoff) return;
    const pending = state.pending.filter((p) => p.last >= cutoff);
    const seen = pending.find((p) => p.chat === chat);
    if (seen === undefined) {
      pending.push({ chat, first: at, last: at });
    } else {
      if (at < seen.first) seen.first = at;
      if (at > seen.last) seen.last = at;
    }
    state.pending = pending;
    if (pending.length >= this.#minChats) this.#open(fp, state, cutoff);
  }

  #open(fp: string, state: FingerprintState, cutoff: number): void {
    // A chat whose first post predates the window joins with its latest post, the one inside it.
    const joins = state.pending.map((p) => ({ chat: p.chat, at: p.first >= cutoff ? p.first : p.last })).sort(byTime);
    const record: CampaignRecord = {
      fingerprint: fp,
      joins,
      members: new Map(joins.map((j) => [j.chat, j])),
      lastJoin: joins[joins.length - 1]!.at,
    };
    state.pending = [];
    state.open = record;
    this.#records.push(record);
    if (this.#records.length > this.#limits.maxCampaigns) this.#records.shift();
  }

  #sweep(): void {
    this.#sinceSweep = 0;
    const staleBefore = this.#clock - this.#windowMs - REORDER_TOLERANCE_MS;
    for (const [fp, state] of this.#fingerprints) {
      if (state.latest >= staleBefore && this.#fingerprints.size <= this.#limits.maxFingerprints) break;
      this.#fingerprints.delete(fp);
    }
  }
}

const byTime = (a: Join, b: Join): number => a.at - b.at || a.chat.localeCompare(b.chat);

/** Posts arrive nearly in time order, so the place is found from the end. */
function insertByTime(joins: Join[], join: Join): void {
  let i = joins.length;
  while (i > 0 && byTime(joins[i - 1]!, join) > 0) i--;
  joins.splice(i, 0, join);
}

function toCampaign(record: CampaignRecord): Campaign {
  const first = record.joins[0]!;
  const spread: Campaign['spread'] = [];
  record.joins.forEach((join, index) => {
    const minute = Math.floor((join.at - first.at) / 60_000);
    const last = spread[spread.length - 1];
    if (last !== undefined && last.minute === minute) last.chats = index + 1;
    else spread.push({ minute, chats: index + 1 });
  });
  return {
    fingerprint: record.fingerprint,
    members: record.joins.map((j) => j.chat),
    firstPoster: first.chat,
    start: new Date(first.at).toISOString(),
    end: new Date(record.joins[record.joins.length - 1]!.at).toISOString(),
    spread,
  };
}
