import type Database from 'better-sqlite3';
import { type Assessment, invalidInput } from '../../core/index.js';
import type { SaveResult, ScanBatch } from '../ports.js';
import { ACTION_COLUMNS, type ActionRow, actionToRow } from './action-codec.js';
import {
  ASSESSMENT_COLUMNS,
  type AssessmentRow,
  assessmentToRow,
  CATEGORY_COLUMNS,
  type CategoryRow,
  ORG_COLUMNS,
  type OrgRow,
} from './assessment-codec.js';
import {
  CASE_COLUMNS,
  CASE_EVENT_COLUMNS,
  type CaseEventRow,
  type CaseRow,
  caseEventToRow,
  caseToRow,
} from './case-codec.js';
import {
  CHANNEL_COLUMNS,
  CHANNEL_EVENT_COLUMNS,
  type ChannelEventRow,
  type ChannelRow,
  channelEventToRow,
  channelToRow,
} from './channel-codec.js';
import { ITEM_COLUMNS, type ItemRow, itemToRow } from './item-codec.js';
import { RowInsert } from './row-insert.js';

/** What an assessment attaches to: its item, when it was posted, and whether it was assessed. */
interface TargetRow {
  key: string;
  posted_ms: number;
  assessed: number;
}

/* Keys per lookup: the array is one bound JSON string, so this bounds its size, not a limit. */
const LOOKUP_CHUNK = 2000;

/*
 * A channel seen again widens its seen range; its names and type follow the newest sighting
 * that has them, so importing an older export after a newer one cannot roll a rename back.
 */
const WIDEN_CHANNEL = `
  ON CONFLICT (platform, id) DO UPDATE SET
    username = CASE WHEN excluded.username IS NOT NULL
      AND (channel.username IS NULL OR excluded.last_seen_ms >= channel.last_seen_ms)
      THEN excluded.username ELSE channel.username END,
    title = CASE WHEN excluded.title IS NOT NULL
      AND (channel.title IS NULL OR excluded.last_seen_ms >= channel.last_seen_ms)
      THEN excluded.title ELSE channel.title END,
    type = CASE WHEN excluded.type <> 'unknown'
      AND (channel.type = 'unknown' OR excluded.last_seen_ms >= channel.last_seen_ms)
      THEN excluded.type ELSE channel.type END,
    first_seen_at = CASE WHEN excluded.first_seen_ms < channel.first_seen_ms
      THEN excluded.first_seen_at ELSE channel.first_seen_at END,
    first_seen_ms = min(excluded.first_seen_ms, channel.first_seen_ms),
    last_seen_at = CASE WHEN excluded.last_seen_ms > channel.last_seen_ms
      THEN excluded.last_seen_at ELSE channel.last_seen_at END,
    last_seen_ms = max(excluded.last_seen_ms, channel.last_seen_ms)`;

/**
 * Writes scan batches: one transaction a batch, so a failure anywhere leaves no trace of it,
 * through statements prepared once per store.
 */
export class ScanWriter {
  readonly #channels: RowInsert<ChannelRow>;
  readonly #items: RowInsert<ItemRow>;
  readonly #assessments: RowInsert<AssessmentRow>;
  readonly #targets: Database.Statement<[string], TargetRow>;
  readonly #categories: RowInsert<CategoryRow>;
  readonly #orgs: RowInsert<OrgRow>;
  readonly #cases: RowInsert<CaseRow>;
  readonly #caseEvents: RowInsert<CaseEventRow>;
  readonly #actions: RowInsert<ActionRow>;
  readonly #channelEvents: RowInsert<ChannelEventRow>;
  readonly #save: (batch: ScanBatch) => SaveResult;

