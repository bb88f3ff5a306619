import type { CsvRow } from './csv.js';
import {
  type ExchangeReader,
  type ExchangeWriter,
  type ExportContext,
  type ImportDefaults,
  type RecordAt,
  RecordBuilder,
  type RecordOutcome,
  text,
} from './exchange-record.js';
import { labelOf, labelValue, parseNote, withLabels } from './note-labels.js';
import { csvRecordReader, jsonRecordReader, sniffingReader } from './record-readers.js';
import { nameOfSignalType, signalTypeFromName } from './signal-type-names.js';

/**
 * `tat`: the Tech Against Terrorism hash list (TCAP `api/hash-list/v2/all`), as pytx's
 * `TATHashListEntry` reads it: `hash_digest, algorithm, ideology, file_type, deleted,
 * updated_on, created_on, id`. Read from the API's page (`{count, next, previous, checkpoint,
 * results: [...]}`), a JSON array or JSON Lines of entries, or a CSV with those column names.
 * PDQ and MD5 are banked (any file type: Rasd's md5 is the file's, where pytx keeps only
 * videos); ideology and file type are kept as note labels; `deleted` entries are reported.
 */
export const TAT_FIELDS = [
  'hash_digest',
  'algorithm',
  'ideology',
  'file_type',
  'deleted',
  'updated_on',
  'created_on',
  'id',
] as const;
/** TAT's ideology values (pytx `TATIdeology`). */
export const TAT_IDEOLOGIES = ['islamist', 'far-right', 'all'] as const;

function deletedFlag(value: unknown): boolean | undefined {
  if (value === undefined || value === null || value === '' || value === false || value === 0) return false;
  if (value === true || value === 1) return true;
  const s = String(value).trim().toLowerCase();
  if (s === 'true' || s === '1') return true;
  if (s === 'false' || s === '0') return false;
  return undefined;
}

export function tatRecord(entry: Record<string, unknown>, at: RecordAt, defaults: ImportDefaults): RecordOutcome {
  const b = new RecordBuilder(at, defaults);
  const id = labelValue(entry.id);
  const deleted = deletedFlag(entry.deleted);
  const algorithm = text(entry.algorithm);
  const type = algorithm === undefined ? undefined : signalTypeFromName('tat', algorithm);
  if (deleted === undefined) {
    b.reject('deleted must be true or false — fix the field');
  } else if (deleted) {
    b.skip(
      'deleted',
      `TAT lists entry ${id ?? '(no id)'} as deleted, so it is not banked (a copy an earlier import added stays; remove it by hand)`,
    );
  } else if (algorithm === undefined) {
    b.reject('algorithm is empty — TAT entries say PDQ or MD5');
  } else if (type === undefined) {
    b.skip('unsupported-type', `TAT algorithm ${JSON.stringify(algorithm)} has no Rasd signal type (PDQ and MD5 do)`);
  } else {
    const note = withLabels(undefined, [
      ['ideology', labelValue(entry.ideology)],
      ['file_type', labelValue(entry.file_type)],
    ]);
    b.add({ signalType: type, value: entry.hash_digest, note }, b.source([id && `tat:${id}`]));
  }
  return b.outcome();
}

function readTatCsv(defaults: ImportDefaults): ExchangeReader {
  let columns: string[] | undefined;
  return csvRecordReader((row: CsvRow) => {
    if (columns === undefined) {
      columns = row.fields.map((f) => f.trim().toLowerCase());
      if (!columns.includes('hash_digest') || !columns.includes('algorithm')) {
        return { fatal: `line ${row.line} is not a TAT hash list header (${TAT_FIELDS.join(',')})` };
      }
      return undefined;
    }
    const entry = Object.fromEntries((columns ?? []).map((name, i) => [name, row.fields[i]]));
    return tatRecord(entry, { unit: 'line', n: row.line, line: row.line }, defaults);
  });
}

export function readTat(defaults: ImportDefaults): ExchangeReader {
  return sniffingReader(
    () => jsonRecordReader((entry, at) => tatRecord(entry, at, defaults), { containerKeys: ['results'] }),
    () => readTatCsv(defaults),
  );
}

/** The TAT id an entry was imported with (`tat:<id>` in its provenance), as TAT's number. */
function tatIdOf(source: string): number | null {
  const m = /(?:^| )tat:(\d+)(?= |$)/.exec(source);
  return m ? Number(m[1]) : null;
}

/**
 * One page of the API's shape, `results` first so it can stream; what TAT has no field for
 * (org, category, other note text) is reported as lost, since an extra key would break
 * `TATHashListEntry(**entry)`.
 */
export function writeTat(context: ExportContext): ExchangeWriter {
  let n = 0;
  return {
    begin: () => '{"results":[\n',
    write: (entry) => {
      const algorithm = nameOfSignalType('tat', entry.signalType) ?? (context.rasdTypes ? entry.signalType : undefined);
      if (algorithm === undefined) return { skip: `the TAT hash list has no ${entry.signalType} algorithm` };
      const { labels, text: noteText } = parseNote(entry.note);
      const ms = Date.parse(entry.addedAt);
      const item = {
        hash_digest: entry.value,
        algorithm,
        ideology: labelOf(labels, 'ideology') ?? null,
        file_type: labelOf(labels, 'file_type') ?? null,
        deleted: false,
        updated_on: Number.isFinite(ms) ? ms / 1000 : null,
        created_on: entry.addedAt,
        id: tatIdOf(entry.source),
      };
      const lost = [
        ...(entry.org !== undefined ? ['org'] : []),
        ...(entry.category !== undefined ? ['category'] : []),
        ...(noteText !== '' || labels.some(([k]) => k !== 'ideology' && k !== 'file_type') ? ['note'] : []),
      ];
      n += 1;
      return { text: `${n === 1 ? '' : ',\n'}${JSON.stringify(item)}`, lost };
    },
    end: () => `\n],"count":${n},"next":null,"previous":null,"checkpoint":""}\n`,
  };
}
