import {
  addTitle,
  type ChatState,
  mergeChatState,
  mergeNode,
  newChatState,
  rememberAvatar,
  rememberFingerprint,
} from './chat-state.js';
import { EdgeStore, kindSetOf } from './edge-store.js';
import {
  DEFAULT_GRAPH_LIMITS,
  type GraphLimits,
  type PostStats,
  type ProfileUpdate,
  REDIRECT_MAX_BARE_TEXT,
} from './graph-limits.js';
import type { NameKeys } from './handle-key.js';
import { type Neighbourhood, neighbourhoodOf } from './neighbourhood.js';
import type { EdgeKind, NetworkEdge, NetworkNode, NodeId, NodeKind, Observation } from './network-types.js';
import {
  canonicalHandle,
  chatNodeId,
  earlierOf,
  HANDLE_PATTERN,
  inviteNodeId,
  isNodeId,
  laterOf,
  siteNodeId,
  userNodeId,
} from './node-ids.js';
import { ResemblanceIndex } from './resemblance-index.js';
import { SharedIndex } from './shared-index.js';
import { type LinkTarget, linkTargetOf } from './telegram-refs.js';

export { DEFAULT_GRAPH_LIMITS, type GraphLimits, type PostStats, type ProfileUpdate, REDIRECT_MAX_BARE_TEXT };

const EMPTY_IDS: ReadonlySet<NodeId> = new Set();
const EMPTY_STRINGS: ReadonlySet<string> = new Set();

/**
 * The channel network, updated one post at a time: chats, groups, bots, invites and sites as
 * nodes; forwards, mentions, links, buttons and shared fingerprints/outlinks as aggregated edges.
 * No post is kept: only counts, first/last seen, and capped fingerprint sets per chat.
 * @example
 * const graph = new ChannelGraph();
 * graph.observe(observationOf(item));
 * graph.close('@old_handle', '2026-01-01T00:00:00Z');
 */
export class ChannelGraph {
  readonly limits: GraphLimits;
  readonly #nodes = new Map<NodeId, NetworkNode>();
  readonly #state = new Map<NodeId, ChatState>();
  readonly #edges = new EdgeStore();
  /** Handle → the node that holds it now (a `chat:` node once known, else the `user:` placeholder). */
  readonly #handles = new Map<string, NodeId>();
  /** Placeholder ids merged into a chat, so ids handed out earlier still resolve. */
  readonly #aliases = new Map<NodeId, NodeId>();
  readonly #closed = new Set<NodeId>();
  readonly #fingerprintChats: SharedIndex;
  readonly #outlinkChats: SharedIndex;
  readonly #resemblance = new ResemblanceIndex();

  constructor(limits: Partial<GraphLimits> = {}) {
    this.limits = { ...DEFAULT_GRAPH_LIMITS, ...limits };
    this.#fingerprintChats = new SharedIndex(this.limits.maxChatsPerFingerprint, this.limits.maxSharedKeys);
    this.#outlinkChats = new SharedIndex(this.limits.maxChatsPerFingerprint, this.limits.maxSharedKeys);
  }

  /** Updates nodes/edges for one post: O(links + mentions + fingerprints), never a rebuild. */
  observe(o: Observation): void {
    const chat = chatNodeId(o.chatId);
    const node = this.#ensure(chat, o.chatKind, o.at);
    node.kind = o.chatKind;
    node.posts += 1;
    this.#profile(chat, node, o);
    if (o.forwardFrom !== undefined) this.#observeForward(chat, o.forwardFrom, o.at);
    const telegramTargets = this.#observeLinks(chat, o);
    for (const mention of o.mentions) {
      const target = this.#nodeForHandle(mention, o.at);
      if (target !== undefined) this.#edges.add(chat, target, 'mention', o.at);
    }
    this.#observeFingerprints(chat, o);
    this.#countPost(chat, o, telegramTargets);
  }

  /** Metadata refresh (renames, avatar swaps are evasion: keep every handle/title seen). */
  setProfile(chatId: string, p: ProfileUpdate): void {
    const chat = chatNodeId(chatId);
    const node = this.#ensure(chat, p.kind ?? 'channel', p.at);
    if (p.kind !== undefined) node.kind = p.kind;
    this.#profile(chat, node, p);
  }