  constructor(db: Database.Database) {
    this.#channels = new RowInsert(db, 'channel', CHANNEL_COLUMNS, WIDEN_CHANNEL);
    this.#items = new RowInsert(db, 'item', ITEM_COLUMNS, 'ON CONFLICT (key) DO NOTHING');
    this.#assessments = new RowInsert(db, 'assessment', ASSESSMENT_COLUMNS);
    this.#targets = db.prepare(`
      SELECT i.key, i.posted_ms, a.item_key IS NOT NULL AS assessed
      FROM item i LEFT JOIN assessment a ON a.item_key = i.key
      WHERE i.key IN (SELECT value FROM json_each(?))`);
    this.#categories = new RowInsert(db, 'assessment_category', CATEGORY_COLUMNS);
    this.#orgs = new RowInsert(db, 'assessment_org', ORG_COLUMNS);
    this.#cases = new RowInsert(db, 'review_case', CASE_COLUMNS);
    this.#caseEvents = new RowInsert(db, 'case_event', CASE_EVENT_COLUMNS);
    this.#actions = new RowInsert(db, 'action', ACTION_COLUMNS);
    this.#channelEvents = new RowInsert(
      db,
      'channel_event',
      CHANNEL_EVENT_COLUMNS,
      'ON CONFLICT (platform, chat_id, message_id) DO NOTHING',
    );
    this.#save = db.transaction((batch: ScanBatch) => this.#write(batch));
  }

  save(batch: ScanBatch): SaveResult {
    return this.#save(batch);
  }

  #write(batch: ScanBatch): SaveResult {
    this.#channels.run(batch.channels.map(channelToRow));
    // Items stored now have no assessment yet and are known to exist: no need to look them up.
    const stored = new Map<string, TargetRow>();
    const itemsInserted = this.#items.run(batch.items.map(itemToRow), (row) => {
      stored.set(row.key, { key: row.key, posted_ms: row.posted_ms, assessed: 0 });
    });
    const assessed = this.#writeAssessments(batch.assessments, stored);
    this.#writeCases(batch, assessed);
    // Follow-ups belong to an assessment made now; a replayed batch must not queue them twice.
    this.#actions.run(batch.actions.filter((a) => assessed.has(a.itemKey)).map(actionToRow));
    const channelEventsInserted = this.#channelEvents.run(batch.channelEvents.map(channelEventToRow));
    return { itemsInserted, assessmentsInserted: assessed.size, channelEventsInserted };
  }

  /**
   * Returns the keys whose assessment was stored now. An item version that already had one
   * keeps it; within a batch the first assessment of a key wins. `targets` holds the items this
   * call stored; the others are looked up first, so the inserts need neither a conflict clause
   * nor RETURNING (both cost throughput).
   */
  #writeAssessments(assessments: readonly Assessment[], targets: Map<string, TargetRow>): Set<string> {
    this.#lookUpTargets(
      assessments.filter((a) => !targets.has(a.itemKey)),
      targets,
    );
    const fresh = new Map<string, Assessment>();
    for (const a of assessments) {
      const target = targets.get(a.itemKey);
      if (!target) throw invalidInput(`an assessment names item "${a.itemKey}", which is not stored`, 'assessments');
      if (!target.assessed && !fresh.has(a.itemKey)) fresh.set(a.itemKey, a);
    }
    const rows: AssessmentRow[] = [];
    const categories: CategoryRow[] = [];
    const orgs: OrgRow[] = [];
    for (const a of fresh.values()) {
      rows.push(assessmentToRow(a, (targets.get(a.itemKey) as TargetRow).posted_ms));
      a.categories.forEach((category, position) => {
        categories.push({ item_key: a.itemKey, category, position });
      });
      a.orgs.forEach((org, position) => {
        orgs.push({ item_key: a.itemKey, org, position });
      });
    }
    this.#assessments.run(rows);
    this.#categories.run(categories);
    this.#orgs.run(orgs);
    return new Set(fresh.keys());
  }

  #lookUpTargets(assessments: readonly Assessment[], targets: Map<string, TargetRow>): void {
    for (let start = 0; start < assessments.length; start += LOOKUP_CHUNK) {
      const keys = assessments.slice(start, start + LOOKUP_CHUNK).map((a) => a.itemKey);
      for (const row of this.#targets.all(JSON.stringify(keys))) targets.set(row.key, row);
    }
  }

  #writeCases(batch: ScanBatch, assessed: ReadonlySet<string>): void {
    const inBatch = new Set(batch.cases.map((c) => c.id));
    const opened = batch.cases.filter((c) => assessed.has(c.itemKey));
    const openedIds = new Set(opened.map((c) => c.id));
    for (const event of batch.caseEvents) {
      // An event for a case outside the batch could not be told apart from a replay of it.
      if (!inBatch.has(event.caseId)) {
        throw invalidInput(`a case event names case "${event.caseId}", which is not in the batch`, 'caseEvents');
      }
    }
    this.#cases.run(opened.map(caseToRow));
    this.#caseEvents.run(batch.caseEvents.filter((e) => openedIds.has(e.caseId)).map(caseEventToRow));
  }
}
