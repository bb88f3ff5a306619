import type { ChannelGraph } from '../analysis/channel-graph.js';
import { type CreationBurst, creationBursts } from '../analysis/creation-bursts.js';
import type { EdgeKind, NetworkEdge, NetworkNode, NodeId } from '../analysis/network-types.js';
import { MAX_SPAN_DAYS, type SignificantDate, significantDatesBetween } from '../analysis/significant-dates.js';
import { findSurges, type Surge } from '../analysis/surges.js';
import type { TacticTrendRow, TrendCounter } from '../analysis/tactic-trends.js';
import type { NetworkConfig } from '../config/network-config.js';

/**
 * Read-only views over the in-memory network for the API, CLI and dashboard: the overview
 * picture when no node is chosen, and tactic trends with the days around them.
 */

/** Nodes in the overview: a picture a reviewer can still read. */
export const OVERVIEW_NODES = 200;

/** The most connected nodes (edges counted by occurrence) and the edges among them. */
export function overview(
  graph: ChannelGraph,
  kinds?: readonly EdgeKind[],
  maxNodes = OVERVIEW_NODES,
): { nodes: NetworkNode[]; edges: NetworkEdge[] } {
  const wanted = kinds === undefined ? undefined : new Set(kinds);
  const degree = new Map<NodeId, number>();
  for (const edge of graph.edges()) {
    if (wanted !== undefined && !wanted.has(edge.kind)) continue;
    degree.set(edge.from, (degree.get(edge.from) ?? 0) + edge.count);
    degree.set(edge.to, (degree.get(edge.to) ?? 0) + edge.count);
  }
  const top = [...degree.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxNodes)
    .map(([id]) => id);
  const kept = new Set(top);
  const nodes = top.map((id) => graph.node(id)).filter((n): n is NetworkNode => n !== undefined);
  const edges: NetworkEdge[] = [];
  for (const edge of graph.edges()) {
    if (wanted !== undefined && !wanted.has(edge.kind)) continue;
    if (kept.has(edge.from) && kept.has(edge.to)) edges.push(edge);
  }
  return { nodes, edges };
}

export interface TrendQuery {
  from?: string;
  to?: string;
  by?: 'org' | 'language' | 'none';
}

export interface NetworkTrends {
  rows: TacticTrendRow[];
  bursts: CreationBurst[];
  surges: Surge[];
  dates: SignificantDate[];
}

const DAY_MS = 86_400_000;
const dayOf = (iso: string): string => iso.slice(0, 10);
const shiftDay = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/**
 * The range shown: as asked, else the counted days, else the last year; at most the span the
 * significant-date walk allows, keeping the end (the recent days are what an analyst looks at).
 */
function rangeOf(q: TrendQuery, counted: readonly { day: string }[], now: Date): { from: string; to: string } {
  const to = q.to !== undefined ? dayOf(q.to) : (counted.at(-1)?.day ?? dayOf(now.toISOString()));
  let from = q.from !== undefined ? dayOf(q.from) : (counted[0]?.day ?? shiftDay(to, -365));
  if (from > to) from = to;
  const earliest = shiftDay(to, -(MAX_SPAN_DAYS - 1));
  if (from < earliest) from = earliest;
  return { from, to };
}

export function trendsOf(
  graph: ChannelGraph,
  counter: TrendCounter,
  config: Pick<NetworkConfig, 'significantDates'>,
  q: TrendQuery,
  now: Date,
): NetworkTrends {
  const counted = counter.daily({});
  const { from, to } = rangeOf(q, counted, now);
  const inRange = (day: string): boolean => day >= from && day <= to;
  const dates = significantDatesBetween(from, to, config.significantDates);
  const daily = counter.daily({ from, to }).filter((d) => inRange(d.day));
  return {
    rows: counter.rows({ from, to, by: q.by ?? 'none' }).filter((r) => inRange(r.day)),
    bursts: creationBursts(graph).filter((b) => inRange(b.day)),
    surges: findSurges(daily, dates),
    dates,
  };
}
