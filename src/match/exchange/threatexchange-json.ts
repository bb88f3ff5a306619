import {
  type ExchangeReader,
  type ExchangeWriter,
  type ExportContext,
  type ImportDefaults,
  objectOf,
  type RecordAt,
  RecordBuilder,
  type RecordOutcome,
  text,
} from './exchange-record.js';
import { labelOf, labelValue, parseNote, withLabels } from './note-labels.js';
import { jsonRecordReader } from './record-readers.js';
import { nameOfSignalType, signalTypeFromName } from './signal-type-names.js';

/**
 * `threatexchange`: Meta ThreatExchange Graph API JSON, one object per line (as the
 * te-tag-query tools print) or a `{"data": [...]}` page or an array. Two record kinds:
 * - ThreatDescriptor: `id, raw_indicator, type, owner {id, name}, status, tags, added_on,
 *   description, …`; status `NON_MALICIOUS` is someone's "not a match", so it is not banked;
 * - threat update (`/threat_updates`): `id, indicator, type, last_updated, should_delete,
 *   descriptors {data: [...]}`; `should_delete` entries are reported, not banked.
 * `tags` come as a list, `null`, or the Graph API's `{"data": [{"text": …}]}`.
 */

export const TE_STATUS_DEFAULT = 'MALICIOUS';
const NOT_A_MATCH = 'NON_MALICIOUS';

function tagsOf(tags: unknown): string[] {
  const list = Array.isArray(tags) ? tags : (objectOf(tags)?.data as unknown[] | undefined);
  if (!Array.isArray(list)) return [];
  return list.map((t) => labelValue(objectOf(t)?.text ?? t, true)).filter((t) => t !== undefined);
}

/** "2020-06-03T01:38:01+0000", the Graph API's time format. */
export function teTime(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? `${new Date(ms).toISOString().slice(0, 19)}+0000` : iso;
}

function describeRecord(record: Record<string, unknown>): {
  kind: 'descriptor' | 'indicator';
  indicator: unknown;
  descriptors: Record<string, unknown>[];
} {
  if ('raw_indicator' in record) return { kind: 'descriptor', indicator: record.raw_indicator, descriptors: [record] };
  const data = objectOf(record.descriptors)?.data;
  const descriptors = Array.isArray(data) ? data.map(objectOf).filter((d) => d !== undefined) : [];
  return { kind: 'indicator', indicator: record.indicator, descriptors };
}

export function threatExchangeRecord(
  record: Record<string, unknown>,
  at: RecordAt,
  defaults: ImportDefaults,
): RecordOutcome {
  const b = new RecordBuilder(at, defaults);
  const { kind, indicator, descriptors } = describeRecord(record);
  const typeName = text(record.type);
  const type = typeName === undefined ? undefined : signalTypeFromName('te', typeName);
  const id = labelValue(record.id);
  const statuses = descriptors.map((d) => text(d.status)?.toUpperCase()).filter((s) => s !== undefined);
  if (indicator === undefined || typeName === undefined) {
    b.reject(
      'is neither a ThreatExchange descriptor (raw_indicator, type) nor a threat update (indicator, type) — check the --format',
    );
  } else if (record.should_delete === true) {
    b.skip('deleted', `ThreatExchange marks indicator ${id ?? '(no id)'} should_delete, so it is not banked`);
  } else if (statuses.length > 0 && statuses.every((s) => s === NOT_A_MATCH)) {
    b.skip('not-positive', `the descriptor status is ${NOT_A_MATCH} (judged not a match), so it is not banked`);
  } else if (type === undefined) {
    b.skip('unsupported-type', `indicator type ${JSON.stringify(typeName)} has no Rasd signal type`);
  } else {
    const status = statuses.find((s) => s !== NOT_A_MATCH && s !== TE_STATUS_DEFAULT);
    const tags = [...new Set(descriptors.flatMap((d) => tagsOf(d.tags)))];
    const rasd = objectOf(record.rasd);
    const owner = labelValue(objectOf(record.owner)?.id);
    const description = typeof record.description === 'string' ? record.description : undefined;
    const note = withLabels(description, [
      ['status', status && labelValue(status)],
      ['tags', tags.length > 0 ? tags.join(',') : undefined],
    ]);
    const source = b.source([id && `threatexchange:${kind}/${id}`, owner && `owner=${owner}`], rasd?.source);
    b.add({ signalType: type, value: indicator, org: rasd?.org, category: rasd?.category, note }, source);
  }
  return b.outcome();
}

export function readThreatExchange(defaults: ImportDefaults): ExchangeReader {
  return jsonRecordReader((record, at) => threatExchangeRecord(record, at, defaults));
}

/** One ThreatDescriptor-shaped object per line; Rasd's fields in `rasd`, which TE tools ignore. */
export function writeThreatExchange(context: ExportContext): ExchangeWriter {
  return {
    begin: () => '',
    write: (entry) => {
      const type = nameOfSignalType('te', entry.signalType) ?? (context.rasdTypes ? entry.signalType : undefined);
      if (type === undefined) return { skip: `ThreatExchange has no indicator type for ${entry.signalType}` };
      const { labels } = parseNote(entry.note);
      const tags = labelOf(labels, 'tags');
      const descriptor = {
        raw_indicator: entry.value,
        type,
        status: labelOf(labels, 'status') ?? TE_STATUS_DEFAULT,
        added_on: teTime(entry.addedAt),
        tags: tags === undefined ? null : tags.split(','),
        ...(entry.note !== undefined && { description: entry.note }),
        rasd: {
          entry: entry.id,
          bank: context.bank,
          ...(entry.org !== undefined && { org: entry.org }),
          ...(entry.category !== undefined && { category: entry.category }),
          source: entry.source,
        },
      };
      return { text: `${JSON.stringify(descriptor)}\n`, lost: [] };
    },
    end: () => '',
  };
}
