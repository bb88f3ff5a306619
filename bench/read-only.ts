import { createReadStream } from 'node:fs';
import pick from 'stream-json/filters/pick.js';
import streamArray from 'stream-json/streamers/stream-array.js';
import { streamJsonValues } from '../src/connectors/json/json-stream.js';

/** Messages per second for only pulling each message out of result.json as a JS value. */
export async function readWithRasdScanner(file: string): Promise<{ messages: number; seconds: number }> {
  const started = performance.now();
  let messages = 0;
  const select = (path: readonly (string | number)[]) =>
    path.length === 0 ? 'descend' : path[0] === 'messages' ? (path.length === 1 ? 'descend' : 'capture') : 'skip';
  for await (const entry of streamJsonValues(createReadStream(file, { highWaterMark: 1 << 18 }), {
    select,
    maxValueBytes: 1 << 24,
  })) {
    if ('value' in entry) messages++;
  }
  return { messages, seconds: (performance.now() - started) / 1000 };
}

/** The same with stream-json, a well-kept general streaming parser: the baseline. */
export async function readWithStreamJson(file: string): Promise<{ messages: number; seconds: number }> {
  const started = performance.now();
  let messages = 0;
  const source = createReadStream(file, { highWaterMark: 1 << 18 });
  const stream = source.pipe(pick.withParserAsStream({ filter: 'messages' })).pipe(streamArray.asStream());
  for await (const _ of stream) messages++;
  return { messages, seconds: (performance.now() - started) / 1000 };
}
