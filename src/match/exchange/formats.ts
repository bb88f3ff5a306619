import type { ExchangeReader, ExchangeWriter, ExportContext, ImportDefaults } from './exchange-record.js';
import { readHmaCsv, writeHmaCsv } from './hma-csv.js';
import { readHmaJson, writeHmaJson } from './hma-json.js';
import { readTat, writeTat } from './tat-hash-list.js';
import { readThreatExchange, writeThreatExchange } from './threatexchange-json.js';

/**
 * The bank exchange formats, each registered once with its reader and writer, so the CLI's
 * choices, the docs and the code come from one list.
 */
export const EXCHANGE_FORMATS = {
  'hma-csv': { title: 'python-threatexchange / HMA signal CSV', read: readHmaCsv, write: writeHmaCsv },
  'hma-json': { title: 'HMA bank content, JSON Lines', read: readHmaJson, write: writeHmaJson },
  threatexchange: { title: 'ThreatExchange descriptors', read: readThreatExchange, write: writeThreatExchange },
  tat: { title: 'Tech Against Terrorism hash list', read: readTat, write: writeTat },
} as const satisfies Record<
  string,
  {
    title: string;
    read: (defaults: ImportDefaults) => ExchangeReader;
    write: (context: ExportContext) => ExchangeWriter;
  }
>;

export type ExchangeFormat = keyof typeof EXCHANGE_FORMATS;
export const EXCHANGE_FORMAT_NAMES = Object.keys(EXCHANGE_FORMATS) as ExchangeFormat[];

export function isExchangeFormat(name: string): name is ExchangeFormat {
  return Object.hasOwn(EXCHANGE_FORMATS, name);
}

export function createExchangeReader(format: ExchangeFormat, defaults: ImportDefaults): ExchangeReader {
  return EXCHANGE_FORMATS[format].read(defaults);
}

export function createExchangeWriter(format: ExchangeFormat, context: ExportContext): ExchangeWriter {
  return EXCHANGE_FORMATS[format].write(context);
}
