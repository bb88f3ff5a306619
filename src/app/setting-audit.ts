import {
  type Config,
  type SettingsSnapshot,
  settingsDiff,
  settingsFingerprint,
  settingsJson,
  settingsSnapshot,
} from '../config/index.js';
import { appendAudit } from '../review/audit-log.js';
import type { AuditEntry, AuditStore } from '../storage/ports.js';

/**
 * Settings come from the config file, RASD_* and flags, read at start; there is no settings
 * screen to audit. So a start is where a change shows: when the effective settings differ from
 * those the last `setting.change` entry recorded (or none was ever recorded), one entry is
 * appended, actor `system`, naming each changed key as `old → new`. The entry also keeps the full
 * snapshot, so the next start can diff against it without folding the whole log.
 */
export const SETTING_CHANGE = 'setting.change';

/** Details keys of our own; setting keys always contain a dot, so they cannot collide. */
const FINGERPRINT = 'fingerprint';
const SETTINGS = 'settings';

export async function auditSettingChange(
  store: AuditStore,
  config: Config,
  now: () => Date = () => new Date(),
): Promise<AuditEntry | undefined> {
  const snapshot = settingsSnapshot(config);
  const fingerprint = settingsFingerprint(snapshot);
  const last = await store.lastAudit(SETTING_CHANGE);
  if (last?.details[FINGERPRINT] === fingerprint) return undefined;
  const before = last === undefined ? undefined : recordedSettings(last);
  const changes = settingsDiff(before, snapshot);
  const details: AuditEntry['details'] = { [FINGERPRINT]: fingerprint, [SETTINGS]: settingsJson(snapshot) };
  for (const c of changes) details[c.key] = `${shown(c.from)} → ${shown(c.to)}`;
  return appendAudit(
    store,
    {
      actor: 'system',
      action: SETTING_CHANGE,
      target: 'config',
      reason:
        last === undefined
          ? 'settings at first start with this audit log'
          : `${changes.length} setting(s) changed since the last recorded start`,
      details,
    },
    now,
  );
}

function recordedSettings(entry: AuditEntry): SettingsSnapshot | undefined {
  const text = entry.details[SETTINGS];
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text) as SettingsSnapshot;
  } catch {
    // A recorded snapshot that does not parse: every key is then reported as new.
    return undefined;
  }
}

function shown(value: SettingsSnapshot[string] | undefined): string {
  return value === undefined ? '(unset)' : JSON.stringify(value);
}
