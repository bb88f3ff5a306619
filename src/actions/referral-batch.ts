import { createHash } from 'node:crypto';
import {
  type ChatType,
  csvTable,
  invalidInput,
  type ReferralBatch,
  type ReferralEvidence,
  type ReferralRow,
  type RemovalDecision,
} from '../core/index.js';

export type { ReferralBatch, ReferralEvidence, ReferralRow, RemovalDecision };

/**
 * Referral batches: removal decisions grouped into one file per platform per interval (hourly by
 * default), the shape trust-and-safety teams at platforms take in. A batch carries links and
 * hashes only, never message text or media.
 */

export interface BatchOptions {
  /** Length of one batch window; windows are aligned to the epoch, so hourly batches start on the hour. */
  intervalMs?: number;
  now?: () => number;
}

/**
 * The public link of a message. Telegram: `https://t.me/<username>/<id>` for public chats,
 * `https://t.me/c/<id>/<msg>` for a channel or supergroup without username (works for members
 * only). A basic group or private chat has no link at all (Telegram opens none), so it gets the
 * `rasd:` form rather than a link that never resolves; an unknown type keeps `t.me/c`. Exports
 * and the live connectors key chats by the bare id (`connectors/telegram/telegram-ids.ts`); a
 * `-100…` Bot API id is accepted too.
 */
export function itemLink(
  platform: string,
  chat: { id: string; username?: string; type?: ChatType },
  messageId: string,
): string {
  if (platform === 'telegram') {
    if (chat.username) return `https://t.me/${encodeURIComponent(chat.username.replace(/^@/, ''))}/${messageId}`;
    const internal = /^(?:-100)?(\d+)$/.exec(chat.id);
    if (internal && !NO_LINK_CHATS.has(chat.type ?? 'unknown')) return `https://t.me/c/${internal[1]}/${messageId}`;
  }
  return `rasd:${platform}/${encodeURIComponent(chat.id)}/${encodeURIComponent(messageId)}`;
}

const NO_LINK_CHATS = new Set<ChatType>(['group', 'private', 'bot']);

/** Groups decisions into batches; a decision id seen twice is referred once. */
export function buildReferralBatches(
  decisions: readonly RemovalDecision[],
  options: BatchOptions = {},
): ReferralBatch[] {
  const intervalMs = options.intervalMs ?? 3_600_000;
  if (!Number.isInteger(intervalMs) || intervalMs <= 0) throw invalidInput('intervalMs must be a positive integer');
  const createdAt = new Date((options.now ?? Date.now)()).toISOString();
  const groups = new Map<string, { platform: string; windowStart: number; rows: Map<string, ReferralRow> }>();
  for (const [index, decision] of decisions.entries()) {
    const decidedMs = Date.parse(decision.decidedAt);
    if (Number.isNaN(decidedMs)) throw invalidInput(`decidedAt is not a date`, `/${index}/decidedAt`);
    const windowStart = Math.floor(decidedMs / intervalMs) * intervalMs;
    const key = `${decision.platform}\u0000${windowStart}`;
    const group = groups.get(key) ?? { platform: decision.platform, windowStart, rows: new Map() };
    groups.set(key, group);
    if (!group.rows.has(decision.decisionId)) group.rows.set(decision.decisionId, toRow(decision));
  }
  return [...groups.values()]
    .sort((a, b) => a.windowStart - b.windowStart || a.platform.localeCompare(b.platform))
    .map(({ platform, windowStart, rows }) => {
      const items = [...rows.values()].sort(
        (a, b) => a.decidedAt.localeCompare(b.decidedAt) || a.decisionId.localeCompare(b.decisionId),
      );
      return {
        batchId: batchIdOf(platform, windowStart, items),
        platform,
        createdAt,
        windowStart: new Date(windowStart).toISOString(),
        windowEnd: new Date(windowStart + intervalMs).toISOString(),
        itemCount: items.length,
        items,
      };
    });
}

function toRow(decision: RemovalDecision): ReferralRow {
  return {
    decisionId: decision.decisionId,
    decidedAt: decision.decidedAt,
    platform: decision.platform,
    itemLink: itemLink(decision.platform, decision.chat, decision.messageId),
    chatId: decision.chat.id,
    messageId: decision.messageId,
    category: decision.category,
    ...(decision.organisation !== undefined && { organisation: decision.organisation }),
    evidence: {
      sha256: decision.evidence.sha256 ?? [],
      md5: decision.evidence.md5 ?? [],
      pdq: decision.evidence.pdq ?? [],
      textBankEntries: decision.evidence.textBankEntries ?? [],
    },
  };
}

// Deterministic, so rebuilding the same window with the same decisions gives the same id
// (a resend is recognisable), while a window that gained a decision gets a new id.
function batchIdOf(platform: string, windowStart: number, items: readonly ReferralRow[]): string {
  const stamp = new Date(windowStart).toISOString().replace(/[-:]/g, '').slice(0, 13);
  const digest = createHash('sha256')
    .update(items.map((i) => i.decisionId).join('\n'))
    .digest('hex')
    .slice(0, 8);
  return `ref_${platform}_${stamp}_${digest}`;
}

/** The batch as JSON, the format for APIs; field names match the CSV columns' meaning. */
export function referralBatchToJson(batch: ReferralBatch): string {
  return `${JSON.stringify(batch, null, 2)}\n`;
}

export const REFERRAL_CSV_COLUMNS = [
  'batch_id',
  'batch_created_at',
  'batch_item_count',
  'decision_id',
  'decided_at',
  'platform',
  'item_link',
  'chat_id',
  'message_id',
  'category',
  'organisation',
  'sha256',
  'md5',
  'pdq',
  'text_bank_entries',
] as const;

/** The batch as CSV, one item a row; multi-valued evidence is joined with `;`. */
export function referralBatchToCsv(batch: ReferralBatch): string {
  const rows = batch.items.map((row) => [
    batch.batchId,
    batch.createdAt,
    batch.itemCount,
    row.decisionId,
    row.decidedAt,
    row.platform,
    row.itemLink,
    row.chatId,
    row.messageId,
    row.category,
    row.organisation,
    row.evidence.sha256.join(';'),
    row.evidence.md5.join(';'),
    row.evidence.pdq.join(';'),
    row.evidence.textBankEntries.join(';'),
  ]);
  return csvTable(REFERRAL_CSV_COLUMNS, rows);
}
