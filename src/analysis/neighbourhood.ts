import type { EdgeKind, NetworkEdge, NetworkNode, NodeId } from './network-types.js';

export interface Neighbourhood {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

export interface NeighbourhoodSource {
  node(id: NodeId): NetworkNode | undefined;
  edgesOf(id: NodeId, kinds?: readonly EdgeKind[]): NetworkEdge[];
}

/**
 * Breadth-first walk from one node, strongest edges first, so when `maxNodes` cuts the walk the
 * nodes kept are the ones most tied to the start. Depth is clamped to 1..3: beyond three hops a
 * channel network reaches most of the graph and stops being a picture a reviewer can read.
 */
export function neighbourhoodOf(
  graph: NeighbourhoodSource,
  id: NodeId,
  depth: number,
  kinds?: readonly EdgeKind[],
  maxNodes = 200,
): Neighbourhood {
  const start = graph.node(id);
  if (start === undefined) return { nodes: [], edges: [] };
  const seen = new Map<NodeId, NetworkNode>([[start.id, start]]);
  const edges = new Set<NetworkEdge>();
  let frontier = [start.id];
  const levels = Math.min(Math.max(Math.floor(depth), 1), 3);
  for (let level = 0; level < levels && frontier.length > 0; level++) {
    const next: NodeId[] = [];
    for (const at of frontier) {
      for (const edge of graph.edgesOf(at, kinds).sort((a, b) => b.count - a.count)) {
        const other = edge.from === at ? edge.to : edge.from;
        if (!seen.has(other)) {
          const node = graph.node(other);
          if (node === undefined || seen.size >= maxNodes) continue;
          seen.set(other, node);
          next.push(other);
        }
        edges.add(edge);
      }
    }
    frontier = next;
  }
  return { nodes: [...seen.values()], edges: [...edges] };
}
