import { createHash } from 'node:crypto';
import type { Config } from './config.js';

/**
 * The settings a running Rasd works with, flattened to `dotted.key → value`, for the audit log's
 * `setting.change` entries. Secrets never get here (they live in `Secrets`, not `Config`), and two
 * config values are kept out even so: `db.url` names the database the audit log itself lives in
 * (and a `postgres://` URL may carry a password), and any `scheme://user:password@` in a value is
 * masked, so a bus URL with credentials cannot leak through the log.
 */
export type SettingValue = string | number | boolean | null;
export type SettingsSnapshot = Record<string, SettingValue>;

const EXCLUDED = new Set(['db.url']);
const URL_CREDENTIALS = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi;

export function settingsSnapshot(config: Config): SettingsSnapshot {
  const out: SettingsSnapshot = {};
  flatten(config as unknown as Record<string, unknown>, '', out);
  return out;
}

function flatten(value: Record<string, unknown>, prefix: string, out: SettingsSnapshot): void {
  for (const [key, inner] of Object.entries(value)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (EXCLUDED.has(path)) continue;
    // Sections are walked; a record of user-chosen keys (per-bank thresholds) or a list is one setting.
    if (isSection(path, inner)) flatten(inner, path, out);
    else out[path] = leaf(inner);
  }
}

function isSection(path: string, value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && path !== 'mediaBanks.banks';
}

function leaf(value: unknown): SettingValue {
  if (typeof value === 'string') return value.replace(URL_CREDENTIALS, '$1***@');
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  if (value === undefined) return null;
  return canonicalJson(value).replace(URL_CREDENTIALS, '$1***@');
}

/** JSON with object keys sorted at every level, so equal settings always give equal text. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    typeof inner === 'object' && inner !== null && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

export function settingsJson(snapshot: SettingsSnapshot): string {
  return canonicalJson(snapshot);
}

/** SHA-256 of the canonical snapshot: equal exactly when every setting is. */
export function settingsFingerprint(snapshot: SettingsSnapshot): string {
  return createHash('sha256').update(settingsJson(snapshot), 'utf8').digest('hex');
}

export interface SettingChange {
  key: string;
  /** Undefined when the key was not in the earlier snapshot (first start, or a key added since). */
  from: SettingValue | undefined;
  /** Undefined when the key is gone (a key removed from Rasd since). */
  to: SettingValue | undefined;
}

/** The keys whose values differ, in key order. */
export function settingsDiff(before: SettingsSnapshot | undefined, after: SettingsSnapshot): SettingChange[] {
  const prior = before ?? {};
  const keys = [...new Set([...Object.keys(prior), ...Object.keys(after)])].sort();
  const changes: SettingChange[] = [];
  for (const key of keys) {
    const from = Object.hasOwn(prior, key) ? prior[key] : undefined;
    const to = Object.hasOwn(after, key) ? after[key] : undefined;
    if (from !== to) changes.push({ key, from, to });
  }
  return changes;
}
