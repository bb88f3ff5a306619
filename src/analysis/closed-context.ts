import { PDQ_MATCH_RADIUS, pdqWords } from '../match/index.js';
import type { ChannelGraph } from './channel-graph.js';
import { type NameKeys, nameKeys } from './handle-key.js';
import type { EdgeKind, NetworkNode, NodeId } from './network-types.js';
import { DAY_MS, timeOf } from './node-ids.js';

/**
 * What every successor candidate of one closed chat is compared with, read from the graph once
 * per query: its names and avatars, and "reach" maps from the chats around it (who else its
 * forwarders forward, its linkers link, its fingerprints' posters) so each candidate's audience
 * and content factors are a map lookup, not a set intersection.
 */
export interface ClosedContext {
  node: NetworkNode;
  closedAt: number;
  names: NamedKeys[];
  avatars: readonly Uint32Array[];
  fingerprints: ReadonlySet<string>;
  forwarders: ReadonlySet<NodeId>;
  linkers: ReadonlySet<NodeId>;
  /** For each chat that posted one of the closed chat's fingerprints: how many of them. */
  fingerprintReach: Map<NodeId, number>;
  /** For each chat the closed chat's forwarders also forwarded from: how many of them did. */
  forwarderReach: Map<NodeId, number>;
  /** For each chat the closed chat's linkers also point at: how many of them do. */
  linkerReach: Map<NodeId, number>;
  /** Chats a linker of the closed chat pointed at around or after the closure, with how specifically. */
  redirects: Map<NodeId, { strength: number; via: NodeId }>;
  /** Targets of the closed chat's own links, and of its backup announcements. */
  linked: ReadonlySet<NodeId>;
  announced: ReadonlySet<NodeId>;
  /** Trigrams of the closed chat's name keys and skeletons, for the cheap name pre-filter. */
  keyGrams: ReadonlySet<number>;
  skeletonGrams: ReadonlySet<number>;
}

export interface NamedKeys {
  name: string;
  keys: NameKeys;
}

/** Backups are often opened days before the closure they prepare for. */
export const BACKUP_LEAD_DAYS = 7;
/** Edges read per hub (a forwarder or linker of the closed chat), so one busy hub cannot slow a query. */
const MAX_EDGES_PER_HUB = 500;
/** Fingerprints of the closed chat followed to their posters; the most recent are kept by the graph. */
const MAX_FINGERPRINTS_FOLLOWED = 500;

export const LINK_KINDS: readonly EdgeKind[] = ['public-link', 'invite-link', 'button', 'mention'];
const LINK_KIND_SET = new Set<EdgeKind>(LINK_KINDS);
const FORWARD_KINDS: readonly EdgeKind[] = ['forward'];

export function closedContext(graph: ChannelGraph, node: NetworkNode, closedAt: number): ClosedContext {
  const linkers = linkersOf(graph, node.id);
  const stats = graph.postStats(node.id);
  const linked = new Set<NodeId>();
  for (const edge of graph.edgesOf(node.id, LINK_KINDS)) if (edge.from === node.id) linked.add(edge.to);
  const forwarders = graph.forwardersOf(node.id);
  const names = distinctNames(node);
  return {
    node,
    closedAt,
    names,
    avatars: avatarsOf(graph, node),
    fingerprints: graph.fingerprintsOf(node.id),
    forwarders,
    linkers,
    fingerprintReach: fingerprintReachOf(graph, node.id),
    forwarderReach: reachOf(graph, forwarders, FORWARD_KINDS),
    linkerReach: reachOf(graph, linkers, LINK_KINDS),
    redirects: redirectsOf(graph, linkers, closedAt),
    linked,
    announced: (stats?.backupPosts ?? 0) > 0 ? new Set(stats?.targets.keys()) : new Set(),
    keyGrams: new Set(names.flatMap((n) => n.keys.trigrams)),
    skeletonGrams: new Set(names.flatMap((n) => n.keys.skeletonTrigrams)),
  };
}

/**
 * Cheap test that a candidate could score on name or avatar: half of one of its names' key or
 * skeleton trigrams appear among the closed chat's, or an avatar lies within twice the PDQ match
 * radius. Chats failing it, and absent from every reach map, could score on timing alone, so
 * lineage does not score them.
 */
export function mayResemble(graph: ChannelGraph, c: ClosedContext, candidate: NetworkNode): boolean {
  for (const { keys } of distinctNames(candidate)) {
    if (mostlyShared(keys.trigrams, c.keyGrams) || mostlyShared(keys.skeletonTrigrams, c.skeletonGrams)) return true;
  }
  if (c.avatars.length === 0) return false;
  return avatarDistance(c.avatars, avatarsOf(graph, candidate)) <= 2 * PDQ_MATCH_RADIUS;
}

const RESEMBLANCE_SHARE = 0.5;

function mostlyShared(grams: readonly number[], set: ReadonlySet<number>): boolean {
  if (grams.length < 2) return false;
  let shared = 0;
  for (const g of grams) if (set.has(g)) shared++;
  return shared >= 2 && shared >= RESEMBLANCE_SHARE * grams.length;
}

