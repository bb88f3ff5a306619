import type pg from 'pg';
import { type Assessment, invalidInput, itemKey } from '../../core/index.js';
import type { SaveResult, ScanBatch } from '../ports.js';
import { type ActionRow, actionToRow } from '../sqlite/action-codec.js';
import { type AssessmentRow, assessmentToRow } from '../sqlite/assessment-codec.js';
import { type CaseEventRow, type CaseRow, caseEventToRow, caseToRow } from '../sqlite/case-codec.js';
import { type ChannelEventRow, type ChannelRow, channelEventToRow, channelToRow } from '../sqlite/channel-codec.js';
import { type ItemRow, itemToRow } from '../sqlite/item-codec.js';
import { channelKey, covers, mergeChannels, WIDEN_CHANNEL } from './channel-merge.js';
import { noRowWith, rowsByKey } from './key-probe.js';
import { storableChannelEventRow, storableChannelRow, storableItemRow } from './nul-text.js';
import type { Partitions } from './partitions.js';
import { inTransaction } from './pool.js';
import { type ColumnTypes, selectList, unnest } from './unnest.js';

/*
 * Exactly once, by the database: every insert is `ON CONFLICT DO NOTHING ... RETURNING`, and
 * only the assessments this transaction stored bring their categories, orgs, case and actions.
 * Two workers saving the same item version at once both try; the unique index makes the second
 * wait for the first and then find the row there, so it stores nothing and opens nothing.
 * Rows are inserted in key order, so two batches that overlap lock their rows in one order.
 */

const ITEM_TYPES: ColumnTypes<ItemRow> = {
  key: 'text',
  platform: 'text',
  chat_id: 'text',
  message_id: 'text',
  version: 'int4',
  posted_at: 'text',
  posted_ms: 'int8',
  text: 'text',
  document: 'text',
};
const ASSESSMENT_TYPES: ColumnTypes<AssessmentRow> = {
  item_key: 'text',
  verdict: 'text',
  severity: 'text',
  confidence: 'float8',
  needs_review: 'int4',
  policy_version: 'text',
  scanned_at: 'text',
  latency_ms: 'float8',
  posted_ms: 'int8',
  document: 'text',
};
type LabelRow = { item_key: string; label: string; position: number; posted_ms: number };
const LABEL_TYPES: ColumnTypes<LabelRow> = { item_key: 'text', label: 'text', position: 'int4', posted_ms: 'int8' };
const CHANNEL_TYPES: ColumnTypes<ChannelRow> = {
  platform: 'text',
  id: 'text',
  username: 'text',
  title: 'text',
  type: 'text',
  first_seen_at: 'text',
  first_seen_ms: 'int8',
  last_seen_at: 'text',
  last_seen_ms: 'int8',
};
const CHANNEL_EVENT_TYPES: ColumnTypes<ChannelEventRow> = {
  platform: 'text',
  chat_id: 'text',
  message_id: 'text',
  action: 'text',
  at: 'text',
  at_ms: 'int8',
  actor: 'text',
  actor_id: 'text',
  details: 'text',
};
const CASE_TYPES: ColumnTypes<CaseRow> = {
  id: 'text',
  item_key: 'text',
  status: 'text',
  queue: 'text',
  priority: 'float8',
  reason: 'text',
  opened_at: 'text',
  opened_ms: 'int8',
  updated_at: 'text',
};
const CASE_EVENT_TYPES: ColumnTypes<CaseEventRow> = { case_id: 'text', type: 'text', at: 'text', payload: 'text' };
const ACTION_TYPES: ColumnTypes<ActionRow> = {
  id: 'text',
  item_key: 'text',
  kind: 'text',
  target: 'text',
  status: 'text',
  attempts: 'int4',
  requested_at: 'text',
  requested_ms: 'int8',
  last_attempt_at: 'text',
  confirmed_at: 'text',
  outcome: 'text',
  reason: 'text',
};

/** A batch as rows, encoded and checked before any connection is taken. */
interface Encoded {
  channels: ChannelRow[];
  items: ItemRow[];
  assessments: Assessment[];
  cases: CaseRow[];
  caseEvents: CaseEventRow[];
  actions: ActionRow[];
  channelEvents: ChannelEventRow[];
}

