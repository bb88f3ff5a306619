import { describe, expect, it } from 'vitest';
import { nearPdq, randomPdq } from './disguises.js';
import { generateWorld, type WorldEvent } from './network-generator.js';
import { Prng } from './prng.js';

const small = { seed: 7, items: 20_000, chats: 500, closures: 30, beacons: 12, campaigns: 20, days: 40 };

function collect(events: Iterable<WorldEvent>): WorldEvent[] {
  return [...events];
}

function timeOf(e: WorldEvent): string {
  return e.type === 'post' ? e.observation.at : e.at;
}

describe('generateWorld', () => {
  const world = generateWorld(small);
  const events = collect(world.events);
  const posts = events.flatMap((e) => (e.type === 'post' ? [e.observation] : []));

  it('is the same world for the same seed, and a different one for another seed', () => {
    const again = collect(generateWorld(small).events);
    expect(again).toEqual(events);
    expect(collect(world.events)).toEqual(events);
    const other = collect(generateWorld({ ...small, seed: 8 }).events);
    expect(other.slice(0, 50)).not.toEqual(events.slice(0, 50));
  });

  it('writes about the asked number of posts, in time order, each chat introduced before it posts', () => {
    expect(posts.length).toBeGreaterThanOrEqual(small.items);
    expect(posts.length).toBeLessThan(small.items * 1.05);
    const times = events.map(timeOf);
    expect(times).toEqual([...times].sort());
    const introduced = new Set<string>();
    for (const e of events) {
      if (e.type === 'profile') introduced.add(e.chatId);
      else {
        const chatId = e.type === 'post' ? e.observation.chatId : e.chatId;
        expect(introduced.has(chatId)).toBe(true);
      }
    }
  });

  it('has a successor for every closure that is a different chat, opened near the closure, posting after it', () => {
    const closedAt = new Map(events.flatMap((e) => (e.type === 'close' ? [[e.chatId, e.at] as const] : [])));
    const profiles = new Map(events.flatMap((e) => (e.type === 'profile' ? [[e.chatId, e] as const] : [])));
    expect(world.truth.successors.size).toBe(small.closures);
    for (const [closed, successor] of world.truth.successors) {
      const closure = Date.parse(closedAt.get(closed) as string);
      const opened = Date.parse(profiles.get(successor)?.at as string);
      expect(successor).not.toBe(closed);
      expect(opened - closure).toBeGreaterThan(-3.2 * 86_400_000);
      expect(opened - closure).toBeLessThan(14 * 86_400_000);
      expect(posts.some((p) => p.chatId === successor && Date.parse(p.at) > closure)).toBe(true);
      expect(posts.some((p) => p.chatId === closed && Date.parse(p.at) > closure)).toBe(false);
    }
  });

  it('makes beacons post mostly bare invite links, and campaigns one fingerprint in many chats within ten minutes', () => {
    expect(world.truth.beacons.size).toBe(small.beacons);
    for (const beacon of world.truth.beacons) {
      const own = posts.filter((p) => p.chatId === beacon);
      const bare = own.filter((p) => p.bareTextLength < 15 && p.links.some((l) => l.url.startsWith('https://t.me/')));
      expect(own.length).toBeGreaterThanOrEqual(12);
      expect(bare.length / own.length).toBeGreaterThan(0.5);
    }
    expect(world.truth.campaigns.length).toBeGreaterThan(small.campaigns / 2);
    for (const campaign of world.truth.campaigns) {
      const copies = posts.filter((p) => p.fingerprints.includes(campaign.fingerprint));
      expect(new Set(copies.map((p) => p.chatId))).toEqual(campaign.members);
      const span = Date.parse(copies.at(-1)?.at as string) - Date.parse(copies[0]?.at as string);
      expect(span).toBeLessThanOrEqual(10 * 60_000);
      expect(campaign.members.size).toBeGreaterThanOrEqual(5);
    }
  });

  it('carries structure only: no text field on any post', () => {
    for (const p of posts.slice(0, 2000)) expect(Object.keys(p)).not.toContain('text');
  });
});

describe('avatar hashes', () => {
  it('keeps a near avatar within 20 bits of the original', () => {
    const rng = new Prng(3);
    const a = randomPdq(rng);
    const b = nearPdq(rng, a, 20);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    let bits = 0;
    for (let i = 0; i < 64; i++) {
      let x = Number.parseInt(a[i] as string, 16) ^ Number.parseInt(b[i] as string, 16);
      for (; x; x &= x - 1) bits++;
    }
    expect(bits).toBe(20);
  });
});
