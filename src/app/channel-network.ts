import { setImmediate } from 'node:timers/promises';
import { findBeacons } from '../analysis/beacons.js';
import { CampaignTracker } from '../analysis/campaigns.js';
import { ChannelGraph } from '../analysis/channel-graph.js';
import { likelySuccessorOf, predecessorCandidates, successorCandidates } from '../analysis/lineage.js';
import { networkSettings } from '../analysis/network-settings.js';
import type {
  BeaconFinding,
  Campaign,
  EdgeKind,
  LineageCandidate,
  NetworkEdge,
  NetworkNode,
  NetworkSettings,
  NodeId,
  Observation,
} from '../analysis/network-types.js';
import { chatNodeId } from '../analysis/node-ids.js';
import { type ObservationExtra, observationOf } from '../analysis/observation.js';
import { TrendCounter } from '../analysis/tactic-trends.js';
import type { NetworkConfig } from '../config/network-config.js';
import {
  type Assessment,
  type ChannelMeta,
  type ClosureSource,
  type Item,
  invalidInput,
  itemKey,
} from '../core/index.js';
import type { Loggers } from '../logger.js';
import { appendAudit } from '../review/audit-log.js';
import { languageOf } from '../scan/providers/language.js';
import type { ScanSeen } from '../scan/providers/lineage.js';
import type { AuditStore, ChannelClosureStore, Store } from '../storage/ports.js';
import { type NetworkTrends, overview, type TrendQuery, trendsOf } from './network-views.js';

/** The audit action of a recorded closure. */
export const CHANNEL_CLOSE = 'channel.close';

/**
 * Rows read per page at start. Replaying costs about 0.3 ms an item (mostly reducing it to an
 * observation), so a page is a few hundred ms of work; the loop yields to the event loop after
 * each, or a server that is loading would stop answering until the whole network is in.
 */
const LOAD_PAGE = 1000;
/** Items the scan saw but whose batch was not saved (yet): forgotten past this, so it cannot grow. */
const MAX_SCANNED_UNSAVED = 100_000;
/** Chats whose lineage answer is cached; the cache starts again past this. */
const MAX_CACHED_CHATS = 100_000;

const MAX_PENDING_PROFILES = 100_000;

export interface ChannelNetworkOptions {
  store: ChannelClosureStore & AuditStore;
  config: NetworkConfig;
  now?: () => Date;
  /** Told when loading at start fails; the network then stays as far as it got. */
  onLoadError?: (error: unknown) => void;
  /** Chat profiles a live connector stored (handles, titles, avatar PDQs), replayed after the items at start. */
  profiles?: () => Promise<readonly ChannelMeta[]>;
}

export interface CloseInput {
  platform: string;
  /** A chat id, @handle, t.me link or node id. */
  chat: string;
  at?: string;
  source: ClosureSource;
  note?: string;
  by?: string;
}

interface Attribution {
  tactics: readonly string[];
  orgs: readonly string[];
}

/** `structure`: feed the graph and campaigns; `counted`: feed trends (once the item is saved). */
type Pending = {
  item: Item;
  attribution?: Attribution;
  structure: boolean;
  counted: boolean;
  /** What the scan worked out (normalised text, links), so the observation does not redo it. */
  seen?: ScanSeen;
};

/** What trend counting reads of an item whose structure the graph has already: no links, no text. */
function trendObservation(item: Item, extra: ObservationExtra): Observation {
  return {
    chatId: item.chat.id,
    chatKind: 'channel',
    messageId: item.messageId,
    at: item.postedAt,
    links: [],
    mentions: [],
    fingerprints: [],
    bareTextLength: 0,
    announcesBackup: false,
    ...(extra.tactics !== undefined && { tactics: extra.tactics }),
    ...(extra.orgs !== undefined && { orgs: extra.orgs }),
    ...(extra.language !== undefined && { language: extra.language }),
  };
}

