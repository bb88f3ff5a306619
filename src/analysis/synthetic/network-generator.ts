import type { Observation, ObservedLink } from '../network-types.js';
import { Prng } from './prng.js';
import {
  activeAt,
  type PlannedChat,
  planWorld,
  type SpecialPost,
  WeightedPicker,
  type WorldPlan,
} from './world-plan.js';
import {
  DAY_MS,
  DEFAULT_WORLD,
  type GroundTruth,
  type NetworkWorldSettings,
  WORLD_START,
  type WorldEvent,
} from './world-settings.js';

export type { GroundTruth, NetworkWorldSettings, WorldEvent } from './world-settings.js';
export { DEFAULT_WORLD } from './world-settings.js';

/**
 * A synthetic channel network with known ground truth (issue 7): structure only, never text.
 * The cast is planned up front (world-plan.ts); posts are produced one day at a time, so a
 * million-item world never sits in memory. Iterating `events` twice yields the same events.
 */
export function generateWorld(overrides: Partial<NetworkWorldSettings> = {}): {
  events: Iterable<WorldEvent>;
  truth: GroundTruth;
  settings: NetworkWorldSettings;
  chats: number;
} {
  const settings = { ...DEFAULT_WORLD, ...overrides };
  const plan = planWorld(settings);
  return {
    events: { [Symbol.iterator]: () => emitWorld(plan) },
    truth: plan.truth,
    settings,
    chats: plan.chats.length,
  };
}

/** What a day holds before it is put in time order; posts are filled in only when their turn comes. */
type Slot =
  | { at: number; order: 0; chat: PlannedChat }
  | { at: number; order: 1; chat: PlannedChat; special?: SpecialPost }
  | { at: number; order: 2; chat: PlannedChat };

const POOL = 200;

/** Per-emission state: message counters and each chat's recent fingerprints (what it can be forwarded or reposted from). */
interface Emitter {
  plan: WorldPlan;
  rng: Prng;
  pools: Map<string, string[]>;
  messages: Map<string, number>;
  sites: string[];
  follows: Map<string, PlannedChat[]>;
}

function* emitWorld(plan: WorldPlan): Generator<WorldEvent> {
  const rng = new Prng(plan.settings.seed ^ 0x5bd1e995);
  const sites = Array.from({ length: 300 }, () => `${rng.hex(6)}.example`);
  const emitter: Emitter = { plan, rng, pools: new Map(), messages: new Map(), sites, follows: new Map() };
  for (let day = 0; day < plan.settings.days; day++) {
    const slots = daySlots(emitter, day);
    slots.sort((a, b) => a.at - b.at || a.order - b.order);
    for (const slot of slots) yield materialise(emitter, slot);
  }
}

function daySlots(emitter: Emitter, day: number): Slot[] {
  const { plan, rng } = emitter;
  const { items, days } = plan.settings;
  const from = WORLD_START + day * DAY_MS;
  const to = from + DAY_MS;
  const slots: Slot[] = [];
  for (const chat of plan.chats) {
    if (chat.start >= from && chat.start < to) slots.push({ at: chat.start, order: 0, chat });
    if (chat.closedAt !== undefined && chat.closedAt >= from && chat.closedAt < to)
      slots.push({ at: chat.closedAt, order: 2, chat });
  }
  const specials = plan.specials[day] ?? [];
  for (const special of specials)
    slots.push({ at: special.at, order: 1, chat: plan.byId.get(special.chatId) as PlannedChat, special });
  const target = Math.round((items * (day + 1)) / days) - Math.round((items * day) / days);
  const open = plan.chats.filter((c) => c.role !== 'beacon' && openSpan(c, from, to) > 0);
  const picker = new WeightedPicker(open, (c) => (c.weight * openSpan(c, from, to)) / DAY_MS);
  for (let k = specials.length; k < target && !picker.empty; k++) {
    const chat = picker.pick(rng);
    const lo = Math.max(from, chat.start + 1);
    const hi = Math.min(to, chat.closedAt ?? to);
    slots.push({ at: lo + rng.next() * (hi - lo - 1), order: 1, chat });
  }
  return slots;
}

/** Milliseconds of [from, to) during which the chat is open. */
function openSpan(chat: PlannedChat, from: number, to: number): number {
  return Math.max(0, Math.min(to, chat.closedAt ?? to) - Math.max(from, chat.start + 1));
}

function materialise(emitter: Emitter, slot: Slot): WorldEvent {
  const { chat } = slot;
  const at = new Date(Math.floor(slot.at)).toISOString();
  if (slot.order === 0)
    return {
      type: 'profile',
      chatId: chat.id,
      kind: chat.kind,
      handle: chat.name.handle,
      title: chat.name.title,
      avatarPdq: chat.avatar,
      at,
    };
  if (slot.order === 2) return { type: 'close', chatId: chat.id, at };
  return { type: 'post', observation: post(emitter, chat, at, slot.special) };
}

