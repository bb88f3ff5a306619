import { itemKey } from '../../core/index.js';
import type { ScanBatch } from '../ports.js';
import { ACTION_COLUMNS, actionToRow } from './action-codec.js';
import { pushAssessmentCells } from './assessment-codec.js';
import { CASE_COLUMNS, CASE_EVENT_COLUMNS, caseEventToRow, caseToRow } from './case-codec.js';
import { CHANNEL_COLUMNS, CHANNEL_EVENT_COLUMNS, channelEventToRow, channelToRow } from './channel-codec.js';
import { pushItemCells } from './item-codec.js';
import { type Cell, pushRow } from './row-insert.js';

/**
 * A scan batch as the rows it writes: one flat array of cells per table, rows one after the
 * other in column order. Flat arrays of strings and numbers are what the structured clone copies
 * fastest, so this is what travels to the write worker; encoding (JSON documents, epoch
 * milliseconds, checks of instants) is done before, on the caller's thread, and the writer only
 * decides what is new, binds and inserts.
 */
export interface EncodedBatch {
  channels: Cell[];
  items: Cell[];
  /** `posted_ms` is left 0: the writer copies it from the item the assessment belongs to. */
  assessments: Cell[];
  /** Categories and orgs of every assessment; the writer keeps those of the assessments it stores. */
  categories: Cell[];
  orgs: Cell[];
  cases: Cell[];
  caseEvents: Cell[];
  actions: Cell[];
  channelEvents: Cell[];
}

/** Throws INPUT_INVALID (naming the field, never its content) when an instant is not ISO 8601. */
export function encodeBatch(batch: ScanBatch): EncodedBatch {
  const encoded: EncodedBatch = {
    channels: [],
    items: [],
    assessments: [],
    categories: [],
    orgs: [],
    cases: [],
    caseEvents: [],
    actions: [],
    channelEvents: [],
  };
  for (const c of batch.channels) pushRow(CHANNEL_COLUMNS, channelToRow(c), encoded.channels);
  // Items and assessments are nearly all of a batch: their cells are pushed directly, no row objects.
  for (const item of batch.items) pushItemCells(item, itemKey(item), encoded.items);
  for (const a of batch.assessments) pushAssessmentCells(a, 0, encoded);
  for (const c of batch.cases) pushRow(CASE_COLUMNS, caseToRow(c), encoded.cases);
  for (const e of batch.caseEvents) pushRow(CASE_EVENT_COLUMNS, caseEventToRow(e), encoded.caseEvents);
  for (const a of batch.actions) pushRow(ACTION_COLUMNS, actionToRow(a), encoded.actions);
  for (const e of batch.channelEvents) pushRow(CHANNEL_EVENT_COLUMNS, channelEventToRow(e), encoded.channelEvents);
  return encoded;
}