function isoOf(at: string): string {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) throw invalidInput(`"${at}" is not a date and time`, 'at');
  return new Date(ms).toISOString();
}

/**
 * The app's channel network (issue 7): built in memory from stored items and closures the first
 * time it is wanted, then kept up to date per saved scan batch. It is derived, never stored, so
 * a restart rebuilds it; closures are the one thing recorded (and audited), because the network
 * cannot infer them. A scan sees an item before it is saved: `lineageFor` adds the item's
 * structure then, so a new successor's very first items can be raised, and the saved batch
 * later adds only what its assessment knows (tactics for trends).
 */
export class ChannelNetwork {
  readonly graph = new ChannelGraph();
  readonly settings: NetworkSettings;
  readonly #store: ChannelClosureStore & AuditStore;
  readonly #config: NetworkConfig;
  readonly #now: () => Date;
  readonly #onLoadError: (error: unknown) => void;
  readonly #profiles: () => Promise<readonly ChannelMeta[]>;
  /** Profiles observed while loading, applied after it (the load's older titles must not win). */
  #pendingProfiles: ChannelMeta[] = [];
  readonly #campaigns: CampaignTracker;
  readonly #trends = new TrendCounter();
  #loading: Promise<void> | undefined;
  #loaded = false;
  #stopped = false;
  /** Observed while loading: applied after, and skipped by the load so nothing counts twice. */
  #pending: Pending[] = [];
  readonly #pendingKeys = new Set<string>();
  /** Items whose structure a scan added already, waiting for their saved batch. */
  readonly #scanned = new Set<string>();
  /**
   * The lineage answer per chat, and the chat's post count when it was worked out. A lineage
   * query scores every candidate, too much for each item of a busy chat, so a chat's answer is
   * worked out again when its posts have doubled, or when a closure changes the picture.
   */
  readonly #lineage = new Map<NodeId, { posts: number; candidate: LineageCandidate | undefined }>();

  constructor(options: ChannelNetworkOptions) {
    const { maxItemsAtStart: _max, significantDates: _dates, live: _live, ...overrides } = options.config;
    const chosen = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
    this.settings = networkSettings(chosen as Partial<NetworkSettings>);
    this.#store = options.store;
    this.#config = options.config;
    this.#now = options.now ?? (() => new Date());
    this.#onLoadError = options.onLoadError ?? (() => undefined);
    this.#profiles = options.profiles ?? (async () => []);
    this.#campaigns = new CampaignTracker(this.settings);
  }