  /** Marks a chat closed; ref = chat id, @handle, t.me link or node id. Returns the node id (creates a node for an unknown handle). */
  close(ref: string, at: string): NodeId | undefined {
    const id = this.resolve(ref) ?? this.#placeholderFor(ref, at);
    if (id === undefined) return undefined;
    const node = this.#nodes.get(id);
    if (node === undefined) return undefined;
    node.closedAt = node.closedAt === undefined ? at : earlierOf(node.closedAt, at);
    this.#closed.add(id);
    return id;
  }

  /**
   * Records that an invite code opens a chat (an import or a connector learnt it), so invites
   * posted before and after point at the chat itself.
   */
  bindInvite(code: string, chatId: string, at: string): void {
    const chat = chatNodeId(chatId);
    this.#ensure(chat, 'channel', at);
    const invite = inviteNodeId(code);
    if (this.#nodes.has(invite)) this.#merge(invite, chat);
    else this.#aliases.set(invite, chat);
  }

  resolve(ref: string): NodeId | undefined {
    const r = ref.trim();
    if (r.length === 0) return undefined;
    if (r.startsWith('user:')) return this.#handles.get(canonicalHandle(r.slice(5))) ?? this.#existing(r);
    if (isNodeId(r)) return this.#existing(r);
    if (r.startsWith('@')) return this.#handles.get(canonicalHandle(r));
    if (this.#nodes.has(chatNodeId(r))) return chatNodeId(r);
    if (r.includes('/') || r.includes('.')) return this.#resolveTarget(linkTargetOf(r));
    return HANDLE_PATTERN.test(r) ? this.#handles.get(canonicalHandle(r)) : undefined;
  }

  node(id: NodeId): NetworkNode | undefined {
    return this.#nodes.get(this.#canonical(id));
  }

  nodes(): IterableIterator<NetworkNode> {
    return this.#nodes.values();
  }

  edges(): IterableIterator<NetworkEdge> {
    return this.#edges.values();
  }

  /** Edges in and out of a node. */
  edgesOf(id: NodeId, kinds?: readonly EdgeKind[]): NetworkEdge[] {
    return this.#edges.of(this.#canonical(id), kinds === undefined ? undefined : kindSetOf(kinds));
  }

  /** BFS up to depth (1..3) over the given edge kinds, at most maxNodes nodes (default 200), strongest edges first. */
  neighbourhood(id: NodeId, depth: number, kinds?: readonly EdgeKind[], maxNodes = 200): Neighbourhood {
    return neighbourhoodOf(this, id, depth, kinds, maxNodes);
  }

  /** Counters beacon detection needs; targets are link targets of redirect and backup posts. */
  postStats(id: NodeId): PostStats | undefined {
    const canonical = this.#canonical(id);
    const node = this.#nodes.get(canonical);
    if (node === undefined) return undefined;
    const state = this.#state.get(canonical);
    const targets = new Map<NodeId, number>();
    for (const [target, count] of state?.targets ?? []) {
      const t = this.#canonical(target);
      targets.set(t, (targets.get(t) ?? 0) + count);
    }
    return {
      posts: node.posts,
      redirectPosts: state?.redirectPosts ?? 0,
      backupPosts: state?.backupPosts ?? 0,
      targets,
    };
  }

  fingerprintsOf(id: NodeId): ReadonlySet<string> {
    return this.#state.get(this.#canonical(id))?.fingerprints ?? EMPTY_STRINGS;
  }

  /** Chats that forwarded posts from id. */
  forwardersOf(id: NodeId): ReadonlySet<NodeId> {
    return this.#state.get(this.#canonical(id))?.forwarders ?? EMPTY_IDS;
  }

  /** Every avatar PDQ seen for a chat, oldest first (the current one last). */
  avatarsOf(id: NodeId): readonly string[] {
    return this.#state.get(this.#canonical(id))?.avatars ?? [];
  }

  /** Chats that posted a fingerprint, first posters first (capped at maxChatsPerFingerprint). */
  chatsWithFingerprint(fingerprint: string): readonly NodeId[] {
    return this.#fingerprintChats.chatsOf(fingerprint);
  }

  /**
   * Chats whose names share trigrams with `names` or whose avatars share a PDQ chunk with
   * `avatars`: proposals for lineage to verify, found without scanning the graph.
   */
  resembling(names: readonly NameKeys[], avatars: readonly Uint32Array[]): NetworkNode[] {
    const out = new Set<NetworkNode>();
    for (const id of this.#resemblance.proposals(names, avatars)) {
      const node = this.node(id);
      if (node !== undefined) out.add(node);
    }
    return [...out];
  }

  closed(): NetworkNode[] {
    const out = new Set<NetworkNode>();
    for (const id of this.#closed) {
      const node = this.node(id);
      if (node !== undefined) out.add(node);
    }
    return [...out];
  }

  size(): { nodes: number; edges: number } {
    return { nodes: this.#nodes.size, edges: this.#edges.size };
  }

  #profile(chat: NodeId, node: NetworkNode, p: { handle?: string; title?: string; avatarPdq?: string; at: string }) {
    node.firstSeen = earlierOf(node.firstSeen, p.at);
    node.lastSeen = laterOf(node.lastSeen, p.at);
    if (p.handle !== undefined && p.handle.length > 0) this.#claimHandle(chat, node, p.handle);
    if (p.title !== undefined) this.#addTitle(chat, node, p.title);
    if (p.avatarPdq !== undefined && p.avatarPdq.length > 0) {
      node.avatarPdq = p.avatarPdq.toLowerCase();
      if (rememberAvatar(this.#stateOf(chat), node.avatarPdq)) this.#resemblance.addAvatar(chat, node.avatarPdq);
    }
  }

  #addTitle(id: NodeId, node: NetworkNode, title: string): void {
    const added = addTitle(node, title);
    if (added !== undefined) this.#resemblance.addName(id, added);
  }

  #claimHandle(chat: NodeId, node: NetworkNode, raw: string): void {
    const handle = canonicalHandle(raw);
    node.handle = handle;
    if (!node.handles.includes(handle)) {
      node.handles.push(handle);
      this.#resemblance.addName(chat, handle);
    }
    const holder = this.#handles.get(handle);
    if (holder === chat) return;
    // A placeholder merges in; a handle another chat held before is simply taken over (handle reuse).
    if (holder?.startsWith('user:')) this.#merge(holder, chat);
    this.#handles.set(handle, chat);
  }

  #observeForward(chat: NodeId, from: NonNullable<Observation['forwardFrom']>, at: string): void {
    let source: NodeId | undefined;
    if (from.chatId !== undefined && from.chatId.length > 0) {
      source = chatNodeId(from.chatId);
      const node = this.#ensure(source, 'channel', at);
      if (from.handle !== undefined && from.handle.length > 0) this.#claimHandle(source, node, from.handle);
      if (from.name !== undefined && node.titles.length === 0) this.#addTitle(source, node, from.name);
    } else if (from.handle !== undefined) {
      source = this.#nodeForHandle(from.handle, at);
    }
    if (source === undefined || source === chat) return;
    this.#touch(source, at);
    this.#edges.add(chat, source, 'forward', at);
    this.#stateOf(source).forwarders.add(chat);
  }

  /** Adds link edges; returns the Telegram nodes the post points at. */
  #observeLinks(chat: NodeId, o: Observation): NodeId[] {
    const telegram: NodeId[] = [];
    for (const link of o.links) {
      const target = linkTargetOf(link.url);
      if (target === undefined) continue;
      const id = this.#nodeForTarget(target, o.at);
      if (id === undefined) continue;
      const kind: EdgeKind =
        link.via === 'button' ? 'button' : target.kind === 'invite' ? 'invite-link' : 'public-link';
      this.#edges.add(chat, id, kind, o.at);
      if (target.kind === 'site')
        this.#joinShared(this.#outlinkChats, `url:${target.url}`, chat, 'shared-outlink', o.at);
      else telegram.push(id);
    }
    return telegram;
  }

