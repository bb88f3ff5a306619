import { type ChatName, DISGUISES, disguiseName, lookalikeName, makeName, nearPdq, randomPdq } from './disguises.js';
import { Prng } from './prng.js';
import {
  type ChatKind,
  DAY_MS,
  type GroundTruth,
  HARDNESS,
  type Hardness,
  type NetworkWorldSettings,
  WORLD_START,
} from './world-settings.js';

/**
 * The cast of a synthetic world, decided before any post is written so the ground truth is known
 * up front while the posts themselves are produced lazily (see network-generator.ts).
 */

export type ChatRole = 'ordinary' | 'lookalike' | 'promoter' | 'successor' | 'decoy' | 'beacon';

export interface PlannedChat {
  id: string;
  kind: ChatKind;
  role: ChatRole;
  name: ChatName;
  avatar: string;
  /** Epoch ms the chat appears (its profile event) and, for closed chats, is closed. */
  start: number;
  closedAt?: number;
  /** Relative posting rate among ordinary posts. */
  weight: number;
  /** Chats it forwards from. */
  follows: string[];
  /** For a successor: the closed chat it replaces. */
  predecessor?: string;
}

/** A post placed by the plan rather than drawn from the ordinary stream. */
export interface SpecialPost {
  at: number;
  chatId: string;
  kind: 'beacon-bare' | 'beacon-normal' | 'campaign' | 'viral' | 'announce';
  fingerprint?: string;
  /** Campaign copies forwarded from the first poster. */
  forwardOf?: string;
  announces?: boolean;
  /** Announcement target (the successor of a chat about to close). */
  target?: string;
}

export interface WorldPlan {
  settings: NetworkWorldSettings;
  hardness: Hardness;
  chats: PlannedChat[];
  byId: Map<string, PlannedChat>;
  /** Special posts bucketed by day index, each bucket unsorted. */
  specials: SpecialPost[][];
  truth: GroundTruth;
  end: number;
}

export function planWorld(settings: NetworkWorldSettings): WorldPlan {
  const rng = new Prng(settings.seed);
  const hardness = HARDNESS[settings.hardness];
  const end = WORLD_START + settings.days * DAY_MS;
  const ids = new ChatIds(rng);
  const plan: WorldPlan = {
    settings,
    hardness,
    chats: [],
    byId: new Map(),
    specials: Array.from({ length: settings.days }, () => []),
    truth: { successors: new Map(), beacons: new Set(), campaigns: [] },
    end,
  };
  const add = (chat: PlannedChat) => {
    plan.chats.push(chat);
    plan.byId.set(chat.id, chat);
  };
  planOrdinary(rng, plan, ids, add);
  planClosures(rng, plan, ids, add);
  planBeacons(rng, plan, ids, add);
  planCampaigns(rng, plan);
  planViral(rng, plan);
  return plan;
}

