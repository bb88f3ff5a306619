/**
 * One measured run in its own process, so peak memory (maxRSS) belongs to that run alone:
 *   node dist/bench/pipeline-child.js <streaming|naive|streaming-no-network> <result.json> <db>
 * `streaming` is Rasd's reader; `naive` is the obvious baseline — read the whole file,
 * JSON.parse it, then map and scan the same way — whose memory grows with the export.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createEmbeddedContext } from '../src/app/index.js';
import { loadConfig } from '../src/config/index.js';
import { messageRecords } from '../src/connectors/telegram/export/message.js';
import { newId, type SourceRecord } from '../src/core/index.js';
import { createLoggers } from '../src/logger.js';
import { type ScanSource, scanSources } from '../src/scan/index.js';

function naiveSource(file: string): ScanSource {
  return {
    name: file,
    async *open(): AsyncIterable<SourceRecord> {
      const root = JSON.parse(readFileSync(file, 'utf8')) as { id: number; name: string; messages: unknown[] };
      const dir = resolve(dirname(file));
      const ctx = {
        file,
        chat: { id: String(root.id), title: root.name, type: 'channel' as const },
        media: { dir, realDir: dir, statMedia: true },
      };
      for (const [index, raw] of root.messages.entries()) {
        const records = messageRecords(raw, index, ctx);
        yield* records instanceof Promise ? await records : records;
      }
    },
  };
}

async function main(): Promise<void> {
  const [variant, file, db] = process.argv.slice(2);
  if ((variant !== 'streaming' && variant !== 'naive' && variant !== 'streaming-no-network') || !file || !db)
    throw new Error('usage: pipeline-child <streaming|naive|streaming-no-network> <result.json> <db>');
  // `streaming-no-network`: the same reader with the channel network off the scan path
  // (`network.live: false`), which prices the live network (docs/network.md).
  const config = loadConfig({}, { db: { url: db }, network: { live: variant !== 'streaming-no-network' } });
  await using ctx = await createEmbeddedContext(config, {}, { log: createLoggers('silent') });
  const source = variant === 'naive' ? naiveSource(file) : ctx.source(file);
  const started = performance.now();
  const { summary } = await scanSources({
    sources: [source],
    scanner: ctx.scanner,
    store: ctx.store,
    runId: newId('run'),
    batchSize: config.scan.batchSize,
  });
  const seconds = (performance.now() - started) / 1000;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    `${JSON.stringify({ items: summary.items, violating: summary.violating, review: summary.review, errors: summary.errors.length, seconds, itemsPerSecond: summary.items / seconds, maxRssMb })}\n`,
  );
}

await main();
