import { utcDay } from './calendar-days.js';
import { dailyPeaks } from './daily-peaks.js';
import { hijriDate } from './hijri.js';
import type { NetworkNode, NodeId } from './network-types.js';

/**
 * Creation bursts: days when many chats appear at once, the mark of a network rebuilding after
 * closures. A chat's creation day is the day Rasd first saw it; only channels and groups that
 * have posted count (a handle merely mentioned is not a new chat). The first day of the series
 * is never a burst: it is the day monitoring began (see daily-peaks.ts).
 */

export interface CreationBurst {
  day: string;
  hijri: string;
  newChats: number;
  baseline: number;
  /** The chats first seen that day, earliest first. */
  chats: NodeId[];
}

export interface CreationBurstOptions {
  factor?: number;
  minNew?: number;
}

/** Structural, so any graph with a `nodes()` iterator fits (ChannelGraph does). */
export interface NodeSource {
  nodes(): Iterable<NetworkNode>;
}

const isNewChat = (node: NetworkNode): boolean => node.posts > 0 && (node.kind === 'channel' || node.kind === 'group');

export function creationBursts(graph: NodeSource, options: CreationBurstOptions = {}): CreationBurst[] {
  const perDay = new Map<string, number>();
  for (const node of graph.nodes()) {
    if (!isNewChat(node)) continue;
    const day = utcDay(node.firstSeen);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  const daily = [...perDay].map(([day, count]) => ({ day, count }));
  const peaks = dailyPeaks(daily, { factor: options.factor ?? 3, minCount: options.minNew ?? 5 });
  if (peaks.length === 0) return [];
  // A second pass keeps only the burst days' chats instead of every chat's id by day.
  const chats = new Map<string, NetworkNode[]>(peaks.map((p) => [p.day, []]));
  for (const node of graph.nodes()) {
    if (isNewChat(node)) chats.get(utcDay(node.firstSeen))?.push(node);
  }
  return peaks.map((p) => ({
    day: p.day,
    hijri: hijriDate(p.day),
    newChats: p.count,
    baseline: p.baseline,
    chats: (chats.get(p.day) ?? [])
      .sort((a, b) => Date.parse(a.firstSeen) - Date.parse(b.firstSeen) || a.id.localeCompare(b.id))
      .map((n) => n.id),
  }));
}
