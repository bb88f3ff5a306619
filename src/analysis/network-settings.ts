import { invalidInput } from '../core/index.js';
import type { NetworkSettings } from './network-types.js';

/**
 * Defaults in one place; they are tuned on the synthetic generator's default world.
 *
 * `lineageMinScore` 0.4: a look-alike name that appears in the window, with nothing else, scores
 * at most 0.35 (name 0.25 + timing 0.1, see LINEAGE_WEIGHTS), and such decoys are exactly the
 * hard negatives; 0.4 asks for at least one corroborating factor (a near avatar, a link from the
 * closed chat, moved audience, reposted content). On the generator (seed 1, 100k items) the best
 * candidate is named for 88% of closures in the default world and about 40% in the hard one, with
 * precision 1.0 in both; at 0.36 it would be 100% / 70%, and below 0.35 decoys start to win.
 */
export const DEFAULT_NETWORK_SETTINGS: NetworkSettings = {
  campaignMinChats: 5,
  campaignWindowMinutes: 30,
  beaconMinPosts: 5,
  beaconMinShare: 0.6,
  lineageMinScore: 0.4,
  lineageWindowDays: 30,
};

type Rule = { integer: boolean; min: number; max: number };

const RULES: Record<keyof NetworkSettings, Rule> = {
  campaignMinChats: { integer: true, min: 2, max: 100_000 },
  campaignWindowMinutes: { integer: false, min: 0.1, max: 525_600 },
  beaconMinPosts: { integer: true, min: 1, max: 1_000_000 },
  beaconMinShare: { integer: false, min: 0, max: 1 },
  lineageMinScore: { integer: false, min: 0, max: 1 },
  lineageWindowDays: { integer: false, min: 0.01, max: 3650 },
};

/** The defaults with `overrides` applied; throws INPUT_INVALID naming the first bad setting. */
export function networkSettings(overrides: Partial<NetworkSettings> = {}): NetworkSettings {
  const settings = { ...DEFAULT_NETWORK_SETTINGS, ...overrides };
  for (const key of Object.keys(RULES) as (keyof NetworkSettings)[]) {
    const value = settings[key];
    const rule = RULES[key];
    const ok = typeof value === 'number' && Number.isFinite(value) && value >= rule.min && value <= rule.max;
    if (!ok || (rule.integer && !Number.isInteger(value))) {
      const what = rule.integer ? 'an integer' : 'a number';
      throw invalidInput(`network ${key} must be ${what} from ${rule.min} to ${rule.max}`, key);
    }
  }
  return settings;
}
