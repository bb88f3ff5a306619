import { PDQ_MATCH_RADIUS } from '../match/index.js';
import type { ChannelGraph } from './channel-graph.js';
import {
  avatarDistance,
  avatarsOf,
  BACKUP_LEAD_DAYS,
  type ClosedContext,
  distinctNames,
  linkersOf,
} from './closed-context.js';
import { keySimilarity } from './handle-key.js';
import type { LineageReason, NetworkNode } from './network-types.js';
import { DAY_MS, timeOf } from './node-ids.js';

/**
 * The factors of a lineage score, each 0..1 with a sentence of ids and handles only. What
 * depends on the closed chat alone is read once into a `ClosedContext`; each candidate then costs
 * a few map lookups and its own names and avatars, never a scan of the graph.
 */

/**
 * How much each factor weighs; they sum to 1 so the score stays 0..1. A near-identical avatar
 * weighs a little more than the name: unrelated avatars practically never fall within the PDQ
 * match radius, while look-alike names are common among unrelated chats.
 */
export const LINEAGE_WEIGHTS: Record<LineageReason['factor'], number> = {
  name: 0.25,
  avatar: 0.3,
  content: 0.15,
  audience: 0.1,
  timing: 0.1,
  announced: 0.1,
};

const label = (node: NetworkNode): string => (node.handle !== undefined ? `@${node.handle}` : node.id);
const damp = (n: number): number => n / (n + 1);

/** Best pair of names, squared: a half-similar name is weak evidence, an identical key is full. */
export function nameFactor(c: ClosedContext, candidate: NetworkNode): LineageReason {
  let best = 0;
  let pair = ['', ''];
  for (const b of distinctNames(candidate)) {
    for (const a of c.names) {
      const s = keySimilarity(a.keys, b.keys);
      if (s > best) [best, pair] = [s, [a.name, b.name]];
    }
  }
  const detail = best > 0 ? `name "${pair[1]}" resembles "${pair[0]}" (${best.toFixed(2)})` : 'no similar name';
  return { factor: 'name', value: best * best, detail };
}

export function avatarFactor(graph: ChannelGraph, c: ClosedContext, candidate: NetworkNode): LineageReason {
  const distance =
    c.avatars.length === 0 ? Number.POSITIVE_INFINITY : avatarDistance(c.avatars, avatarsOf(graph, candidate));
  const detail = Number.isFinite(distance)
    ? `avatar PDQ distance ${distance} bits from ${label(c.node)}'s`
    : 'no avatar to compare';
  return { factor: 'avatar', value: avatarValue(distance), detail };
}

/** Within the PDQ match radius the avatars are the same picture; the value fades to 0 at twice it. */
export function avatarValue(distance: number): number {
  if (!Number.isFinite(distance)) return 0;
  if (distance <= PDQ_MATCH_RADIUS) return 1 - (0.3 * distance) / PDQ_MATCH_RADIUS;
  return Math.max(0, (0.7 * (2 * PDQ_MATCH_RADIUS + 1 - distance)) / (PDQ_MATCH_RADIUS + 1));
}

/**
 * Shared fingerprints over the smaller of the two sets, damped by c/(c+2) so one shared benign
 * post cannot look like a reposted archive.
 */
export function contentFactor(graph: ChannelGraph, c: ClosedContext, candidate: NetworkNode): LineageReason {
  const count = c.fingerprintReach.get(candidate.id) ?? 0;
  const smaller = Math.min(c.fingerprints.size, graph.fingerprintsOf(candidate.id).size);
  const share = count === 0 || smaller === 0 ? 0 : Math.min(1, count / smaller);
  const value = share * (count / (count + 2));
  const percent = Math.round(share * 100);
  return { factor: 'content', value, detail: `${count} fingerprints posted by both (${percent}% of the smaller set)` };
}

/**
 * The same audience: chats that forwarded both, chats that linked to both, and above all a chat
 * that linked to the closed one and, around or after the closure, to the candidate (a beacon).
 */
export function audienceFactor(graph: ChannelGraph, c: ClosedContext, candidate: NetworkNode): LineageReason {
  const forwarded = c.forwarderReach.get(candidate.id) ?? 0;
  const linked = c.linkerReach.get(candidate.id) ?? 0;
  const forwarderShare =
    forwarded === 0 ? 0 : forwarded / Math.min(c.forwarders.size, graph.forwardersOf(candidate.id).size);
  const linkerShare = linked === 0 ? 0 : linked / Math.min(c.linkers.size, linkersOf(graph, candidate.id).size);
  const shared = Math.max(forwarderShare * damp(forwarded), linkerShare * damp(linked));
  const redirect = c.redirects.get(candidate.id);
  const parts = [`${forwarded} shared forwarders`, `${linked} chats linking to both`];
  if (redirect !== undefined) parts.push(`${redirect.via} pointed at it around the closure`);
  const value = Math.min(1, Math.max(shared, redirect?.strength ?? 0));
  return { factor: 'audience', value, detail: parts.join(', ') };
}

/** 1 inside [closure − 7 days, closure + 2 days], fading to 0.3 at the window's end, 0 outside. */
export function timingFactor(closedAt: number, candidate: NetworkNode, windowDays: number): LineageReason {
  const days = (timeOf(candidate.firstSeen) - closedAt) / DAY_MS;
  let value = 0;
  if (days >= -BACKUP_LEAD_DAYS && days <= 2) value = 1;
  else if (days > 2 && days <= windowDays) value = 1 - (0.7 * (days - 2)) / Math.max(windowDays - 2, 1);
  else if (days < -BACKUP_LEAD_DAYS) value = Math.max(0, 1 - (-BACKUP_LEAD_DAYS - days) / BACKUP_LEAD_DAYS);
  const when = days >= 0 ? `${days.toFixed(1)} days after` : `${(-days).toFixed(1)} days before`;
  return { factor: 'timing', value: Number.isFinite(value) ? value : 0, detail: `first seen ${when} the closure` };
}

/** The closed chat itself pointed at the candidate; fully so when it announced a backup. */
export function announcedFactor(c: ClosedContext, candidate: NetworkNode): LineageReason {
  const who = label(c.node);
  if (c.announced.has(candidate.id)) {
    return { factor: 'announced', value: 1, detail: `${who} announced a backup and linked to it` };
  }
  if (c.linked.has(candidate.id)) return { factor: 'announced', value: 0.5, detail: `${who} linked to it` };
  return { factor: 'announced', value: 0, detail: `${who} never linked to it` };
}
