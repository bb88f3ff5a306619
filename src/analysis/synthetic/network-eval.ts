import { findBeacons } from '../beacons.js';
import { CampaignTracker } from '../campaigns.js';
import { ChannelGraph } from '../channel-graph.js';
import { successorCandidates } from '../lineage.js';
import { networkSettings } from '../network-settings.js';
import type { Campaign, NetworkSettings } from '../network-types.js';
import { chatNodeId } from '../node-ids.js';
import { type GroundTruth, generateWorld, type NetworkWorldSettings } from './network-generator.js';

/**
 * Scores the network analysis on a synthetic world (issue 7, "How it is checked"). Every event
 * goes through one ChannelGraph and one CampaignTracker, as the app would feed them; the answers
 * are then compared with the generator's ground truth. Metric definitions are in docs/network.md.
 */
export interface NetworkScores {
  items: number;
  chats: number;
  lineageTop1Recall: number;
  lineageTop5Recall: number;
  lineagePrecision: number;
  beaconPrecision: number;
  beaconRecall: number;
  campaignPrecision: number;
  campaignRecall: number;
  updateMsPerItem: number;
  nodes: number;
  edges: number;
  rssMb: number;
}

export interface EvaluationOptions {
  /** Detector settings; the defaults are the ones the app ships. */
  analysis?: Partial<NetworkSettings>;
  /** Resident memory in MB, read after the run; the library itself reads no process state. */
  rssMb?: () => number;
}

export function evaluateNetwork(
  world: Partial<NetworkWorldSettings> = {},
  options: EvaluationOptions = {},
): NetworkScores {
  const settings = networkSettings(options.analysis);
  const { events, truth, chats } = generateWorld(world);
  const graph = new ChannelGraph();
  const tracker = new CampaignTracker(settings);
  let items = 0;
  let updateMs = 0;
  for (const event of events) {
    if (event.type === 'post') {
      const started = performance.now();
      graph.observe(event.observation);
      tracker.observe(event.observation);
      updateMs += performance.now() - started;
      items += 1;
    } else if (event.type === 'profile') {
      const { chatId, type: _type, ...profile } = event;
      graph.setProfile(chatId, profile);
    } else graph.close(event.chatId, event.at);
  }
  const lineage = scoreLineage(graph, truth, settings);
  const beacons = scoreBeacons(graph, truth, settings);
  const campaigns = scoreCampaigns(tracker.campaigns(), truth);
  const size = graph.size();
  return {
    items,
    chats,
    ...lineage,
    ...beacons,
    ...campaigns,
    updateMsPerItem: items === 0 ? 0 : updateMs / items,
    nodes: size.nodes,
    edges: size.edges,
    rssMb: options.rssMb?.() ?? 0,
  };
}

/** A share, with 0 for an empty denominator (no answers earns no precision). */
function share(hits: number, of: number): number {
  return of === 0 ? 0 : hits / of;
}

/**
 * Top-k recall: closures whose true successor is among the first k candidates. Precision: of the
 * closures whose best candidate reaches lineageMinScore (the ones the analysis would name a
 * successor for), the share where that candidate is the true successor.
 */
export function scoreLineage(graph: ChannelGraph, truth: GroundTruth, settings: NetworkSettings) {
  let top1 = 0;
  let top5 = 0;
  let answered = 0;
  let answeredRight = 0;
  for (const [closed, successor] of truth.successors) {
    const expected = chatNodeId(successor);
    const candidates = successorCandidates(graph, chatNodeId(closed), settings, 5);
    const best = candidates[0];
    if (best?.candidate === expected) top1 += 1;
    if (candidates.some((c) => c.candidate === expected)) top5 += 1;
    if (best !== undefined && best.score >= settings.lineageMinScore) {
      answered += 1;
      if (best.candidate === expected) answeredRight += 1;
    }
  }
  const closures = truth.successors.size;
  return {
    lineageTop1Recall: share(top1, closures),
    lineageTop5Recall: share(top5, closures),
    lineagePrecision: share(answeredRight, answered),
  };
}

/** Only `beacon` findings count; `backup` announcers are a different finding. */
export function scoreBeacons(graph: ChannelGraph, truth: GroundTruth, settings: NetworkSettings) {
  const expected = new Set([...truth.beacons].map(chatNodeId));
  const found = findBeacons(graph, settings).filter((f) => f.kind === 'beacon');
  const right = found.filter((f) => expected.has(f.node)).length;
  return { beaconPrecision: share(right, found.length), beaconRecall: share(right, expected.size) };
}

/**
 * A found campaign is right when its fingerprint is a true campaign's and it holds at least half
 * of that campaign's members; a true campaign is recalled when some found campaign is right for it.
 */
export function scoreCampaigns(found: readonly Campaign[], truth: GroundTruth) {
  const byFingerprint = new Map(truth.campaigns.map((c) => [c.fingerprint, new Set([...c.members].map(chatNodeId))]));
  const recalled = new Set<string>();
  let right = 0;
  for (const campaign of found) {
    const members = byFingerprint.get(campaign.fingerprint);
    if (members === undefined) continue;
    const overlap = campaign.members.filter((m) => members.has(m)).length;
    if (overlap >= members.size / 2) {
      right += 1;
      recalled.add(campaign.fingerprint);
    }
  }
  return {
    campaignPrecision: share(right, found.length),
    campaignRecall: share(recalled.size, truth.campaigns.length),
  };
}