  /** Loads stored items (up to `network.maxItemsAtStart`) and closures once; later calls share it. */
  ready(): Promise<void> {
    this.#loading ??= this.#load().finally(() => {
      this.#loaded = true;
      for (const meta of this.#pendingProfiles.splice(0)) this.#applyProfile(meta);
      const pending = this.#pending;
      this.#pending = [];
      this.#pendingKeys.clear();
      for (const p of pending) this.#apply(p);
    });
    return this.#loading;
  }

  /** Adds a saved scan batch; starts loading the stored network if nothing did yet. */
  observe(items: readonly Item[], assessments: readonly Assessment[] = []): void {
    this.#start();
    const byKey = new Map(assessments.map((a) => [a.itemKey, a]));
    for (const item of items) {
      const key = itemKey(item);
      const a = byKey.get(key);
      const attribution = a === undefined ? undefined : { tactics: a.tactics, orgs: a.orgs };
      const structure = !this.#scanned.delete(key);
      this.#enqueue(key, { item, structure, counted: true, ...(attribution !== undefined && { attribution }) });
    }
  }

  /**
   * A chat's profile as a live connector observed it: every handle, title and avatar PDQ a chat
   * has shown stays on its node, which is how a renamed or re-pictured channel is still matched
   * to the closed one it continues.
   */
  profile(meta: ChannelMeta): void {
    this.#start();
    if (this.#loaded) this.#applyProfile(meta);
    // Bounded: a load that never ends must not make this grow without end.
    else if (this.#pendingProfiles.length < MAX_PENDING_PROFILES) this.#pendingProfiles.push(meta);
  }

  #applyProfile(meta: ChannelMeta): void {
    this.graph.setProfile(meta.chatId, {
      kind: meta.type === 'supergroup' || meta.type === 'group' ? 'group' : 'channel',
      ...(meta.username !== undefined && { handle: meta.username }),
      ...(meta.title !== undefined && { title: meta.title }),
      ...(meta.avatarPdq !== undefined && { avatarPdq: meta.avatarPdq }),
      at: meta.observedAt,
    });
    // The chat's lineage answer was worked out without this profile.
    this.#lineage.delete(chatNodeId(meta.chatId));
  }

  /**
   * For the scan-time `lineage` signal: adds the item's structure (once) and returns the closed
   * chat its chat most likely succeeds. Undefined while the stored network is still loading.
   */
  lineageFor(item: Item, seen?: ScanSeen): LineageCandidate | undefined {
    this.#start();
    const key = itemKey(item);
    if (!this.#scanned.has(key)) {
      if (this.#scanned.size >= MAX_SCANNED_UNSAVED) this.#scanned.clear();
      this.#scanned.add(key);
      this.#enqueue(key, {
        item,
        structure: true,
        counted: false,
        ...(seen !== undefined && { seen }),
      });
    }
    if (!this.#loaded) return undefined;
    const node = this.graph.resolve(item.chat.id);
    const posts = node === undefined ? 0 : (this.graph.node(node)?.posts ?? 0);
    if (node === undefined || posts === 0) return undefined;
    const cached = this.#lineage.get(node);
    if (cached !== undefined && posts < 2 * cached.posts) return cached.candidate;
    if (this.#lineage.size >= MAX_CACHED_CHATS) this.#lineage.clear();
    const candidate = likelySuccessorOf(this.graph, node, this.settings);
    this.#lineage.set(node, { posts, candidate });
    return candidate;
  }

  /** Records a closure (once per chat and time), marks it in the graph and audits it. */
  async close(input: CloseInput): Promise<{ node: NodeId | undefined; recorded: boolean }> {
    await this.ready();
    const now = this.#now().toISOString();
    const at = input.at === undefined ? now : isoOf(input.at);
    const by = input.by ?? 'system';
    const node = this.graph.close(input.chat, at);
    this.#lineage.clear();
    const recorded = await this.#store.recordClosure({
      platform: input.platform,
      chatRef: input.chat,
      ...(node !== undefined && { nodeId: node }),
      closedAt: at,
      source: input.source,
      ...(input.note !== undefined && { note: input.note }),
      recordedBy: by,
      recordedAt: now,
    });
    if (recorded) {
      await appendAudit(
        this.#store,
        {
          actor: by,
          action: CHANNEL_CLOSE,
          target: node ?? input.chat,
          reason: input.note ?? `channel closed (${input.source})`,
          details: { platform: input.platform, chat: input.chat, closedAt: at, source: input.source },
        },
        this.#now,
      );
    }
    return { node, recorded };
  }

  successors(ref: string, limit = 5): LineageCandidate[] {
    const node = this.graph.resolve(ref);
    return node === undefined ? [] : successorCandidates(this.graph, node, this.settings, limit);
  }

  predecessors(ref: string, limit = 5): LineageCandidate[] {
    const node = this.graph.resolve(ref);
    return node === undefined ? [] : predecessorCandidates(this.graph, node, this.settings, limit);
  }

  /** Every closed chat with its successor candidates, most recently closed first. */
  closures(): { node: NetworkNode; candidates: LineageCandidate[] }[] {
    return this.graph
      .closed()
      .sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''))
      .map((node) => ({ node, candidates: successorCandidates(this.graph, node.id, this.settings) }));
  }

  beacons(): BeaconFinding[] {
    return findBeacons(this.graph, this.settings);
  }

  campaigns(): Campaign[] {
    return this.#campaigns.campaigns();
  }

  trends(q: TrendQuery): NetworkTrends {
    return trendsOf(this.graph, this.#trends, this.#config, q, this.#now());
  }

  /** Around one node (depth 1..3), or, without a node, the most connected part of the network. */
  neighbourhood(
    ref: string | undefined,
    depth: number,
    kinds?: EdgeKind[],
  ): { nodes: NetworkNode[]; edges: NetworkEdge[] } {
    if (ref === undefined) return overview(this.graph, kinds);
    const node = this.graph.resolve(ref);
    return node === undefined ? { nodes: [], edges: [] } : this.graph.neighbourhood(node, depth, kinds);
  }

  /** Stops loading (the store is about to close); what is loaded stays readable. */
  stop(): void {
    this.#stopped = true;
  }

  #start(): void {
    if (this.#loading === undefined) {
      this.ready().catch((error: unknown) => {
        if (!this.#stopped) this.#onLoadError(error);
      });
    }
  }

  #enqueue(key: string, p: Pending): void {
    if (this.#loaded) {
      this.#apply(p);
      return;
    }
    this.#pending.push(p);
    this.#pendingKeys.add(key);
  }

  /** Trends count every saved item, so days without tactics read as 0 rather than missing. */
  #apply(p: Pending): void {
    const tactics = p.attribution?.tactics ?? [];
    const extra: ObservationExtra =
      tactics.length === 0
        ? {}
        : { tactics: [...tactics], orgs: [...(p.attribution?.orgs ?? [])], language: languageOf(p.item).lang };
    if (!p.structure) {
      // The scan added the structure already; trends read only the time and the attribution.
      if (p.counted) this.#trends.observe(trendObservation(p.item, extra));
      return;
    }
    const observation = observationOf(p.item, {
      ...extra,
      ...(p.seen !== undefined && { normalizedText: p.seen.normalizedText }),
      ...(p.seen?.links !== undefined && { links: p.seen.links }),
    });
    this.graph.observe(observation);
    this.#campaigns.observe(observation);
    if (p.counted) this.#trends.observe(observation);
  }

  async #load(): Promise<void> {
    let cursor: string | undefined;
    let left = this.#config.maxItemsAtStart;
    while (left > 0 && !this.#stopped) {
      const page = await this.#store.listNetworkRows(Math.min(LOAD_PAGE, left), cursor);
      for (const row of page.rows) {
        if (this.#pendingKeys.has(itemKey(row.item))) continue;
        this.#apply({ item: row.item, structure: true, counted: true, attribution: row });
      }
      left -= page.rows.length;
      if (page.next === undefined) break;
      cursor = page.next;
      await setImmediate();
    }
    for (const meta of await this.#profiles()) this.#applyProfile(meta);
    await this.#loadClosures();
  }

  async #loadClosures(): Promise<void> {
    let cursor: string | undefined;
    do {
      if (this.#stopped) return;
      const page = await this.#store.listClosures({ limit: LOAD_PAGE, ...(cursor !== undefined && { cursor }) });
      for (const c of page.rows) {
        const ref = this.graph.resolve(c.chatRef) !== undefined ? c.chatRef : (c.nodeId ?? c.chatRef);
        this.graph.close(ref, c.closedAt);
      }
      cursor = page.next;
    } while (cursor !== undefined);
  }
}

/**
 * The network over a whole store: stored items and closures, and the chat profiles (renames,
 * avatars) the live monitor keeps on its watch list, replayed so a restart keeps them.
 */
export function networkOver(store: Store, config: NetworkConfig, log: Loggers): ChannelNetwork {
  return new ChannelNetwork({
    store,
    config,
    onLoadError: (err) => log.storage.warn({ err }, 'channel network: loading the stored network failed'),
    profiles: async () => (await store.listWatches()).flatMap((w) => (w.meta === undefined ? [] : [w.meta])),
  });
}
