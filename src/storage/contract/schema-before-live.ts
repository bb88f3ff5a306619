import { ACTION_KINDS, ACTION_STATUSES } from '../../core/index.js';
import { MIGRATIONS, type Migration } from '../sqlite/migrations/index.js';
import { sqlOneOf } from '../sqlite/sql-one-of.js';

/*
 * Test support (not part of the adapters): migrations 1 to 11 as a release before live Telegram
 * applied them. 0001 renders today's action kinds and statuses into its CHECKs, so running it as
 * it is now would make a database that already takes the new ones; this renders the lists that
 * release had, so a test can show that 0012 is what widens them.
 */
export const KINDS_BEFORE_LIVE = ['delete', 'ban', 'refer', 'webhook'] as const;
export const STATUSES_BEFORE_LIVE = ['requested', 'sent', 'confirmed', 'failed', 'cancelled'] as const;

function narrowed(text: string): string {
  const swaps: [string, string][] = [
    [sqlOneOf('kind', ACTION_KINDS), sqlOneOf('kind', KINDS_BEFORE_LIVE)],
    [sqlOneOf('status', ACTION_STATUSES), sqlOneOf('status', STATUSES_BEFORE_LIVE)],
  ];
  let out = text;
  for (const [now, then] of swaps) {
    if (!out.includes(now)) throw new Error('0001 no longer renders the action CHECKs this helper rewrites');
    out = out.replace(now, then);
  }
  return out;
}

export function migrationsBeforeLive(): Migration[] {
  const [initial, ...rest] = MIGRATIONS.slice(0, 11);
  if (initial === undefined || initial.postgres === undefined) throw new Error('migration 1 is missing');
  return [{ ...initial, sql: narrowed(initial.sql), postgres: narrowed(initial.postgres) }, ...rest];
}
