import { describe, expect, it } from 'vitest';
import { ChannelGraph } from './channel-graph.js';
import { likelySuccessorOf, predecessorCandidates, successorCandidates } from './lineage.js';
import { networkSettings } from './network-settings.js';
import type { LineageCandidate, Observation } from './network-types.js';

const settings = networkSettings();
const DAY = 86_400_000;
const T0 = Date.parse('2026-01-01T00:00:00Z');
const day = (d: number): string => new Date(T0 + d * DAY).toISOString();
const AVATAR = '0f'.repeat(32);
/** The same picture re-encoded: a few bits flipped in the last digits. */
const NEAR_AVATAR = `${'0f'.repeat(31)}f0`;
const OTHER_AVATAR = 'a5'.repeat(32);
const CLOSED_FPS = Array.from({ length: 10 }, (_, i) => `media:${String(i).padStart(4, '0')}`);

let seq = 0;
function post(chatId: string, d: number, extra: Partial<Observation> = {}): Observation {
  seq++;
  return {
    chatId,
    chatKind: 'channel',
    messageId: String(seq),
    at: day(d),
    links: [],
    mentions: [],
    fingerprints: [],
    bareTextLength: 100,
    announcesBackup: false,
    ...extra,
  };
}

/** A closed chat with history, an audience, and noise chats appearing around its closure. */
function world(): ChannelGraph {
  const g = new ChannelGraph();
  g.setProfile('old', { handle: 'nashir_news', title: 'Nashir News', avatarPdq: AVATAR, at: day(0) });
  for (const [i, fp] of CLOSED_FPS.entries()) g.observe(post('old', i, { fingerprints: [fp] }));
  for (const f of ['fan1', 'fan2', 'fan3']) g.observe(post(f, 3, { forwardFrom: { chatId: 'old' } }));
  g.close('@nashir_news', day(10));
  // Noise: a cooking chat that reposts one popular item of the closed chat, new in the window.
  g.setProfile('noise', { handle: 'cooking_tips', title: 'Cooking Tips', avatarPdq: OTHER_AVATAR, at: day(11) });
  g.observe(post('noise', 11, { fingerprints: [CLOSED_FPS[0] as string, 'media:n1', 'media:n2', 'media:n3'] }));
  g.setProfile('noise2', { handle: 'weather_daily', at: day(10.5) });
  g.observe(post('noise2', 10.5));
  return g;
}

function successor(g: ChannelGraph, profile: { handle: string; title?: string; avatarPdq?: string }, d = 10.5) {
  g.setProfile('succ', { ...profile, at: day(d) });
  g.observe(post('succ', d));
}

const top = (g: ChannelGraph): LineageCandidate[] => successorCandidates(g, 'chat:old', settings);

