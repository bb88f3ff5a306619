import type { ChannelGraph } from './channel-graph.js';
import { type ClosedContext, closedContext, firstSeenMs, mayResemble } from './closed-context.js';
import {
  announcedFactor,
  audienceFactor,
  avatarFactor,
  contentFactor,
  LINEAGE_WEIGHTS,
  nameFactor,
  timingFactor,
} from './lineage-factors.js';
import type { LineageCandidate, NetworkNode, NetworkSettings, NodeId } from './network-types.js';
import { DAY_MS, timeOf } from './node-ids.js';

/**
 * Lineage: which chat carries on a closed one. Candidates are gathered from what the graph
 * already indexes (chats first seen around the closure, chats that posted the closed chat's
 * fingerprints, chats its audience moved to, chats it pointed at), never from every node's
 * content; each is scored by the factors in lineage-factors.ts.
 */

/** Likely successors of a closed chat, best first. */
export function successorCandidates(
  graph: ChannelGraph,
  closed: NodeId,
  settings: NetworkSettings,
  limit = 5,
): LineageCandidate[] {
  const node = graph.node(closed);
  if (node === undefined) return [];
  const context = closedContext(graph, node, closureTime(node));
  const scored: LineageCandidate[] = [];
  for (const id of gatherCandidates(graph, context, settings)) {
    const candidate = graph.node(id);
    if (candidate === undefined || !eligible(node, candidate, context.closedAt)) continue;
    const scoredOne = scoreSuccessor(graph, context, candidate, settings);
    if (scoredOne.score > 0) scored.push(scoredOne);
  }
  return best(scored, limit);
}

/** The closed chats a node most likely succeeds, best first (the reverse lookup). */
export function predecessorCandidates(
  graph: ChannelGraph,
  node: NodeId,
  settings: NetworkSettings,
  limit = 5,
): LineageCandidate[] {
  const candidate = graph.node(node);
  if (candidate === undefined || !isChat(candidate)) return [];
  const scored: LineageCandidate[] = [];
  for (const closed of graph.closed()) {
    const closedAt = closureTime(closed);
    if (!eligible(closed, candidate, closedAt)) continue;
    const scoredOne = scoreSuccessor(graph, closedContext(graph, closed, closedAt), candidate, settings);
    if (scoredOne.score > 0) scored.push(scoredOne);
  }
  return best(scored, limit);
}

/**
 * The closed chat this node most likely succeeds, when the score reaches
 * `settings.lineageMinScore` and the node is also that chat's best successor (so two look-alikes
 * do not both inherit it). Costs one successor query; callers scanning many items cache per chat.
 */
export function likelySuccessorOf(
  graph: ChannelGraph,
  node: NodeId,
  settings: NetworkSettings,
): LineageCandidate | undefined {
  const id = graph.node(node)?.id;
  if (id === undefined) return undefined;
  for (const p of predecessorCandidates(graph, id, settings, 3)) {
    if (p.score < settings.lineageMinScore) return undefined;
    const top = successorCandidates(graph, p.closed, settings, 1)[0];
    if (top?.candidate === id) return p;
  }
  return undefined;
}

/** Scores one (closed, candidate) pair; every factor is kept as a reason, strongest first. */
export function scoreSuccessor(
  graph: ChannelGraph,
  closed: ClosedContext,
  candidate: NetworkNode,
  settings: NetworkSettings,
): LineageCandidate {
  const reasons = [
    nameFactor(closed, candidate),
    avatarFactor(graph, closed, candidate),
    contentFactor(graph, closed, candidate),
    audienceFactor(graph, closed, candidate),
    timingFactor(closed.closedAt, candidate, settings.lineageWindowDays),
    announcedFactor(closed, candidate),
  ].sort((a, b) => b.value * LINEAGE_WEIGHTS[b.factor] - a.value * LINEAGE_WEIGHTS[a.factor]);
  const score = reasons.reduce((sum, r) => sum + r.value * LINEAGE_WEIGHTS[r.factor], 0);
  return { closed: closed.node.id, candidate: candidate.id, score: Math.min(1, score), reasons };
}

/**
 * Backups opened long before a closure still count on name and avatar (timing gives them
 * nothing), so look-alikes are gathered from this far back.
 */
const LOOKBACK_DAYS = 60;

/**
 * Chats first seen around the closure that could resemble the closed chat (name or avatar), plus
 * every chat the reach maps name (shared fingerprints, forwarders, linkers, redirects, own links).
 */
function gatherCandidates(graph: ChannelGraph, context: ClosedContext, settings: NetworkSettings): Set<NodeId> {
  const { node: closed, closedAt } = context;
  const out = new Set<NodeId>();
  const from = closedAt - LOOKBACK_DAYS * DAY_MS;
  const to = closedAt + settings.lineageWindowDays * DAY_MS;
  for (const node of graph.resembling(
    context.names.map((n) => n.keys),
    context.avatars,
  )) {
    if (!isChat(node)) continue;
    const first = firstSeenMs(node);
    if (first >= from && first <= to && mayResemble(graph, context, node)) out.add(node.id);
  }
  // One shared fingerprint, forwarder or linker is common among unrelated chats (viral posts,
  // big hubs); such chats are scored only when they could also resemble the closed chat.
  for (const reach of [context.fingerprintReach, context.forwarderReach, context.linkerReach]) {
    for (const [target, count] of reach) {
      if (out.has(target)) continue;
      if (count >= 2) out.add(target);
      else {
        const node = graph.node(target);
        if (node !== undefined && mayResemble(graph, context, node)) out.add(target);
      }
    }
  }
  for (const target of context.redirects.keys()) out.add(target);
  out.delete(closed.id);
  return out;
}

/** Not itself, a chat (not a site or invite), and not closed before this closure. */
function eligible(closed: NetworkNode, candidate: NetworkNode, closedAt: number): boolean {
  if (candidate.id === closed.id || !isChat(candidate)) return false;
  return candidate.closedAt === undefined || timeOf(candidate.closedAt) >= closedAt;
}

const isChat = (node: NetworkNode): boolean => node.kind !== 'site' && node.kind !== 'invite';

function closureTime(node: NetworkNode): number {
  return timeOf(node.closedAt ?? node.lastSeen);
}

function best(scored: LineageCandidate[], limit: number): LineageCandidate[] {
  return scored.sort((a, b) => b.score - a.score || a.candidate.localeCompare(b.candidate)).slice(0, limit);
}
