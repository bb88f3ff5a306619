/**
 * Channel-network analysis (issue 7): the incremental channel graph, lineage of closed chats,
 * beacons, campaigns and tactic trends. A pure library: no storage, no network; the app feeds it
 * observations of stored items and keeps the graph in memory.
 */

/** `announcesBackup(text)` → the text announces a backup / new link / move; the phrases as data. */
export { announcesBackup, BACKUP_PHRASES_AR, BACKUP_PHRASES_EN } from './backup-phrases.js';
/** `findBeacons(graph, settings)` → beacon and backup-announcer chats with their targets. */
export { BACKUP_MIN_ANNOUNCEMENTS, BACKUP_MIN_SHARE, type BeaconSource, findBeacons } from './beacons.js';
/** UTC calendar day of an ISO time. */
export { utcDay } from './calendar-days.js';
/** `CampaignTracker`: one fingerprint pushed by many chats within minutes; bounded memory. */
export { CAMPAIGN_LIMITS, type CampaignLimits, CampaignTracker, REORDER_TOLERANCE_MS } from './campaigns.js';
/** `ChannelGraph`: nodes and aggregated edges, updated one observation at a time. */
export {
  ChannelGraph,
  DEFAULT_GRAPH_LIMITS,
  type GraphLimits,
  type PostStats,
  type ProfileUpdate,
  REDIRECT_MAX_BARE_TEXT,
} from './channel-graph.js';
/** `creationBursts(graph)` → days when many chats appeared at once. */
export { type CreationBurst, type CreationBurstOptions, creationBursts, type NodeSource } from './creation-bursts.js';
/** `handleKey(name)` and `nameSimilarity(a, b)`: handles and titles compared through evasions. */
export { consonantSkeleton, handleKey, nameSimilarity } from './handle-key.js';
/** Umm al-Qura Hijri dates from Node's Intl. */
export { type HijriLocale, type HijriParts, hijriDate, hijriParts } from './hijri.js';
/** `successorCandidates`, `predecessorCandidates`, `likelySuccessorOf`: who carries on a closed chat. */
export { likelySuccessorOf, predecessorCandidates, scoreSuccessor, successorCandidates } from './lineage.js';
/** The lineage factor weights, as data. */
export { LINEAGE_WEIGHTS } from './lineage-factors.js';
/** `neighbourhoodOf(graph, id, depth)` → the nodes and edges around one node, strongest first. */
export { type Neighbourhood, neighbourhoodOf } from './neighbourhood.js';
/** `networkSettings(overrides?)` → validated detector settings; the defaults as data. */
export { DEFAULT_NETWORK_SETTINGS, networkSettings } from './network-settings.js';
/** The shapes shared by the detectors: observations, nodes, edges, findings, settings. */
export * from './network-types.js';
/** Node id helpers: `chat:`, `user:`, `invite:`, `site:`. */
export { canonicalHandle, chatNodeId, inviteNodeId, siteNodeId, userNodeId } from './node-ids.js';
/** `observationOf(item, extra?)` → the structure of one post, without its text. */
export { type ObservationExtra, observationOf } from './observation.js';
/** Islamic feasts and deployment anniversaries between two days. */
export {
  type AnnualDate,
  type DateCalendar,
  ISLAMIC_DATES,
  MAX_SPAN_DAYS,
  type SignificantDate,
  significantDatesBetween,
} from './significant-dates.js';
/** `findSurges(daily, dates)` → days far above their 14-day median, near significant dates. */
export { findSurges, SURGE_DEFAULTS, type Surge, type SurgeOptions } from './surges.js';
/** `TrendCounter`: evasion tactics per UTC day, by organisation and language. */
export { type TacticTrendRow, TrendCounter, type TrendQuery } from './tactic-trends.js';
/** `linkTargetOf(url)` → the handle, invite code or outside page a link points at. */
export { type LinkTarget, linkTargetOf } from './telegram-refs.js';
/** `textFingerprint(text)` → `text:<16 hex>` of the normalised letters, or undefined for short texts. */
export { MIN_FINGERPRINT_LETTERS, textFingerprint } from './text-fingerprint.js';