  #observeFingerprints(chat: NodeId, o: Observation): void {
    if (o.fingerprints.length === 0) return;
    const state = this.#stateOf(chat);
    for (const fingerprint of o.fingerprints) {
      rememberFingerprint(state, fingerprint, this.limits.maxFingerprintsPerChat);
      const kind: EdgeKind = fingerprint.startsWith('text:') ? 'shared-text' : 'shared-media';
      this.#joinShared(this.#fingerprintChats, fingerprint, chat, kind, o.at);
    }
  }

  #joinShared(index: SharedIndex, key: string, chat: NodeId, kind: EdgeKind, at: string): void {
    const before = index.add(key, chat);
    if (before === undefined) return;
    for (const earlier of before) this.#edges.add(chat, earlier, kind, at);
  }

  #countPost(chat: NodeId, o: Observation, telegramTargets: readonly NodeId[]): void {
    const redirect = telegramTargets.length > 0 && o.bareTextLength <= REDIRECT_MAX_BARE_TEXT;
    if (!redirect && !o.announcesBackup) return;
    const state = this.#stateOf(chat);
    if (redirect) state.redirectPosts += 1;
    if (o.announcesBackup) state.backupPosts += 1;
    for (const target of telegramTargets) {
      if (target !== chat) state.targets.set(target, (state.targets.get(target) ?? 0) + 1);
    }
  }

  #nodeForTarget(target: LinkTarget, at: string): NodeId | undefined {
    if (target.kind === 'user') return this.#nodeForHandle(target.handle, at);
    if (target.kind === 'invite') return this.#touch(this.#canonical(inviteNodeId(target.code)), at, 'invite');
    return this.#touch(siteNodeId(target.host), at, 'site');
  }

  #nodeForHandle(raw: string, at: string): NodeId | undefined {
    const handle = canonicalHandle(raw);
    if (!HANDLE_PATTERN.test(handle)) return undefined;
    const holder = this.#handles.get(handle);
    if (holder !== undefined) return this.#touch(holder, at);
    const id = userNodeId(handle);
    const node = this.#ensure(id, 'channel', at);
    node.handle = handle;
    node.handles.push(handle);
    this.#resemblance.addName(id, handle);
    this.#handles.set(handle, id);
    return id;
  }

  #resolveTarget(target: LinkTarget | undefined): NodeId | undefined {
    if (target === undefined) return undefined;
    if (target.kind === 'user') return this.#handles.get(target.handle);
    if (target.kind === 'invite') return this.#existing(inviteNodeId(target.code));
    return this.#existing(siteNodeId(target.host));
  }

  #placeholderFor(ref: string, at: string): NodeId | undefined {
    const r = ref.trim();
    if (r.startsWith('chat:')) return this.#ensure(r, 'channel', at).id;
    if (/^-?\d+$/.test(r)) return this.#ensure(chatNodeId(r), 'channel', at).id;
    if (r.startsWith('user:')) return this.#nodeForHandle(r.slice(5), at);
    if (r.startsWith('@') || HANDLE_PATTERN.test(r)) return this.#nodeForHandle(r, at);
    const target = linkTargetOf(r);
    return target === undefined || target.kind === 'site' ? undefined : this.#nodeForTarget(target, at);
  }

  /** Moves a placeholder node into a chat node: edges, aggregates, handles; the old id becomes an alias. */
  #merge(from: NodeId, into: NodeId): void {
    const old = this.#nodes.get(from);
    const target = this.#nodes.get(into);
    if (old === undefined || target === undefined || from === into) return;
    mergeNode(target, old);
    const oldState = this.#state.get(from);
    if (oldState !== undefined) mergeChatState(this.#stateOf(into), oldState, this.limits.maxFingerprintsPerChat);
    this.#edges.repoint(from, into);
    this.#nodes.delete(from);
    this.#state.delete(from);
    this.#aliases.set(from, into);
    for (const handle of old.handles) if (this.#handles.get(handle) === from) this.#handles.set(handle, into);
    if (this.#closed.delete(from)) this.#closed.add(into);
  }

  #ensure(id: NodeId, kind: NodeKind, at: string): NetworkNode {
    let node = this.#nodes.get(id);
    if (node === undefined) {
      node = { id, kind, handles: [], titles: [], firstSeen: at, lastSeen: at, posts: 0 };
      this.#nodes.set(id, node);
    }
    return node;
  }

  /** Ensures the node exists and widens its seen range; returns its id. */
  #touch(id: NodeId, at: string, kind: NodeKind = 'channel'): NodeId {
    const node = this.#ensure(id, kind, at);
    node.firstSeen = earlierOf(node.firstSeen, at);
    node.lastSeen = laterOf(node.lastSeen, at);
    return id;
  }

  #stateOf(id: NodeId): ChatState {
    let state = this.#state.get(id);
    if (state === undefined) {
      state = newChatState();
      this.#state.set(id, state);
    }
    return state;
  }

  #existing(id: NodeId): NodeId | undefined {
    const canonical = this.#canonical(id);
    return this.#nodes.has(canonical) ? canonical : undefined;
  }

  #canonical(id: NodeId): NodeId {
    let current = id;
    for (let hops = 0; hops < 8; hops++) {
      const next = this.#aliases.get(current);
      if (next === undefined) return current;
      current = next;
    }
    return current;
  }
}
