import type { EdgeKind, NetworkEdge, NodeId } from './network-types.js';
import { earlierOf, laterOf } from './node-ids.js';

const SEP = '\u0000';
const keyOf = (from: NodeId, to: NodeId, kind: EdgeKind): string => `${kind}${SEP}${from}${SEP}${to}`;

/**
 * Aggregated edges, one per (from, to, kind), with an adjacency index so a node's edges are read
 * without scanning the graph. Adding is O(1); re-pointing a merged node is O(its edges).
 */
export class EdgeStore {
  readonly #edges = new Map<string, NetworkEdge>();
  readonly #adjacency = new Map<NodeId, Set<string>>();

  get size(): number {
    return this.#edges.size;
  }

  add(from: NodeId, to: NodeId, kind: EdgeKind, at: string): void {
    this.#upsert(from, to, kind, at, at, 1);
  }

  values(): IterableIterator<NetworkEdge> {
    return this.#edges.values();
  }

  /** Edges in and out of a node, optionally of some kinds only. */
  of(id: NodeId, kinds?: ReadonlySet<EdgeKind>): NetworkEdge[] {
    const keys = this.#adjacency.get(id);
    if (keys === undefined) return [];
    const out: NetworkEdge[] = [];
    for (const key of keys) {
      const edge = this.#edges.get(key);
      if (edge !== undefined && (kinds === undefined || kinds.has(edge.kind))) out.push(edge);
    }
    return out;
  }

  /** Moves every edge of `from` onto `to`, summing into edges `to` already has. */
  repoint(from: NodeId, to: NodeId): void {
    const keys = this.#adjacency.get(from);
    if (keys === undefined) return;
    this.#adjacency.delete(from);
    for (const key of keys) {
      const edge = this.#edges.get(key);
      if (edge === undefined) continue;
      this.#remove(key, edge);
      const a = edge.from === from ? to : edge.from;
      const b = edge.to === from ? to : edge.to;
      this.#upsert(a, b, edge.kind, edge.firstSeen, edge.lastSeen, edge.count);
    }
  }

  #upsert(from: NodeId, to: NodeId, kind: EdgeKind, firstSeen: string, lastSeen: string, count: number): void {
    // A chat citing itself says nothing about the network.
    if (from === to) return;
    const key = keyOf(from, to, kind);
    const edge = this.#edges.get(key);
    if (edge !== undefined) {
      edge.count += count;
      edge.firstSeen = earlierOf(edge.firstSeen, firstSeen);
      edge.lastSeen = laterOf(edge.lastSeen, lastSeen);
      return;
    }
    this.#edges.set(key, { from, to, kind, count, firstSeen, lastSeen });
    this.#link(from, key);
    this.#link(to, key);
  }

  #remove(key: string, edge: NetworkEdge): void {
    this.#edges.delete(key);
    this.#adjacency.get(edge.from)?.delete(key);
    this.#adjacency.get(edge.to)?.delete(key);
  }

  #link(id: NodeId, key: string): void {
    let keys = this.#adjacency.get(id);
    if (keys === undefined) {
      keys = new Set();
      this.#adjacency.set(id, keys);
    }
    keys.add(key);
  }
}

// Callers pass the same constant kind lists on every query; their sets are built once.
const KIND_SETS = new WeakMap<readonly EdgeKind[], ReadonlySet<EdgeKind>>();

export function kindSetOf(kinds: readonly EdgeKind[]): ReadonlySet<EdgeKind> {
  let set = KIND_SETS.get(kinds);
  if (set === undefined) {
    set = new Set(kinds);
    KIND_SETS.set(kinds, set);
  }
  return set;
}