/** Throws INPUT_INVALID when an instant is not ISO 8601 or a case event names a case outside the batch. */
function encode(batch: ScanBatch): Encoded {
  const cases = batch.cases.map(caseToRow);
  const caseEvents = batch.caseEvents.map(caseEventToRow);
  const inBatch = new Set(cases.map((c) => c.id));
  for (const e of caseEvents) {
    // An event for a case outside the batch could not be told apart from a replay of it.
    if (!inBatch.has(e.case_id)) {
      throw invalidInput(`a case event names case "${e.case_id}", which is not in the batch`, 'caseEvents');
    }
  }
  return {
    channels: mergeChannels(batch.channels.map((c) => storableChannelRow(channelToRow(c)))),
    items: batch.items.map((item) => storableItemRow(itemToRow(item, itemKey(item)))),
    // Read whole now, so a record that throws on reading fails the batch before it is written.
    assessments: batch.assessments.map((a) => ({ ...a })),
    cases,
    caseEvents,
    actions: batch.actions.map(actionToRow),
    channelEvents: batch.channelEvents.map((e) => storableChannelEventRow(channelEventToRow(e))),
  };
}

async function insert<Row extends object>(
  client: pg.PoolClient,
  table: string,
  rows: readonly Row[],
  types: ColumnTypes<Row>,
  tail: { distinctOn?: string; where?: string; order?: string; conflict?: string; returning?: string },
): Promise<pg.QueryResult> {
  const u = unnest(rows, types);
  const distinct = tail.distinctOn ? `DISTINCT ON (${tail.distinctOn}) ` : '';
  const sql = `INSERT INTO ${table} (${u.columns.join(', ')})
    SELECT ${distinct}${selectList(u.columns)} FROM ${u.from}
    ${tail.where ? `WHERE ${tail.where}` : ''} ORDER BY ${tail.order ?? 'u.ord'}
    ${tail.conflict ?? 'ON CONFLICT DO NOTHING'} ${tail.returning ? `RETURNING ${tail.returning}` : ''}`;
  return client.query(sql, u.values);
}

function compareChannel(a: { platform: string; id: string }, b: { platform: string; id: string }): number {
  const x = `${a.platform}/${a.id}`;
  const y = `${b.platform}/${b.id}`;
  return x < y ? -1 : x > y ? 1 : 0;
}

export class PgScanWriter {
  readonly #pool: pg.Pool;
  readonly #partitions: Partitions;

  constructor(pool: pg.Pool, partitions: Partitions) {
    this.#pool = pool;
    this.#partitions = partitions;
  }

  async save(batch: ScanBatch): Promise<SaveResult> {
    const encoded = encode(batch);
    await this.#partitions.ensure(encoded.items.map((item) => item.posted_ms));
    return inTransaction(this.#pool, (client) => this.#write(client, encoded));
  }

  async #write(client: pg.PoolClient, batch: Encoded): Promise<SaveResult> {
    const itemsInserted = await this.#writeItems(client, batch.items);
    const fresh = await this.#writeAssessments(client, batch.assessments);
    await this.#writeCases(client, batch, fresh);
    // Follow-ups belong to an assessment made now; a replayed batch must not queue them twice.
    const actions = batch.actions.filter((a) => fresh.has(a.item_key));
    if (actions.length > 0) await insert(client, 'action', actions, ACTION_TYPES, { order: 'u.item_key, u.ord' });
    let channelEventsInserted = 0;
    if (batch.channelEvents.length > 0) {
      const stored = await insert(client, 'channel_event', batch.channelEvents, CHANNEL_EVENT_TYPES, {
        conflict: 'ON CONFLICT (platform, chat_id, message_id) DO NOTHING',
      });
      channelEventsInserted = stored.rowCount ?? 0;
    }
    // Last, so the channel rows' locks are held only until the commit just after.
    await this.#widenChannels(client, batch.channels);
    return { itemsInserted, assessmentsInserted: fresh.size, channelEventsInserted };
  }

