import { DEFAULT_NETWORK_SETTINGS } from '../network-settings.js';
import type { NodeKind, Observation } from '../network-types.js';

/** What a synthetic channel network looks like; see docs/network.md for the model. */
export interface NetworkWorldSettings {
  seed: number;
  /** Total posts. */
  items: number;
  /** Ordinary chats, look-alikes and noise included; successors and beacons come on top. */
  chats: number;
  closures: number;
  beacons: number;
  campaigns: number;
  days: number;
  hardness: 'default' | 'hard';
}

export const DEFAULT_WORLD: NetworkWorldSettings = {
  seed: 1,
  items: 100_000,
  chats: 2_000,
  closures: 100,
  beacons: 40,
  campaigns: 60,
  days: 60,
  hardness: 'default',
};

export type ChatKind = Exclude<NodeKind, 'site' | 'invite'>;

export type WorldEvent =
  | { type: 'profile'; chatId: string; kind: ChatKind; handle?: string; title?: string; avatarPdq?: string; at: string }
  | { type: 'post'; observation: Observation }
  | { type: 'close'; chatId: string; at: string };

export interface GroundTruth {
  /** Closed chat id → the chat id that took its place. */
  successors: Map<string, string>;
  /** Chat ids of beacon chats. */
  beacons: Set<string>;
  /** Each coordinated push: its fingerprint and the chat ids that posted it within the burst. */
  campaigns: { fingerprint: string; members: Set<string> }[];
}

/**
 * The knobs that differ between the default and the hard world. Hard is what a careful network
 * does: reposts less, changes its avatar, waits longer before coming back, and pushes campaigns
 * through fewer chats over a slower burst; meanwhile the noise has more look-alike names.
 */
export interface Hardness {
  lookalikeShare: number;
  /** Closures followed by an unrelated new chat with a similar name inside the successor window. */
  decoyShare: number;
  successorRepostShare: number;
  successorAvatarShare: number;
  audienceMoveShare: number;
  backupShare: number;
  /** Days after the closure: mean of the wait and its cap. */
  returnMeanDays: number;
  returnMaxDays: number;
  announceShare: number;
  campaignMembers: [number, number];
  campaignSpreadMinutes: [number, number];
  viral: number;
  viralChats: [number, number];
  viralDays: [number, number];
  beaconBareShare: [number, number];
  promoterShare: number;
}

export const HARDNESS: Record<NetworkWorldSettings['hardness'], Hardness> = {
  default: {
    lookalikeShare: 0.1,
    decoyShare: 0.15,
    successorRepostShare: 0.3,
    successorAvatarShare: 0.7,
    audienceMoveShare: 0.6,
    backupShare: 0.15,
    returnMeanDays: 1,
    returnMaxDays: 6,
    announceShare: 0.4,
    campaignMembers: [6, 40],
    campaignSpreadMinutes: [1, 8],
    viral: 30,
    viralChats: [15, 50],
    viralDays: [2, 6],
    beaconBareShare: [0.75, 0.98],
    promoterShare: 0.02,
  },
  hard: {
    lookalikeShare: 0.3,
    decoyShare: 0.4,
    successorRepostShare: 0.1,
    successorAvatarShare: 0.2,
    audienceMoveShare: 0.25,
    backupShare: 0.05,
    returnMeanDays: 4,
    returnMaxDays: 13,
    announceShare: 0.15,
    // Near the detector's threshold: just enough chats, spread over most of its window.
    campaignMembers: [DEFAULT_NETWORK_SETTINGS.campaignMinChats, DEFAULT_NETWORK_SETTINGS.campaignMinChats + 4],
    campaignSpreadMinutes: [
      DEFAULT_NETWORK_SETTINGS.campaignWindowMinutes * 0.5,
      DEFAULT_NETWORK_SETTINGS.campaignWindowMinutes * 0.95,
    ],
    viral: 60,
    viralChats: [25, 60],
    viralDays: [1, 3],
    beaconBareShare: [0.6, 0.9],
    promoterShare: 0.05,
  },
};

export const DAY_MS = 86_400_000;
export const WORLD_START = Date.parse('2026-01-01T00:00:00.000Z');