/** Smallest Hamming distance between two avatar histories; infinite when either is empty. */
export function avatarDistance(a: readonly Uint32Array[], b: readonly Uint32Array[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (const x of a) {
    for (const y of b) {
      let d = 0;
      for (let i = 0; i < x.length; i++) d += popcount((x[i] as number) ^ (y[i] as number));
      best = Math.min(best, d);
    }
  }
  return best;
}

function popcount(v: number): number {
  let x = v - ((v >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Chats with link or mention edges into a node. */
export function linkersOf(graph: ChannelGraph, id: NodeId): Set<NodeId> {
  const out = new Set<NodeId>();
  for (const edge of graph.edgesOf(id, LINK_KINDS)) {
    if (edge.to === id && edge.from.startsWith('chat:')) out.add(edge.from);
  }
  return out;
}

const FIRST_SEEN = new WeakMap<NetworkNode, { iso: string; ms: number }>();

/** `firstSeen` in epoch milliseconds, parsed once per value (lineage reads it for every chat). */
export function firstSeenMs(node: NetworkNode): number {
  const cached = FIRST_SEEN.get(node);
  if (cached !== undefined && cached.iso === node.firstSeen) return cached.ms;
  const ms = timeOf(node.firstSeen);
  FIRST_SEEN.set(node, { iso: node.firstSeen, ms });
  return ms;
}

// A node's names change rarely (renames); their keys are cached per node object until they do.
const NAMES = new WeakMap<NetworkNode, { handles: number; titles: number; names: NamedKeys[] }>();

/** Handles and titles with their keys, one per distinct key (a title often keys like the handle). */
export function distinctNames(node: NetworkNode): NamedKeys[] {
  const cached = NAMES.get(node);
  if (cached !== undefined && cached.handles === node.handles.length && cached.titles === node.titles.length) {
    return cached.names;
  }
  const names: NamedKeys[] = [];
  for (const name of node.handles) addName(names, name);
  for (const name of node.titles) addName(names, name);
  NAMES.set(node, { handles: node.handles.length, titles: node.titles.length, names });
  return names;
}

function addName(out: NamedKeys[], name: string): void {
  const keys = nameKeys(name);
  if (!out.some((o) => o.keys.key === keys.key)) out.push({ name, keys });
}

// Avatars are parsed once per hash, not once per comparison.
const PARSED = new Map<string, Uint32Array | null>();
const PARSED_MAX = 100_000;

/** Every avatar seen, parsed; a malformed hash (a connector bug) is skipped, not fatal. */
export function avatarsOf(graph: ChannelGraph, node: NetworkNode): Uint32Array[] {
  const seen = graph.avatarsOf(node.id);
  const hexes = seen.length > 0 ? seen : node.avatarPdq !== undefined ? [node.avatarPdq] : [];
  const out: Uint32Array[] = [];
  for (const hex of hexes) {
    let words = PARSED.get(hex);
    if (words === undefined) {
      words = parseOrNull(hex);
      if (PARSED.size >= PARSED_MAX) PARSED.clear();
      PARSED.set(hex, words);
    }
    if (words !== null) out.push(words);
  }
  return out;
}

function parseOrNull(hex: string): Uint32Array | null {
  try {
    return pdqWords(hex);
  } catch {
    return null;
  }
}

function fingerprintReachOf(graph: ChannelGraph, id: NodeId): Map<NodeId, number> {
  const reach = new Map<NodeId, number>();
  let followed = 0;
  for (const fingerprint of graph.fingerprintsOf(id)) {
    for (const chat of graph.chatsWithFingerprint(fingerprint)) reach.set(chat, (reach.get(chat) ?? 0) + 1);
    if (++followed >= MAX_FINGERPRINTS_FOLLOWED) break;
  }
  reach.delete(id);
  return reach;
}

/**
 * For each linker, the chats it pointed at from a week before the closure on; a target's
 * strength is 1 over the square root of how many such targets the linker has, so a hub linking
 * everywhere counts little and a beacon announcing one new home counts fully.
 */
function redirectsOf(graph: ChannelGraph, linkers: ReadonlySet<NodeId>, closedAt: number) {
  const from = closedAt - BACKUP_LEAD_DAYS * DAY_MS;
  const out = new Map<NodeId, { strength: number; via: NodeId }>();
  for (const linker of linkers) {
    const fresh = graph
      .edgesOf(linker)
      .slice(0, MAX_EDGES_PER_HUB)
      .filter((e) => e.from === linker && LINK_KIND_SET.has(e.kind) && timeOf(e.lastSeen) >= from);
    const strength = 1 / Math.sqrt(Math.max(fresh.length, 1));
    for (const edge of fresh) {
      if ((out.get(edge.to)?.strength ?? 0) < strength) out.set(edge.to, { strength, via: linker });
    }
  }
  return out;
}

/** For every chat the hubs point at (by the given edge kinds), how many hubs do. */
function reachOf(graph: ChannelGraph, hubs: ReadonlySet<NodeId>, kinds: readonly EdgeKind[]): Map<NodeId, number> {
  const reach = new Map<NodeId, number>();
  for (const hub of hubs) {
    for (const edge of graph.edgesOf(hub, kinds).slice(0, MAX_EDGES_PER_HUB)) {
      if (edge.from === hub) reach.set(edge.to, (reach.get(edge.to) ?? 0) + 1);
    }
  }
  return reach;
}
