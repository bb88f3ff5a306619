import { initial } from './0001-initial.js';
import { banks } from './0002-banks.js';
import { peopleAudit } from './0003-people-audit.js';
import { review } from './0004-review.js';
import { evidence } from './0005-evidence.js';
import { referrals } from './0006-referrals.js';
import { partner } from './0007-partner.js';
import { outbox } from './0008-outbox.js';
import { mediaPreview } from './0009-media-preview.js';
import { removalOrders } from './0010-removal-orders.js';
import { channelClosures } from './0011-channel-closures.js';
import { telegramLive } from './0012-telegram-live.js';

/**
 * A schema change. Migrations are TypeScript modules rather than .sql files so they travel with
 * the compiled code (tsc copies no .sql into dist/). They are forward-only: a shipped migration
 * is never edited; a change is a new migration with the next version.
 */
export interface Migration {
  version: number;
  name: string;
  /** SQLite's dialect. */
  sql: string;
  /**
   * The same change in PostgreSQL's dialect: one history, two dialects, so both adapters are
   * always at the same numbered schema (`storage/postgres/migration-runner.ts`).
   */
  postgres?: string;
}

/** In version order, starting at 1, without gaps: the runner checks this at open. */
export const MIGRATIONS: readonly Migration[] = [
  initial,
  banks,
  peopleAudit,
  review,
  evidence,
  referrals,
  partner,
  outbox,
  mediaPreview,
  removalOrders,
  channelClosures,
  telegramLive,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
