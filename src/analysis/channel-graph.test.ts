import { describe, expect, it } from 'vitest';
import { ChannelGraph } from './channel-graph.js';
import type { Observation } from './network-types.js';

const T0 = Date.parse('2026-03-01T00:00:00Z');
const at = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

let seq = 0;
function post(chatId: string, minute: number, extra: Partial<Observation> = {}): Observation {
  seq++;
  return {
    chatId,
    chatKind: 'channel',
    messageId: String(seq),
    at: at(minute),
    links: [],
    mentions: [],
    fingerprints: [],
    bareTextLength: 100,
    announcesBackup: false,
    ...extra,
  };
}

const edge = (g: ChannelGraph, from: string, to: string, kind: string) =>
  [...g.edges()].find((e) => e.from === from && e.to === to && e.kind === kind);

describe('ChannelGraph.observe', () => {
  it('adds link, invite, button, mention and forward edges with counts and first/last seen', () => {
    const g = new ChannelGraph();
    g.observe(post('1', 0, { links: [{ url: 'https://t.me/target_chan', via: 'text' }] }));
    g.observe(post('1', 5, { links: [{ url: 't.me/target_chan/9', via: 'hidden' }] }));
    g.observe(post('1', 6, { links: [{ url: 'https://t.me/+Invite12345', via: 'text' }] }));
    g.observe(post('1', 7, { links: [{ url: 'https://t.me/other_chan', via: 'button' }] }));
    g.observe(post('1', 8, { mentions: ['someone_else'] }));
    g.observe(post('1', 9, { forwardFrom: { chatId: '77', name: 'Source' } }));
    const link = edge(g, 'chat:1', 'user:target_chan', 'public-link');
    expect(link).toMatchObject({ count: 2, firstSeen: at(0), lastSeen: at(5) });
    expect(edge(g, 'chat:1', 'invite:Invite12345', 'invite-link')?.count).toBe(1);
    expect(edge(g, 'chat:1', 'user:other_chan', 'button')?.count).toBe(1);
    expect(edge(g, 'chat:1', 'user:someone_else', 'mention')?.count).toBe(1);
    expect(edge(g, 'chat:1', 'chat:77', 'forward')?.count).toBe(1);
    expect(g.node('chat:1')?.posts).toBe(6);
    expect(g.node('chat:77')?.title).toBe('Source');
    expect(g.forwardersOf('chat:77')).toEqual(new Set(['chat:1']));
    expect(g.node('invite:Invite12345')?.kind).toBe('invite');
  });

  it('links outside pages to a site node and joins chats that link the same page', () => {
    const g = new ChannelGraph();
    g.observe(post('1', 0, { links: [{ url: 'https://files.example.org/a', via: 'text' }] }));
    g.observe(post('2', 1, { links: [{ url: 'https://files.example.org/a?utm_source=x', via: 'text' }] }));
    g.observe(post('3', 2, { links: [{ url: 'https://files.example.org/b', via: 'text' }] }));
    expect(edge(g, 'chat:1', 'site:files.example.org', 'public-link')).toBeDefined();
    expect(edge(g, 'chat:2', 'chat:1', 'shared-outlink')?.count).toBe(1);
    expect(g.edgesOf('chat:3', ['shared-outlink'])).toHaveLength(0);
  });

  it('joins a new poster of a fingerprint to the earlier posters, once per chat', () => {
    const g = new ChannelGraph();
    g.observe(post('1', 0, { fingerprints: ['media:aa', 'text:0011'] }));
    g.observe(post('2', 1, { fingerprints: ['media:aa'] }));
    g.observe(post('2', 2, { fingerprints: ['media:aa'] }));
    g.observe(post('3', 3, { fingerprints: ['media:aa', 'text:0011'] }));
    expect(edge(g, 'chat:2', 'chat:1', 'shared-media')?.count).toBe(1);
    expect(edge(g, 'chat:3', 'chat:1', 'shared-media')).toBeDefined();
    expect(edge(g, 'chat:3', 'chat:2', 'shared-media')).toBeDefined();
    expect(edge(g, 'chat:3', 'chat:1', 'shared-text')).toBeDefined();
    expect(g.chatsWithFingerprint('media:aa')).toEqual(['chat:1', 'chat:2', 'chat:3']);
  });

  it('caps the chats a viral fingerprint joins and the fingerprints a chat keeps', () => {
    const g = new ChannelGraph({ maxChatsPerFingerprint: 3, maxFingerprintsPerChat: 2 });
    for (let i = 0; i < 10; i++) g.observe(post(String(i), i, { fingerprints: ['media:viral'] }));
    expect(g.edgesOf('chat:9', ['shared-media'])).toHaveLength(0);
    expect(g.size().edges).toBe(3);
    g.observe(post('a', 0, { fingerprints: ['media:1', 'media:2', 'media:3'] }));
    expect([...g.fingerprintsOf('chat:a')]).toEqual(['media:2', 'media:3']);
  });

  it('merges a handle placeholder into the chat once the chat is seen with that handle', () => {
    const g = new ChannelGraph();
    g.observe(post('1', 0, { links: [{ url: 'https://t.me/NewHome', via: 'text' }] }));
    g.close('@newhome', at(1));
    g.observe(post('9', 2, { handle: 'newhome', title: 'New Home' }));
    expect(g.node('user:newhome')?.id).toBe('chat:9');
    expect(g.resolve('@NewHome')).toBe('chat:9');
    expect(g.resolve('https://t.me/newhome')).toBe('chat:9');
    expect(edge(g, 'chat:1', 'chat:9', 'public-link')?.count).toBe(1);
    expect(edge(g, 'chat:1', 'user:newhome', 'public-link')).toBeUndefined();
    expect(g.closed().map((n) => n.id)).toEqual(['chat:9']);
    expect(g.size().nodes).toBe(2);
  });

  it('keeps every handle and title through renames, and hands a reused handle to its new holder', () => {
    const g = new ChannelGraph();
    g.observe(post('1', 0, { handle: 'first_name', title: 'One' }));
    g.setProfile('1', { handle: 'second_name', title: 'Two', at: at(5) });
    expect(g.node('chat:1')).toMatchObject({ handle: 'second_name', handles: ['first_name', 'second_name'] });
    expect(g.node('chat:1')?.titles).toEqual(['One', 'Two']);
    expect(g.resolve('@first_name')).toBe('chat:1');
    g.observe(post('2', 9, { handle: 'first_name' }));
    expect(g.resolve('@first_name')).toBe('chat:2');
  });

  it('binds an invite code to its chat so earlier and later invites point at the chat', () => {
    const g = new ChannelGraph();
    g.observe(post('1', 0, { links: [{ url: 'https://t.me/+Code123456', via: 'text' }] }));
    g.bindInvite('Code123456', '5', at(1));
    g.observe(post('2', 2, { links: [{ url: 'https://t.me/joinchat/Code123456', via: 'text' }] }));
    expect(edge(g, 'chat:1', 'chat:5', 'invite-link')).toBeDefined();
    expect(edge(g, 'chat:2', 'chat:5', 'invite-link')).toBeDefined();
    expect(g.node('invite:Code123456')?.id).toBe('chat:5');
  });
});

