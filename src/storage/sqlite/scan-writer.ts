import type Database from 'better-sqlite3';
import { invalidInput } from '../../core/errors.js';
import type { SaveResult } from '../ports.js';
import { ACTION_COLUMNS, type ActionRow } from './action-codec.js';
import {
  ASSESSMENT_COLUMNS,
  type AssessmentRow,
  CATEGORY_COLUMNS,
  type CategoryRow,
  ORG_COLUMNS,
  type OrgRow,
} from './assessment-codec.js';
import type { EncodedBatch } from './batch-codec.js';
import { CASE_COLUMNS, CASE_EVENT_COLUMNS, type CaseEventRow, type CaseRow } from './case-codec.js';
import { CHANNEL_COLUMNS, CHANNEL_EVENT_COLUMNS, type ChannelEventRow, type ChannelRow } from './channel-codec.js';
import { widenChannelSql } from './channel-widen.js';
import { ITEM_COLUMNS, type ItemRow } from './item-codec.js';
import { type Cell, columnAt, RowInsert } from './row-insert.js';

/** What an assessment attaches to: its item, when it was posted, and whether it was assessed. */
interface TargetRow {
  key: string;
  posted_ms: number;
  assessed: number;
}

/** Where keys sit in the flat rows of an encoded batch. */
const AT = {
  itemKey: columnAt(ITEM_COLUMNS, 'key'),
  itemPostedMs: columnAt(ITEM_COLUMNS, 'posted_ms'),
  assessmentKey: columnAt(ASSESSMENT_COLUMNS, 'item_key'),
  assessmentPostedMs: columnAt(ASSESSMENT_COLUMNS, 'posted_ms'),
  categoryKey: columnAt(CATEGORY_COLUMNS, 'item_key'),
  orgKey: columnAt(ORG_COLUMNS, 'item_key'),
  caseId: columnAt(CASE_COLUMNS, 'id'),
  caseItemKey: columnAt(CASE_COLUMNS, 'item_key'),
  caseEventCaseId: columnAt(CASE_EVENT_COLUMNS, 'case_id'),
  actionItemKey: columnAt(ACTION_COLUMNS, 'item_key'),
} as const;

/* Keys per lookup: the array is one bound JSON string, so this bounds its size, not a limit. */
const LOOKUP_CHUNK = 2000;

const WIDEN_CHANNEL = widenChannelSql('sqlite');

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
  readonly #save: (batch: EncodedBatch) => SaveResult;

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
    this.#save = db.transaction((batch: EncodedBatch) => this.#write(batch));
  }

  save(batch: EncodedBatch): SaveResult {
    return this.#save(batch);
  }

  #write(batch: EncodedBatch): SaveResult {
    this.#channels.run(batch.channels);
    // Items stored now have no assessment yet and are known to exist: no need to look them up.
    const stored = new Map<string, TargetRow>();
    const items = batch.items;
    const itemsInserted = this.#items.run(items, undefined, (at) => {
      const key = items[at + AT.itemKey] as string;
      stored.set(key, { key, posted_ms: items[at + AT.itemPostedMs] as number, assessed: 0 });
    });
    const assessed = this.#writeAssessments(batch, stored);
    this.#writeCases(batch, assessed);
    // Follow-ups belong to an assessment made now; a replayed batch must not queue them twice.
    const actions = batch.actions;
    this.#actions.run(actions, (at) => assessed.has(actions[at + AT.actionItemKey] as string));
    const channelEventsInserted = this.#channelEvents.run(batch.channelEvents);
    return { itemsInserted, assessmentsInserted: assessed.size, channelEventsInserted };
  }

  /**
   * Returns the keys whose assessment was stored now. An item version that already had one
   * keeps it; within a batch the first assessment of a key wins. `targets` holds the items this
   * call stored; the others are looked up first, so the inserts need neither a conflict clause
   * nor RETURNING (both cost throughput).
   */
  #writeAssessments(batch: EncodedBatch, targets: Map<string, TargetRow>): Set<string> {
    const rows = batch.assessments;
    const width = this.#assessments.width;
    const unknown: string[] = [];
    for (let at = 0; at < rows.length; at += width) {
      const key = rows[at + AT.assessmentKey] as string;
      if (!targets.has(key)) unknown.push(key);
    }
    this.#lookUpTargets(unknown, targets);
    const fresh = new Set<string>();
    const keep = new Uint8Array(rows.length / width);
    for (let at = 0; at < rows.length; at += width) {
      const key = rows[at + AT.assessmentKey] as string;
      const target = targets.get(key);
      if (!target) throw invalidInput(`an assessment names item "${key}", which is not stored`, 'assessments');
      if (target.assessed || fresh.has(key)) continue;
      fresh.add(key);
      keep[at / width] = 1;
      rows[at + AT.assessmentPostedMs] = target.posted_ms;
    }
    this.#assessments.run(rows, (at) => keep[at / width] === 1);
    const { categories, orgs } = batch;
    this.#categories.run(categories, (at) => fresh.has(categories[at + AT.categoryKey] as string));
    this.#orgs.run(orgs, (at) => fresh.has(orgs[at + AT.orgKey] as string));
    return fresh;
  }

  #lookUpTargets(keys: readonly string[], targets: Map<string, TargetRow>): void {
    for (let start = 0; start < keys.length; start += LOOKUP_CHUNK) {
      const chunk = keys.slice(start, start + LOOKUP_CHUNK);
      for (const row of this.#targets.all(JSON.stringify(chunk))) targets.set(row.key, row);
    }
  }

  #writeCases(batch: EncodedBatch, assessed: ReadonlySet<string>): void {
    const { cases, caseEvents } = batch;
    const caseWidth = this.#cases.width;
    const inBatch = new Set<Cell>();
    const opened = new Set<Cell>();
    for (let at = 0; at < cases.length; at += caseWidth) {
      inBatch.add(cases[at + AT.caseId] as Cell);
      if (assessed.has(cases[at + AT.caseItemKey] as string)) opened.add(cases[at + AT.caseId] as Cell);
    }
    for (let at = 0; at < caseEvents.length; at += this.#caseEvents.width) {
      const caseId = caseEvents[at + AT.caseEventCaseId] as Cell;
      // An event for a case outside the batch could not be told apart from a replay of it.
      if (!inBatch.has(caseId)) {
        throw invalidInput(`a case event names case "${String(caseId)}", which is not in the batch`, 'caseEvents');
      }
    }
    this.#cases.run(cases, (at) => opened.has(cases[at + AT.caseId] as Cell));
    this.#caseEvents.run(caseEvents, (at) => opened.has(caseEvents[at + AT.caseEventCaseId] as Cell));
  }
}