describe('successorCandidates', () => {
  it.each([
    ['digit suffix', { handle: 'nashir_news2', title: 'Nashir News' }],
    ['leet', { handle: 'n4shir_news' }],
    ['separator swap', { handle: 'nashir-news', title: 'nashir.news' }],
    ['Arabic title', { handle: 'nshr_2026', title: 'ناشر نيوز' }],
  ])('ranks a successor under a %s disguise first, above the noise', (_disguise, profile) => {
    const g = world();
    successor(g, profile);
    const ranked = top(g);
    expect(ranked[0]?.candidate).toBe('chat:succ');
    expect(ranked[0]?.reasons.find((r) => r.factor === 'name')?.value).toBeGreaterThanOrEqual(0.8);
    const noise = ranked.find((c) => c.candidate === 'chat:noise');
    expect(noise === undefined || noise.score < (ranked[0]?.score ?? 0)).toBe(true);
  });

  it('finds a successor with an unrelated handle by its avatar and reposted content', () => {
    const g = world();
    g.setProfile('succ', { handle: 'fresh_start', avatarPdq: NEAR_AVATAR, at: day(12) });
    g.observe(post('succ', 12, { fingerprints: CLOSED_FPS.slice(0, 6) }));
    const [first] = top(g);
    expect(first?.candidate).toBe('chat:succ');
    const factors = Object.fromEntries(first?.reasons.map((r) => [r.factor, r.value]) ?? []);
    expect(factors.avatar).toBeGreaterThan(0.9);
    expect(factors.content).toBeGreaterThan(0.5);
    expect(factors.name).toBeLessThan(0.5);
    expect(first?.score).toBeGreaterThanOrEqual(settings.lineageMinScore);
  });

  it('credits the audience moving over and the closed chat announcing its backup', () => {
    const g = world();
    g.observe(post('old', 9, { links: [{ url: 'https://t.me/plain_other', via: 'text' }], announcesBackup: true }));
    g.setProfile('succ', { handle: 'plain_other', at: day(9) });
    g.observe(post('succ', 9.5));
    for (const f of ['fan1', 'fan2']) g.observe(post(f, 11, { forwardFrom: { chatId: 'succ' } }));
    const [first] = top(g);
    expect(first?.candidate).toBe('chat:succ');
    const factors = Object.fromEntries(first?.reasons.map((r) => [r.factor, r.value]) ?? []);
    expect(factors.announced).toBe(1);
    expect(factors.audience).toBeGreaterThan(0.5);
  });

  it('gives every factor as a reason with a sentence of ids and handles', () => {
    const g = world();
    successor(g, { handle: 'nashir_news2', avatarPdq: AVATAR });
    const [first] = top(g);
    expect(first?.reasons.map((r) => r.factor).sort()).toEqual(
      ['announced', 'audience', 'avatar', 'content', 'name', 'timing'].sort(),
    );
    for (const reason of first?.reasons ?? []) {
      expect(reason.value).toBeGreaterThanOrEqual(0);
      expect(reason.value).toBeLessThanOrEqual(1);
      expect(reason.detail.length).toBeGreaterThan(0);
    }
    expect(first?.score).toBeGreaterThan(0.6);
  });

  it('prefers the chat that appeared around the closure over an old look-alike', () => {
    const g = world();
    successor(g, { handle: 'nashir_news_backup' });
    g.setProfile('elder', { handle: 'nashir_news2', at: day(-200) });
    g.observe(post('elder', 11));
    expect(top(g)[0]?.candidate).toBe('chat:succ');
  });

  it('still proposes a backup opened weeks before the closure, on its name alone', () => {
    const g = world();
    successor(g, { handle: 'nashir_news_backup' }, -15);
    const found = top(g).find((c) => c.candidate === 'chat:succ');
    expect(found?.reasons.find((r) => r.factor === 'timing')?.value).toBe(0);
    expect(found?.reasons.find((r) => r.factor === 'name')?.value).toBe(1);
  });

  it("credits a beacon that pointed the closed chat's audience at the candidate after the closure", () => {
    const g = world();
    g.observe(post('beacon', 5, { links: [{ url: 'https://t.me/nashir_news', via: 'text' }], bareTextLength: 0 }));
    g.setProfile('succ', { handle: 'unrelated_home', at: day(11) });
    g.observe(post('succ', 11));
    g.observe(
      post('beacon', 11.5, { links: [{ url: 'https://t.me/unrelated_home', via: 'text' }], bareTextLength: 0 }),
    );
    const found = top(g).find((c) => c.candidate === 'chat:succ');
    const audience = found?.reasons.find((r) => r.factor === 'audience');
    expect(audience?.value).toBeGreaterThan(0.5);
    expect(audience?.detail).toContain('chat:beacon');
  });

  it('excludes the closed chat itself, sites, invites and chats closed before it', () => {
    const g = world();
    g.setProfile('gone', { handle: 'nashir_news3', at: day(9) });
    g.close('gone', day(9.5));
    g.observe(post('old', 5, { links: [{ url: 'https://example.org/x', via: 'text' }] }));
    const ids = top(g).map((c) => c.candidate);
    expect(ids).not.toContain('chat:old');
    expect(ids).not.toContain('chat:gone');
    expect(ids.some((id) => id.startsWith('site:') || id.startsWith('invite:'))).toBe(false);
    expect(successorCandidates(g, 'chat:unknown', settings)).toEqual([]);
  });

  it('respects the limit and orders by score', () => {
    const g = world();
    successor(g, { handle: 'nashir_news2' });
    const ranked = successorCandidates(g, 'chat:old', settings, 2);
    expect(ranked.length).toBeLessThanOrEqual(2);
    expect(ranked[0]?.score ?? 0).toBeGreaterThanOrEqual(ranked[1]?.score ?? 0);
  });
});

describe('reverse lookup', () => {
  it('names the closed chat a new chat most likely succeeds', () => {
    const g = world();
    successor(g, { handle: 'nashir_news2', avatarPdq: AVATAR });
    const [first] = predecessorCandidates(g, 'chat:succ', settings);
    expect(first).toMatchObject({ closed: 'chat:old', candidate: 'chat:succ' });
    expect(likelySuccessorOf(g, 'chat:succ', settings)?.closed).toBe('chat:old');
  });

  it('names nothing for unrelated chats or weak matches', () => {
    const g = world();
    successor(g, { handle: 'nashir_news2', avatarPdq: AVATAR });
    expect(likelySuccessorOf(g, 'chat:noise', settings)).toBeUndefined();
    expect(likelySuccessorOf(g, 'chat:nope', settings)).toBeUndefined();
    expect(predecessorCandidates(g, 'chat:noise', settings).every((c) => c.score < settings.lineageMinScore)).toBe(
      true,
    );
  });

  it('gives the closed chat to its best successor only, not to a weaker look-alike', () => {
    const g = world();
    successor(g, { handle: 'nashir_news2', avatarPdq: AVATAR });
    g.setProfile('copycat', { handle: 'nashir_news_daily', avatarPdq: AVATAR, at: day(10.5) });
    g.observe(post('copycat', 20));
    const best = successorCandidates(g, 'chat:old', settings, 1)[0]?.candidate;
    const loser = best === 'chat:succ' ? 'chat:copycat' : 'chat:succ';
    expect(likelySuccessorOf(g, loser, settings)).toBeUndefined();
    expect(likelySuccessorOf(g, best ?? '', settings)?.closed).toBe('chat:old');
  });
});
