import type { BankSignalType } from '../../core/index.js';
import { type CsvRow, formatCsvRow } from './csv.js';
import {
  type ExchangeReader,
  type ExchangeWriter,
  type ExportContext,
  type ImportDefaults,
  RecordBuilder,
  text,
} from './exchange-record.js';
import { labelOf, labelValue, parseNote, withLabels } from './note-labels.js';
import { csvRecordReader, type RowResult } from './record-readers.js';
import { nameOfSignalType, signalTypeFromName } from './signal-type-names.js';
import { checkSignalValue } from './signal-value.js';

/**
 * `hma-csv`: the CSV that python-threatexchange writes for a collaboration
 * (`threatexchange dataset -P --csv`, "ideal for sending to another system"): a header row
 * `signal_type,signal_str,collab,category,tags`, signal types by their pytx names, `category`
 * the pytx opinion, `tags` space-separated. Rasd appends its own columns after those five;
 * readers that go by column name (Python's DictReader, pandas) ignore them.
 *
 * Also read, when the signal type is given: headerless HMA 1.0 data files
 * (`<privacy group>.hash_pdq.te`: `hash,indicator_id,descriptor_id,timestamp,tags`) and files
 * of one bare hash per line.
 */
export const PYTX_CSV_COLUMNS = ['signal_type', 'signal_str', 'collab', 'category', 'tags'] as const;
export const RASD_CSV_COLUMNS = ['note', 'org', 'rasd_category', 'source', 'added_at'] as const;
/** HMA 1.0 `.te` data file columns (no header row in the file). */
export const HMA_TE_DATAFILE_COLUMNS = ['hash', 'indicator_id', 'descriptor_id', 'timestamp', 'tags'] as const;
/** pytx `SignalOpinionCategory` names. */
export const PYTX_OPINIONS = ['POSITIVE_CLASS', 'INVESTIGATION_SEED', 'NEGATIVE_CLASS'] as const;

const OPINIONS = new Set<string>(PYTX_OPINIONS);

function tagsLabel(spaceSeparated: string | undefined): string | undefined {
  const tags = (spaceSeparated ?? '')
    .split(/\s+/)
    .map((t) => labelValue(t, true))
    .filter((t) => t !== undefined);
  return tags.length > 0 ? tags.join(',') : undefined;
}

function pytxRow(row: CsvRow, columns: Map<string, number>, defaults: ImportDefaults): RowResult {
  const get = (name: string): string | undefined => {
    const i = columns.get(name);
    return i === undefined ? undefined : row.fields[i];
  };
  const b = new RecordBuilder({ unit: 'line', n: row.line, line: row.line }, defaults);
  const typeName = text(get('signal_type'));
  const type = typeName === undefined ? undefined : signalTypeFromName('pytx', typeName);
  const opinion = text(get('category'))?.toUpperCase();
  if (typeName === undefined) b.reject('signal_type is empty — name the signal type, e.g. pdq or video_md5');
  else if (type === undefined)
    b.skip('unsupported-type', `signal type ${JSON.stringify(typeName)} has no Rasd equivalent`);
  else if (opinion === 'NEGATIVE_CLASS') {
    b.skip('not-positive', 'the pytx opinion is NEGATIVE_CLASS (a false positive or test signal), so it is not banked');
  } else if (opinion !== undefined && !OPINIONS.has(opinion)) {
    b.reject(
      `category ${JSON.stringify(opinion.slice(0, 40))} is not a pytx opinion (${PYTX_OPINIONS.join(', ')}); Rasd's own category goes in rasd_category`,
    );
  } else {
    const collab = labelValue(get('collab'));
    const note = withLabels(get('note'), [
      ['opinion', opinion === 'INVESTIGATION_SEED' ? opinion : undefined],
      ['tags', tagsLabel(get('tags'))],
    ]);
    const source = b.source([collab && `collab:${collab}`], get('source'));
    b.add(
      { signalType: type, value: get('signal_str'), org: get('org'), category: get('rasd_category'), note },
      source,
    );
  }
  return b.outcome();
}

function datafileRow(row: CsvRow, type: BankSignalType, defaults: ImportDefaults): RowResult {
  const b = new RecordBuilder({ unit: 'line', n: row.line, line: row.line }, defaults);
  const [hash, indicatorId] = row.fields;
  // HMA 1.0 files carry five columns; HMA-lite's carried four (no descriptor id).
  const tags = row.fields.length >= 5 ? row.fields[4] : row.fields.length === 4 ? row.fields[3] : undefined;
  const id = row.fields.length >= 2 ? labelValue(indicatorId) : undefined;
  const note = withLabels(undefined, [['tags', tagsLabel(tags)]]);
  b.add({ signalType: type, value: hash, note }, b.source([id && `threatexchange:indicator/${id}`]));
  return b.outcome();
}

/** A lone first field that is a word, not a value: the header of a bare-hash file. */
function looksLikeHeader(row: CsvRow, type: BankSignalType): boolean {
  const first = row.fields[0] ?? '';
  return /^[A-Za-z_ ]+$/.test(first.trim()) && 'error' in checkSignalValue(type, first);
}

export function readHmaCsv(defaults: ImportDefaults): ExchangeReader {
  let columns: Map<string, number> | 'datafile' | undefined;
  return csvRecordReader((row) => {
    if (columns === undefined) {
      const header = row.fields.map((f) => f.trim().toLowerCase());
      if (header.includes('signal_type') && header.includes('signal_str')) {
        columns = new Map(header.map((name, i) => [name, i]));
        return undefined;
      }
      const type = defaults.signalType;
      if (type === undefined) {
        return {
          fatal: `line ${row.line} is not the hma-csv header (${PYTX_CSV_COLUMNS.join(',')}); for a file of bare hashes or an HMA 1.0 .te data file, say which signal type they are (--type)`,
        };
      }
      columns = 'datafile';
      if (looksLikeHeader(row, type)) return undefined;
    }
    if (columns === 'datafile') return datafileRow(row, defaults.signalType!, defaults);
    return pytxRow(row, columns, defaults);
  });
}

export function writeHmaCsv(context: ExportContext): ExchangeWriter {
  return {
    begin: () => formatCsvRow([...PYTX_CSV_COLUMNS, ...RASD_CSV_COLUMNS]),
    write: (entry) => {
      const name = nameOfSignalType('pytx', entry.signalType) ?? (context.rasdTypes ? entry.signalType : undefined);
      if (name === undefined) return { skip: `HMA has no ${entry.signalType} signal type` };
      const { labels } = parseNote(entry.note);
      return {
        text: formatCsvRow([
          name,
          entry.value,
          context.bank,
          labelOf(labels, 'opinion') ?? 'POSITIVE_CLASS',
          (labelOf(labels, 'tags') ?? '').split(',').join(' '),
          entry.note ?? '',
          entry.org ?? '',
          entry.category ?? '',
          entry.source,
          entry.addedAt,
        ]),
        lost: [],
      };
    },
    end: () => '',
  };
}
