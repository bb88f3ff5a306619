import type { NodeId } from './network-types.js';

/**
 * Node ids and the time comparisons the graph needs. Ids are documented in network-types.ts;
 * these helpers are the only place that spells the prefixes.
 */

export const chatNodeId = (chatId: string): NodeId => `chat:${chatId}`;
/** Handles are case-insensitive on Telegram, so the id is lower-case without the `@`. */
export const userNodeId = (handle: string): NodeId => `user:${canonicalHandle(handle)}`;
export const inviteNodeId = (code: string): NodeId => `invite:${code}`;
export const siteNodeId = (host: string): NodeId => `site:${host.toLowerCase()}`;

export function canonicalHandle(handle: string): string {
  return handle.trim().replace(/^@/, '').toLowerCase();
}

const NODE_PREFIXES = ['chat:', 'user:', 'invite:', 'site:'] as const;

export function isNodeId(ref: string): boolean {
  return NODE_PREFIXES.some((prefix) => ref.startsWith(prefix));
}

/** Telegram's username rule (5–32 characters); shorter names also occur in imports, so 3 is allowed. */
export const HANDLE_PATTERN = /^[a-z][a-z0-9_]{2,31}$/i;

/** Epoch milliseconds of an ISO time; NaN stays NaN so a bad time never wins a comparison. */
export function timeOf(iso: string): number {
  return Date.parse(iso);
}

/** The earlier of two ISO times. Same-shape UTC strings compare as text, which is much cheaper. */
export function earlierOf(a: string, b: string): string {
  if (a.length === b.length && a.endsWith('Z') && b.endsWith('Z')) return b < a ? b : a;
  return timeOf(b) < timeOf(a) ? b : a;
}

export function laterOf(a: string, b: string): string {
  if (a.length === b.length && a.endsWith('Z') && b.endsWith('Z')) return b > a ? b : a;
  return timeOf(b) > timeOf(a) ? b : a;
}

export const DAY_MS = 86_400_000;
