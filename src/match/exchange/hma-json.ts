import {
  type ExchangeReader,
  type ExchangeWriter,
  type ExportContext,
  type ImportDefaults,
  objectOf,
  type RecordAt,
  RecordBuilder,
  type RecordOutcome,
} from './exchange-record.js';
import { labelValue, withLabels } from './note-labels.js';
import { jsonRecordReader } from './record-readers.js';
import { nameOfSignalType, signalTypeFromName } from './signal-type-names.js';

/**
 * `hma-json`: HMA 2 (OpenMediaMatch) bank content as JSON, one object per line. Each object
 * has the shape of `GET /c/bank/<bank>/content/<id>?include_signals=true`
 * (`BankContentResponse`): `id`, `disable_until_ts`, `original_media_uri`,
 * `bank {name, matching_enabled_ratio}`, `signals {<pytx signal type>: <value>}`,
 * `metadata {content_id, content_uri, json, collab}`, `note`. The body that
 * `POST /c/bank/<bank>/signal` takes (`{"pdq": "…", "note": "…"}`) is read too, and a JSON
 * array or `{"contents": [...]}` of either. Rasd's own fields ride in `metadata.json.rasd`,
 * which HMA keeps as free user JSON.
 */

/** pytx `BankContentConfig`: 0 disabled, 1 enabled, else disabled until that epoch second. */
export const HMA_CONTENT_ENABLED = 1;
export const HMA_CONTENT_DISABLED = 0;

const CONTENT_KEYS = new Set(['id', 'disable_until_ts', 'original_media_uri', 'bank', 'signals', 'metadata', 'note']);

/** The `/c/bank/<bank>/signal` body: every key that names a signal type, besides `note`. */
function flatSignals(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record).filter(([key]) => !CONTENT_KEYS.has(key) && signalTypeFromName('pytx', key) !== undefined),
  );
}

function disabledUntil(value: unknown, now: number): number | undefined {
  if (typeof value !== 'number') return undefined;
  if (value === HMA_CONTENT_DISABLED || (value > HMA_CONTENT_ENABLED && value * 1000 > now)) return value;
  return undefined;
}

export function hmaJsonRecord(record: Record<string, unknown>, at: RecordAt, defaults: ImportDefaults): RecordOutcome {
  const b = new RecordBuilder(at, defaults);
  const signals = objectOf(record.signals) ?? flatSignals(record);
  const disabled = disabledUntil(record.disable_until_ts, (defaults.now ?? Date.now)());
  if (Object.keys(signals).length === 0) {
    b.reject(
      'has no signals — expected {"signals": {"pdq": "…"}} as HMA lists bank content, or {"pdq": "…"} as HMA adds signals',
    );
  } else if (disabled !== undefined) {
    b.skip('disabled', `HMA has this content disabled (disable_until_ts ${disabled}), so it is not banked`);
  } else {
    const metadata = objectOf(record.metadata);
    const rasd = objectOf(objectOf(metadata?.json)?.rasd);
    const id = labelValue(record.id);
    const bank = labelValue(objectOf(record.bank)?.name) ?? '?';
    const contentId = labelValue(metadata?.content_id);
    const collabs = Object.keys(objectOf(metadata?.collab) ?? {}).map((c) => `collab:${labelValue(c) ?? '?'}`);
    const source = b.source(
      [id && `hma:${bank}/${id}`, contentId && `content_id=${contentId}`, ...collabs],
      rasd?.source,
    );
    const note = withLabels(typeof record.note === 'string' ? record.note : undefined, []);
    for (const [name, value] of Object.entries(signals)) {
      const type = signalTypeFromName('pytx', name);
      if (type === undefined) b.skip('unsupported-type', `signal type ${JSON.stringify(name)} has no Rasd equivalent`);
      else b.add({ signalType: type, value, org: rasd?.org, category: rasd?.category, note }, source);
    }
  }
  return b.outcome();
}

export function readHmaJson(defaults: ImportDefaults): ExchangeReader {
  return jsonRecordReader((record, at) => hmaJsonRecord(record, at, defaults));
}

export function writeHmaJson(context: ExportContext): ExchangeWriter {
  let n = 0;
  return {
    begin: () => '',
    write: (entry) => {
      const name = nameOfSignalType('pytx', entry.signalType) ?? (context.rasdTypes ? entry.signalType : undefined);
      if (name === undefined) return { skip: `HMA has no ${entry.signalType} signal type` };
      n += 1;
      const content = {
        // HMA's ids are its database's; this is the entry's place in the file, and content_id is ours.
        id: n,
        disable_until_ts: HMA_CONTENT_ENABLED,
        original_media_uri: null,
        bank: { name: context.bank, matching_enabled_ratio: context.bankEnabled ? 1.0 : 0.0 },
        signals: { [name]: entry.value },
        metadata: {
          content_id: entry.id,
          json: {
            rasd: {
              ...(entry.org !== undefined && { org: entry.org }),
              ...(entry.category !== undefined && { category: entry.category }),
              source: entry.source,
              added_at: entry.addedAt,
            },
          },
        },
        ...(entry.note !== undefined && { note: entry.note }),
      };
      return { text: `${JSON.stringify(content)}\n`, lost: [] };
    },
    end: () => '',
  };
}