function post(emitter: Emitter, chat: PlannedChat, at: string, special: SpecialPost | undefined): Observation {
  const n = (emitter.messages.get(chat.id) ?? 0) + 1;
  emitter.messages.set(chat.id, n);
  const base: Observation = {
    chatId: chat.id,
    chatKind: chat.kind,
    handle: chat.name.handle,
    title: chat.name.title,
    avatarPdq: chat.avatar,
    messageId: String(n),
    at,
    links: [],
    mentions: [],
    fingerprints: [],
    bareTextLength: emitter.rng.between(30, 900),
    announcesBackup: false,
  };
  if (!special) return ordinaryPost(emitter, chat, base, Date.parse(at));
  return specialPost(emitter, base, special, Date.parse(at));
}

function specialPost(emitter: Emitter, base: Observation, special: SpecialPost, at: number): Observation {
  const { rng, plan } = emitter;
  switch (special.kind) {
    case 'beacon-bare':
      return {
        ...base,
        links: [{ url: beaconLink(emitter, at), via: rng.chance(0.8) ? 'text' : 'button' }],
        bareTextLength: rng.between(0, 12),
        announcesBackup: special.announces === true,
      };
    case 'beacon-normal':
      return { ...base, fingerprints: [fresh(emitter, base.chatId)] };
    case 'announce': {
      const target = plan.byId.get(special.target as string) as PlannedChat;
      const links = [{ url: `https://t.me/${target.name.handle}`, via: 'text' as const }];
      return { ...base, links, bareTextLength: rng.between(5, 30), announcesBackup: true };
    }
    case 'campaign':
    case 'viral': {
      const source = special.forwardOf ? plan.byId.get(special.forwardOf) : undefined;
      const forwardFrom = source ? { chatId: source.id, handle: source.name.handle } : undefined;
      return { ...base, forwardFrom, fingerprints: [special.fingerprint as string] };
    }
  }
}

/** Bare beacon posts: mostly fresh private invites, else a public handle (half the time an open successor's). */
function beaconLink(emitter: Emitter, at: number): string {
  const { rng, plan } = emitter;
  if (rng.chance(0.6)) return `https://t.me/+${rng.hex(16)}`;
  const successors = plan.chats.filter((c) => c.role === 'successor' && activeAt(c, at));
  const target = successors.length > 0 && rng.chance(0.5) ? rng.pick(successors) : rng.pick(plan.chats);
  return `https://t.me/${target.name.handle}`;
}

function ordinaryPost(emitter: Emitter, chat: PlannedChat, base: Observation, at: number): Observation {
  const { rng, plan } = emitter;
  const out = { ...base, links: [] as ObservedLink[], mentions: [] as string[] };
  const predecessorPool = chat.predecessor ? emitter.pools.get(chat.predecessor) : undefined;
  const sources = followed(emitter, chat).filter((c) => activeAt(c, at));
  if (predecessorPool && predecessorPool.length > 0 && rng.chance(plan.hardness.successorRepostShare)) {
    out.fingerprints = [rng.pick(predecessorPool)];
  } else if (sources.length > 0 && rng.chance(0.15)) {
    const source = rng.pick(sources);
    const pool = emitter.pools.get(source.id);
    out.forwardFrom = { chatId: source.id, handle: source.name.handle };
    out.fingerprints = pool && pool.length > 0 ? [rng.pick(pool)] : [];
  } else if (rng.chance(0.85)) {
    out.fingerprints = [fresh(emitter, chat.id)];
  }
  if (rng.chance(0.1)) out.links.push({ url: `https://${rng.pick(emitter.sites)}/${rng.hex(6)}`, via: 'text' });
  const inviteShare = chat.role === 'promoter' ? 0.3 : 0.01;
  if (rng.chance(inviteShare)) out.links.push({ url: `https://t.me/+${rng.hex(16)}`, via: 'text' });
  if (sources.length > 0 && rng.chance(0.05)) out.mentions.push(rng.pick(sources).name.handle);
  return out;
}

function followed(emitter: Emitter, chat: PlannedChat): PlannedChat[] {
  let sources = emitter.follows.get(chat.id);
  if (!sources) {
    sources = chat.follows.map((id) => emitter.plan.byId.get(id) as PlannedChat);
    emitter.follows.set(chat.id, sources);
  }
  return sources;
}

/** A new fingerprint of the chat's own, remembered so others can forward it and a successor can repost it. */
function fresh(emitter: Emitter, chatId: string): string {
  const { rng } = emitter;
  const fingerprint = rng.chance(0.7) ? `media:${rng.hex(64)}` : `text:${rng.hex(16)}`;
  let pool = emitter.pools.get(chatId);
  if (!pool) {
    pool = [];
    emitter.pools.set(chatId, pool);
  }
  if (pool.length < POOL) pool.push(fingerprint);
  else pool[rng.int(POOL)] = fingerprint;
  return fingerprint;
}