/** Unique Telegram-like supergroup ids and unique handles. */
class ChatIds {
  private readonly used = new Set<string>();
  private readonly handles = new Set<string>();
  constructor(private readonly rng: Prng) {}
  next(): string {
    for (;;) {
      const id = `-100${1_000_000_000 + this.rng.int(8_999_999_999)}`;
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }
  claim(name: ChatName): ChatName {
    let handle = name.handle;
    while (this.handles.has(handle)) handle = `${name.handle}_${this.rng.between(10, 999)}`;
    this.handles.add(handle);
    return { ...name, handle };
  }
}

/** Heavy-tailed posting rates: a few chats post a great deal, most post a little. */
function activityWeight(rng: Prng): number {
  const z = rng.next() + rng.next() + rng.next() + rng.next() - 2;
  return Math.exp(1.6 * z);
}

function planOrdinary(rng: Prng, plan: WorldPlan, ids: ChatIds, add: (c: PlannedChat) => void): void {
  const { settings, hardness } = plan;
  const ordinary: PlannedChat[] = [];
  for (let i = 0; i < settings.chats; i++) {
    const model = ordinary.length > 10 && rng.chance(hardness.lookalikeShare) ? rng.pick(ordinary) : undefined;
    const name = ids.claim(model ? lookalikeName(rng, model.name) : makeName(rng, rng.chance(0.4)));
    const lateStart = rng.chance(0.25);
    const chat: PlannedChat = {
      id: ids.next(),
      kind: rng.chance(0.8) ? 'channel' : 'group',
      role: model ? 'lookalike' : rng.chance(hardness.promoterShare) ? 'promoter' : 'ordinary',
      name,
      avatar: randomPdq(rng),
      start: lateStart ? WORLD_START + rng.next() * (plan.end - WORLD_START) * 0.8 : WORLD_START,
      weight: activityWeight(rng),
      follows: [],
    };
    ordinary.push(chat);
    add(chat);
  }
  const picker = new WeightedPicker(ordinary);
  for (const chat of ordinary) {
    const count = rng.between(3, 12);
    const follows = new Set<string>();
    for (let k = 0; k < count * 2 && follows.size < count; k++) {
      const source = picker.pick(rng);
      if (source.id !== chat.id) follows.add(source.id);
    }
    chat.follows = [...follows];
  }
}

/** Picks chats in proportion to their posting weight. */
export class WeightedPicker {
  private readonly cumulative: number[] = [];
  constructor(
    private readonly chats: readonly PlannedChat[],
    weightOf: (chat: PlannedChat) => number = (chat) => chat.weight,
  ) {
    let sum = 0;
    for (const c of chats) {
      sum += weightOf(c);
      this.cumulative.push(sum);
    }
  }
  get empty(): boolean {
    return this.chats.length === 0;
  }
  pick(rng: Prng): PlannedChat {
    const total = this.cumulative[this.cumulative.length - 1] ?? 0;
    const x = rng.next() * total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return this.chats[lo] as PlannedChat;
  }
}

function planClosures(rng: Prng, plan: WorldPlan, ids: ChatIds, add: (c: PlannedChat) => void): void {
  const { settings, hardness } = plan;
  const margin = Math.min(8, Math.floor(settings.days / 4)) * DAY_MS;
  // Closures hit chats that are active enough to be noticed; a chat that hardly posts is rarely reported.
  const latest = plan.end - margin;
  const eligible = plan.chats.filter(
    (c) => c.role === 'ordinary' && c.kind === 'channel' && c.weight >= 0.4 && c.start + 4 * DAY_MS < latest,
  );
  const closed = weightedSample(rng, eligible, settings.closures);
  for (const victim of closed) {
    const earliest = Math.max(victim.start + 3 * DAY_MS, WORLD_START + margin);
    victim.closedAt = earliest + rng.next() * (latest - earliest);
    const successor = planSuccessor(rng, plan, ids, victim);
    add(successor);
    plan.truth.successors.set(victim.id, successor.id);
    for (const follower of plan.chats)
      if (follower.follows.includes(victim.id) && rng.chance(hardness.audienceMoveShare))
        follower.follows.push(successor.id);
    if (successor.start < (victim.closedAt as number) && rng.chance(hardness.announceShare * 1.5))
      planAnnouncement(rng, plan, victim, successor);
    if (rng.chance(hardness.decoyShare)) add(planDecoy(rng, plan, ids, victim));
  }
}

function planSuccessor(rng: Prng, plan: WorldPlan, ids: ChatIds, victim: PlannedChat): PlannedChat {
  const { hardness } = plan;
  const closedAt = victim.closedAt as number;
  const disguise = rng.pick(DISGUISES);
  const backup = rng.chance(hardness.backupShare);
  const wait = Math.min(rng.exponential(hardness.returnMeanDays), hardness.returnMaxDays) * DAY_MS;
  const start = backup ? closedAt - (2 / 24 + rng.next() * 3) * DAY_MS : closedAt + 600_000 + wait;
  const sameAvatar = disguise === 'new-handle' || rng.chance(hardness.successorAvatarShare);
  return {
    id: ids.next(),
    kind: victim.kind,
    role: 'successor',
    name: ids.claim(disguiseName(rng, victim.name, disguise)),
    avatar: sameAvatar ? nearPdq(rng, victim.avatar, rng.between(1, 20)) : randomPdq(rng),
    start: Math.min(Math.max(start, WORLD_START), plan.end - DAY_MS / 2),
    weight: Math.max(victim.weight, 0.7) * (0.6 + rng.next() * 0.6),
    follows: victim.follows.slice(),
    predecessor: victim.id,
  };
}

/** A different owner's new chat with a similar name, appearing in the successor window: the lineage hard negative. */
function planDecoy(rng: Prng, plan: WorldPlan, ids: ChatIds, victim: PlannedChat): PlannedChat {
  const name = rng.chance(0.5) ? disguiseName(rng, victim.name, 'digit-suffix') : lookalikeName(rng, victim.name);
  const start = (victim.closedAt as number) + rng.next() * plan.hardness.returnMaxDays * DAY_MS;
  return {
    id: ids.next(),
    kind: victim.kind,
    role: 'decoy',
    name: ids.claim(name),
    avatar: randomPdq(rng),
    start: Math.min(start, plan.end - DAY_MS / 2),
    weight: activityWeight(rng),
    follows: rng.sample(
      plan.chats.filter((c) => c.role === 'ordinary').map((c) => c.id),
      rng.between(3, 10),
    ),
  };
}

/** The closing chat tells its audience where the backup is. */
function planAnnouncement(rng: Prng, plan: WorldPlan, victim: PlannedChat, successor: PlannedChat): void {
  const at = successor.start + rng.next() * ((victim.closedAt as number) - successor.start);
  pushSpecial(plan, { at, chatId: victim.id, kind: 'announce', announces: true, target: successor.id });
}

function weightedSample(rng: Prng, chats: PlannedChat[], count: number): PlannedChat[] {
  const chosen = new Set<PlannedChat>();
  const picker = new WeightedPicker(chats);
  for (let k = 0; k < count * 20 && chosen.size < Math.min(count, chats.length); k++) chosen.add(picker.pick(rng));
  return [...chosen];
}

export function pushSpecial(plan: WorldPlan, post: SpecialPost): void {
  const day = Math.floor((post.at - WORLD_START) / DAY_MS);
  if (day < 0 || day >= plan.specials.length) return;
  (plan.specials[day] as SpecialPost[]).push(post);
}

/** Is the chat open at this time? */
export function activeAt(chat: PlannedChat, at: number): boolean {
  return chat.start <= at && (chat.closedAt === undefined || at < chat.closedAt);
}

function planBeacons(rng: Prng, plan: WorldPlan, ids: ChatIds, add: (c: PlannedChat) => void): void {
  const { settings, hardness } = plan;
  const perChat = settings.items / Math.max(1, settings.chats);
  for (let i = 0; i < settings.beacons; i++) {
    const start = WORLD_START + rng.next() * (plan.end - WORLD_START) * 0.5;
    const beacon: PlannedChat = {
      id: ids.next(),
      kind: 'channel',
      role: 'beacon',
      name: ids.claim(makeName(rng, rng.chance(0.4))),
      avatar: randomPdq(rng),
      start,
      weight: 0,
      follows: [],
    };
    add(beacon);
    plan.truth.beacons.add(beacon.id);
    const posts = Math.max(12, Math.round(perChat * (0.5 + rng.next())));
    const [lo, hi] = hardness.beaconBareShare;
    const bareShare = lo + rng.next() * (hi - lo);
    const announcer = rng.chance(0.3);
    for (let k = 0; k < posts; k++) {
      const at = start + 60_000 + rng.next() * (plan.end - start - 120_000);
      const bare = rng.chance(bareShare);
      const announces = announcer && bare && rng.chance(0.3);
      pushSpecial(plan, { at, chatId: beacon.id, kind: bare ? 'beacon-bare' : 'beacon-normal', announces });
    }
  }
}

function planCampaigns(rng: Prng, plan: WorldPlan): void {
  const { settings, hardness } = plan;
  const pool = plan.chats.filter((c) => c.role === 'ordinary' || c.role === 'lookalike');
  const sets = Array.from({ length: Math.max(1, Math.ceil(settings.campaigns / 6)) }, () =>
    rng.sample(pool, rng.between(20, 60)),
  );
  for (let i = 0; i < settings.campaigns; i++) {
    const at = WORLD_START + rng.next() * (plan.end - WORLD_START - DAY_MS);
    const open = rng.pick(sets).filter((c) => activeAt(c, at) && activeAt(c, at + 600_000));
    const wanted = rng.between(...hardness.campaignMembers);
    if (open.length < hardness.campaignMembers[0]) continue;
    const members = rng.sample(open, wanted);
    const [lo, hi] = hardness.campaignSpreadMinutes;
    const spreadMs = (lo + rng.next() * (hi - lo)) * 60_000;
    const fingerprint = rng.chance(0.7) ? `media:${rng.hex(64)}` : `text:${rng.hex(16)}`;
    const first = members[0] as PlannedChat;
    const offsets = members.map((_, k) => (k === 0 ? 0 : k === members.length - 1 ? spreadMs : rng.next() * spreadMs));
    for (const [k, member] of members.entries()) {
      const forwardOf = k > 0 && rng.chance(0.5) ? first.id : undefined;
      pushSpecial(plan, {
        at: at + (offsets[k] as number),
        chatId: member.id,
        kind: 'campaign',
        fingerprint,
        forwardOf,
      });
    }
    plan.truth.campaigns.push({ fingerprint, members: new Set(members.map((m) => m.id)) });
  }
}

/** Benign content that many chats share slowly, over days: the campaign hard negative. */
function planViral(rng: Prng, plan: WorldPlan): void {
  const { hardness } = plan;
  const pool = plan.chats.filter((c) => c.role !== 'beacon' && c.role !== 'successor');
  for (let i = 0; i < hardness.viral; i++) {
    const fingerprint = rng.chance(0.7) ? `media:${rng.hex(64)}` : `text:${rng.hex(16)}`;
    const start = WORLD_START + rng.next() * (plan.end - WORLD_START) * 0.9;
    const span = rng.between(...hardness.viralDays) * DAY_MS;
    for (const chat of rng.sample(pool, rng.between(...hardness.viralChats))) {
      const at = Math.min(start + rng.next() * span, plan.end - 1);
      if (activeAt(chat, at)) pushSpecial(plan, { at, chatId: chat.id, kind: 'viral', fingerprint });
    }
  }
}