  /**
   * Inside the batch's transaction (a batch is all or nothing, channels too), but only the
   * sightings that change a row are written: a busy channel is in nearly every batch, and an
   * upsert locks its row even when it changes nothing, which made two workers' batches wait
   * for each other's commits. Sorted, so that workers lock the rows in one order.
   */
  async #widenChannels(client: pg.PoolClient, sightings: readonly ChannelRow[]): Promise<void> {
    if (sightings.length === 0) return;
    const keys = JSON.stringify(sightings.map((c) => ({ platform: c.platform, id: c.id })));
    const { rows } = await client.query<ChannelRow>(
      `SELECT c.* FROM json_to_recordset($1::json) AS k(platform text, id text)
       CROSS JOIN LATERAL (SELECT * FROM channel WHERE channel.platform = k.platform AND channel.id = k.id OFFSET 0) c`,
      [keys],
    );
    const stored = new Map(
      rows.map((r) => [
        channelKey(r),
        { ...r, first_seen_ms: Number(r.first_seen_ms), last_seen_ms: Number(r.last_seen_ms) },
      ]),
    );
    const changing = sightings.filter((c) => {
      const row = stored.get(channelKey(c));
      return row === undefined || !covers(row, c);
    });
    if (changing.length === 0) return;
    await insert(client, 'channel', [...changing].sort(compareChannel), CHANNEL_TYPES, { conflict: WIDEN_CHANNEL });
  }

  /**
   * The first row of a key in the batch wins. The NOT EXISTS keeps one row per key even if a
   * later delivery gave the same version another posted time (the unique key holds the month).
   */
  async #writeItems(client: pg.PoolClient, items: readonly ItemRow[]): Promise<number> {
    if (items.length === 0) return 0;
    const stored = await insert(client, 'item', items, ITEM_TYPES, {
      distinctOn: 'u.key',
      where: noRowWith('item', 'key', 'u.key'),
      order: 'u.key, u.ord',
    });
    return stored.rowCount ?? 0;
  }

  /** Returns the keys whose assessment this call stored; an item version that had one keeps it. */
  async #writeAssessments(client: pg.PoolClient, assessments: readonly Assessment[]): Promise<Set<string>> {
    if (assessments.length === 0) return new Set();
    const keys = [...new Set(assessments.map((a) => a.itemKey))];
    const { rows: targets } = await client.query<{ key: string; posted_ms: string }>(
      `SELECT k.key, min(i.posted_ms) AS posted_ms FROM ${rowsByKey('item', 'i', 'key')} GROUP BY k.key`,
      [keys],
    );
    const postedMs = new Map(targets.map((t) => [t.key, Number(t.posted_ms)]));
    const rows: AssessmentRow[] = [];
    for (const a of assessments) {
      const ms = postedMs.get(a.itemKey);
      if (ms === undefined)
        throw invalidInput(`an assessment names item "${a.itemKey}", which is not stored`, 'assessments');
      rows.push(assessmentToRow(a, ms));
    }
    const stored = await insert(client, 'assessment', rows, ASSESSMENT_TYPES, {
      distinctOn: 'u.item_key',
      order: 'u.item_key, u.ord',
      returning: 'item_key',
    });
    const fresh = new Set(stored.rows.map((row: { item_key: string }) => row.item_key));
    const categories: LabelRow[] = [];
    const orgs: LabelRow[] = [];
    const labelled = new Set<string>();
    for (const a of assessments) {
      // Only the assessment that was stored: the first of its key in the batch.
      if (!fresh.has(a.itemKey) || labelled.has(a.itemKey)) continue;
      labelled.add(a.itemKey);
      const ms = postedMs.get(a.itemKey) as number;
      const label = (out: LabelRow[], values: readonly string[]): void => {
        for (let position = 0; position < values.length; position++) {
          out.push({ item_key: a.itemKey, label: values[position] as string, position, posted_ms: ms });
        }
      };
      label(categories, a.categories);
      label(orgs, a.orgs);
    }
    await this.#writeLabels(client, 'assessment_category', 'category', categories);
    await this.#writeLabels(client, 'assessment_org', 'org', orgs);
    return fresh;
  }

  async #writeLabels(client: pg.PoolClient, table: string, column: string, rows: LabelRow[]): Promise<void> {
    if (rows.length === 0) return;
    const u = unnest(rows, LABEL_TYPES);
    await client.query(
      `INSERT INTO ${table} (item_key, ${column}, position, posted_ms)
       SELECT u.item_key, u.label, u.position, u.posted_ms FROM ${u.from} ORDER BY u.ord`,
      u.values,
    );
  }

  /** Cases of assessments stored now, and the events of the cases that were opened. */
  async #writeCases(client: pg.PoolClient, batch: Encoded, fresh: ReadonlySet<string>): Promise<void> {
    const cases = batch.cases.filter((c) => fresh.has(c.item_key));
    if (cases.length === 0) return;
    const opened = await insert(client, 'review_case', cases, CASE_TYPES, {
      order: 'u.item_key, u.ord',
      returning: 'id',
    });
    const ids = new Set(opened.rows.map((row: { id: string }) => row.id));
    const events = batch.caseEvents.filter((e) => ids.has(e.case_id));
    if (events.length > 0) await insert(client, 'case_event', events, CASE_EVENT_TYPES, { conflict: '' });
  }
}