describe('ChannelGraph queries', () => {
  it('counts redirect and backup posts and their targets', () => {
    const g = new ChannelGraph();
    const invite = { url: 'https://t.me/+Beacon1234', via: 'text' as const };
    g.observe(post('b', 0, { links: [invite], bareTextLength: 3 }));
    g.observe(post('b', 1, { links: [invite], bareTextLength: 10 }));
    g.observe(
      post('b', 2, {
        links: [{ url: 'https://t.me/next_chan', via: 'text' }],
        announcesBackup: true,
        bareTextLength: 80,
      }),
    );
    g.observe(post('b', 3, { links: [invite], bareTextLength: 200 }));
    g.observe(post('b', 4, { links: [{ url: 'https://example.org/x', via: 'text' }], bareTextLength: 0 }));
    const stats = g.postStats('chat:b');
    expect(stats).toMatchObject({ posts: 5, redirectPosts: 2, backupPosts: 1 });
    expect(stats?.targets).toEqual(
      new Map([
        ['invite:Beacon1234', 2],
        ['user:next_chan', 1],
      ]),
    );
    expect(g.postStats('chat:none')).toBeUndefined();
  });

  it('reports merged targets under the chat id', () => {
    const g = new ChannelGraph();
    g.observe(post('b', 0, { links: [{ url: 'https://t.me/next_chan', via: 'text' }], bareTextLength: 0 }));
    g.observe(post('n', 1, { handle: 'next_chan' }));
    expect(g.postStats('chat:b')?.targets).toEqual(new Map([['chat:n', 1]]));
  });

  it('closes by chat id, handle, link or node id and creates a node for an unknown handle', () => {
    const g = new ChannelGraph();
    g.observe(post('1', 0, { handle: 'known_one' }));
    expect(g.close('1', at(1))).toBe('chat:1');
    expect(g.close('https://t.me/known_one', at(2))).toBe('chat:1');
    expect(g.node('chat:1')?.closedAt).toBe(at(1));
    expect(g.close('@never_seen', at(3))).toBe('user:never_seen');
    expect(g.close('not a ref !!', at(3))).toBeUndefined();
    expect(
      g
        .closed()
        .map((n) => n.id)
        .sort(),
    ).toEqual(['chat:1', 'user:never_seen']);
  });

  it('walks a neighbourhood by depth, kind and size, strongest edges first', () => {
    const g = new ChannelGraph();
    for (let i = 0; i < 3; i++) g.observe(post('a', i, { forwardFrom: { chatId: 'b' } }));
    g.observe(post('a', 4, { forwardFrom: { chatId: 'c' } }));
    g.observe(post('b', 5, { mentions: ['deep_one'] }));
    const one = g.neighbourhood('chat:a', 1);
    expect(one.nodes.map((n) => n.id).sort()).toEqual(['chat:a', 'chat:b', 'chat:c']);
    expect(g.neighbourhood('chat:a', 2).nodes.map((n) => n.id)).toContain('user:deep_one');
    expect(g.neighbourhood('chat:a', 2, ['forward']).nodes).toHaveLength(3);
    expect(g.neighbourhood('chat:a', 1, undefined, 2).nodes.map((n) => n.id)).toEqual(['chat:a', 'chat:b']);
    expect(g.neighbourhood('chat:zz', 1).nodes).toEqual([]);
  });

  it('ignores self links and keeps first/last seen across out-of-order posts', () => {
    const g = new ChannelGraph();
    g.observe(post('1', 10, { handle: 'self_chan', links: [{ url: 'https://t.me/self_chan', via: 'text' }] }));
    g.observe(post('1', 2));
    expect(g.edgesOf('chat:1')).toHaveLength(0);
    expect(g.node('chat:1')).toMatchObject({ firstSeen: at(2), lastSeen: at(10) });
  });
});
