import { JsonScanner, type JsonScanOptions, type JsonStreamItem } from './json-scanner.js';

/**
 * Streams chosen values out of one large JSON document (a Telegram export can be gigabytes)
 * without holding it: bytes are scanned, and only the values the selector captures are sliced
 * out and given to `JSON.parse`. Hand-written rather than stream-json for performance:
 * stream-json builds a token per key, string and number and reassembles every message from
 * them, which measured 10 to 15 times slower on a 100,000-message export (about 7,000 against
 * 100,000 messages a second on the same machine), while we need well over 20,000 a second end
 * to end. It also says it is not designed for hostile input, and exports are exactly that.
 *
 * Errors are yielded as `{ path, error }`, never thrown: a captured value that is too large
 * (EXPORT_LIMIT_EXCEEDED) or not valid JSON (EXPORT_JSON_INVALID) is skipped and scanning goes
 * on; broken structure (EXPORT_JSON_INVALID) ends the stream; input that ends early ends with
 * EXPORT_TRUNCATED after everything complete before it.
 */

export type { JsonKey, JsonPath, JsonScanOptions, JsonStreamItem, Selection } from './json-scanner.js';
export { toPointer } from './json-scanner.js';

type Chunk = Uint8Array | string;

/** Bounds what one scan step holds, even when a caller hands over one huge buffer. */
const STEP_BYTES = 1 << 18;

function toBuffer(chunk: Chunk): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/**
 * Like `streamJsonValues`, but yields what each scan step completed as one array, so a caller
 * can work on a step's values together (for instance check their media files concurrently).
 * Empty steps are not yielded.
 */
export async function* streamJsonBatches(
  chunks: AsyncIterable<Chunk> | Iterable<Chunk>,
  options: JsonScanOptions,
): AsyncGenerator<JsonStreamItem[]> {
  const scanner = new JsonScanner(options);
  for await (const chunk of chunks) {
    const buf = toBuffer(chunk);
    for (let at = 0; at < buf.length; at += STEP_BYTES) {
      const done = scanner.feed(at === 0 && buf.length <= STEP_BYTES ? buf : buf.subarray(at, at + STEP_BYTES));
      if (done.length > 0) yield done;
      if (scanner.failed) return;
    }
  }
  const rest = scanner.finish();
  if (rest.length > 0) yield rest;
}

/**
 * Yields `{ path, value }` for every value whose path `select` captures, in document order.
 * Chunks may split the input anywhere; a producer must not reuse a chunk's memory after
 * handing it over (Node streams do not), since captured values spanning chunks keep slices.
 */
export async function* streamJsonValues(
  chunks: AsyncIterable<Chunk> | Iterable<Chunk>,
  options: JsonScanOptions,
): AsyncGenerator<JsonStreamItem> {
  for await (const batch of streamJsonBatches(chunks, options)) yield* batch;
}
