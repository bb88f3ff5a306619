import { describe, expect, it } from 'vitest';
import { dayFromNumber, dayNumber } from './calendar-days.js';
import { creationBursts } from './creation-bursts.js';
import type { NetworkNode, NodeKind } from './network-types.js';

function chat(id: string, firstSeen: string, kind: NodeKind = 'channel', posts = 3): NetworkNode {
  return { id, kind, handles: [], titles: [], firstSeen, lastSeen: firstSeen, posts };
}

/** One new channel a day for `days` days from 2025-05-01, plus whatever `extra` nodes. */
function graphOf(days: number, extra: NetworkNode[] = []) {
  const start = dayNumber('2025-05-01');
  const nodes = Array.from({ length: days }, (_, i) => chat(`chat:${i}`, `${dayFromNumber(start + i)}T08:00:00Z`));
  return { nodes: () => [...nodes, ...extra].values() };
}

function burst(day: string, count: number, kind: NodeKind = 'channel', posts = 3): NetworkNode[] {
  return Array.from({ length: count }, (_, i) =>
    chat(`chat:${day}-${i}`, `${day}T10:${String(count - i).padStart(2, '0')}:00Z`, kind, posts),
  );
}

describe('creationBursts', () => {
  it('finds a day with many new channels and lists them earliest first', () => {
    const [found, ...rest] = creationBursts(graphOf(30, burst('2025-05-20', 6)));
    expect(rest).toEqual([]);
    expect(found).toMatchObject({ day: '2025-05-20', newChats: 7, baseline: 1 });
    expect(found?.hijri).toMatch(/1446 AH$/);
    expect(found?.chats[0]).toBe('chat:19');
    expect(found?.chats.slice(1)).toEqual(Array.from({ length: 6 }, (_, i) => `chat:2025-05-20-${5 - i}`));
  });

  it('does not flag a day just under the minimum or the factor', () => {
    expect(creationBursts(graphOf(30, burst('2025-05-20', 3)))).toEqual([]);
    expect(creationBursts(graphOf(30, burst('2025-05-20', 6)), { factor: 8 })).toEqual([]);
  });

  it('counts only channels and groups that have posted', () => {
    const silent = burst('2025-05-20', 6, 'channel', 0);
    const bots = burst('2025-05-21', 6, 'bot');
    expect(creationBursts(graphOf(30, [...silent, ...bots]))).toEqual([]);
    expect(creationBursts(graphOf(30, burst('2025-05-20', 6, 'group')))).toHaveLength(1);
  });

  it('never flags the first day, when every known chat is first seen', () => {
    expect(creationBursts(graphOf(10, burst('2025-05-01', 40)))).toEqual([]);
  });

  it('returns nothing for an empty graph', () => {
    expect(creationBursts({ nodes: () => [].values() })).toEqual([]);
  });
});
