export type { JsonKey, JsonPath, JsonScanOptions, JsonStreamItem, Selection } from './json/json-stream.js';
export { streamJsonBatches, streamJsonValues } from './json/json-stream.js';
export { type JsonlOptions, readJsonl } from './jsonl/read-jsonl.js';
export { mediaRootOf, openSource, type SourceOptions } from './open-source.js';
export { readTelegramExport, type TelegramExportOptions } from './telegram/export/index.js';
