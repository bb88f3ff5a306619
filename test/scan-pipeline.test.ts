import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type AppContext, createEmbeddedContext, openStore } from '../src/app/index.js';
import { cliDatabase } from '../src/cli/testing/cli-database.js';
import { loadConfig } from '../src/config/index.js';
import { type ItemInput, itemSchema, newId, type SourceRecord } from '../src/core/index.js';
import { createLoggers } from '../src/logger.js';
import { type ScanSource, type SignalProvider, scanSources, testMarkerProvider } from '../src/scan/index.js';

const silent = createLoggers('silent');
const contexts: AppContext[] = [];

async function context(overrides: Parameters<typeof createEmbeddedContext>[2] = {}): Promise<AppContext> {
  const dir = mkdtempSync(join(tmpdir(), 'rasd-pipeline-'));
  const config = loadConfig({}, { db: { url: await cliDatabase(join(dir, 'rasd.db')) } });
  // As createContext does: PostgreSQL for a postgres:// URL; the preset opens the SQLite file itself.
  const store = await openStore(config);
  const ctx = await createEmbeddedContext(config, {}, { log: silent, ...(store && { store }), ...overrides });
  contexts.push(ctx);
  return ctx;
}

afterEach(async () => {
  for (const ctx of contexts.splice(0)) await ctx.close();
});

const item = (messageId: string, text: string, extra: Partial<ItemInput> = {}) =>
  itemSchema.parse({
    chat: { id: '-1001', title: 'Demo' },
    messageId,
    postedAt: '2024-11-02T10:00:00Z',
    text,
    ...extra,
  });

function source(name: string, records: SourceRecord[]): ScanSource {
  return {
    name,
    async *open() {
      yield* records;
    },
  };
}

const records = (): SourceRecord[] => [
  {
    type: 'channel',
    channel: {
      platform: 'telegram',
      id: '-1001',
      title: 'Demo',
      type: 'channel',
      firstSeenAt: '2024-11-02T10:00:00Z',
      lastSeenAt: '2024-11-02T10:00:00Z',
    },
  },
  { type: 'item', item: item('1', 'hello world'), record: 's#1' },
  { type: 'item', item: item('2', 'test RASD-TEST-MARKER:praise'), record: 's#2' },
  { type: 'item', item: item('3', 'test RASD-TEST-MARKER:recruitment:0.6'), record: 's#3' },
  { type: 'error', error: { record: 's#4', code: 'RECORD_INVALID', message: 'bad record' } },
  { type: 'item', item: item('3', 'edited RASD-TEST-MARKER:recruitment:0.6', { version: 1730545000 }), record: 's#5' },
  { type: 'item', item: item('1', 'hello world'), record: 's#6' },
  {
    type: 'channel-event',
    event: {
      platform: 'telegram',
      chatId: '-1001',
      messageId: '9',
      action: 'pin_message',
      at: '2024-11-02T10:00:00Z',
      details: { message_id: 2 },
    },
    record: 's#7',
  },
];

describe('scanSources on the embedded preset', () => {
  it('scans, judges, stores, opens cases and queues actions, and lists bad records', async () => {
    const ctx = await context();
    const runId = newId('run');
    const { summary, readableSources } = await scanSources({
      sources: [source('s', records())],
      scanner: ctx.scanner,
      store: ctx.store,
      runId,
      batchSize: 2,
    });
    expect(readableSources).toBe(1);
    expect(summary).toMatchObject({ items: 5, unchanged: 1, violating: 1, review: 2, clear: 2, channelEvents: 1 });
    expect(summary.byCategory).toEqual({ praise: 1, recruitment: 2 });
    expect(summary.errors).toEqual([{ record: 's#4', code: 'RECORD_INVALID', message: 'bad record' }]);

    const violating = await ctx.store.getAssessment('telegram/-1001/2/0');
    expect(violating).toMatchObject({ verdict: 'violating', requestedActions: ['delete'], rules: ['test-marker'] });
    expect(violating?.signals[0]?.evidence[0]).toMatchObject({ type: 'span', start: 5 });
    expect((await ctx.store.getAssessment('telegram/-1001/3/1730545000'))?.verdict).toBe('review');
    const cases = await ctx.store.listCases({ limit: 10 });
    expect(cases.rows.map((c) => c.itemKey).sort()).toEqual(['telegram/-1001/3/0', 'telegram/-1001/3/1730545000']);
    const actions = await ctx.store.listActions({ limit: 10 });
    expect(actions.rows).toEqual([
      expect.objectContaining({ itemKey: 'telegram/-1001/2/0', kind: 'delete', status: 'requested' }),
    ]);
    const run = await ctx.store.getRun(runId);
    expect(run).toMatchObject({ status: 'completed' });
    expect(await ctx.store.listRunErrors(runId, 10)).toHaveLength(1);
  });

  it('changes nothing when the same versions are scanned again', async () => {
    const ctx = await context();
    await scanSources({
      sources: [source('s', records())],
      scanner: ctx.scanner,
      store: ctx.store,
      runId: newId('run'),
      batchSize: 3,
    });
    const before = await ctx.store.listItems({ limit: 100 });
    const casesBefore = await ctx.store.listCases({ limit: 100 });
    const again = await scanSources({
      sources: [source('s', records())],
      scanner: ctx.scanner,
      store: ctx.store,
      runId: newId('run'),
      batchSize: 3,
    });
    expect(again.summary).toMatchObject({ items: 5, unchanged: 5, violating: 1, review: 2, clear: 2 });
    expect(await ctx.store.listItems({ limit: 100 })).toEqual(before);
    expect(await ctx.store.listCases({ limit: 100 })).toEqual(casesBefore);
    expect((await ctx.store.listActions({ limit: 100 })).rows).toHaveLength(1);
  });

  it('goes on past a source that cannot be opened and one provider that fails', async () => {
    const flaky: SignalProvider = {
      id: 'flaky',
      kinds: ['classifier'],
      version: '0',
      provide: () => {
        throw new Error('model not loaded');
      },
    };
    const ctx = await context({ providers: [testMarkerProvider, flaky] });
    const unreadable: ScanSource = {
      name: 'missing.jsonl',
      open: () => {
        throw Object.assign(new Error('ENOENT'), {});
      },
    };
    const { summary, readableSources } = await scanSources({
      sources: [unreadable, source('s', records().slice(0, 3))],
      scanner: ctx.scanner,
      store: ctx.store,
      runId: newId('run'),
      batchSize: 100,
    });
    expect(readableSources).toBe(1);
    expect(summary.items).toBe(2);
    expect(summary.errors[0]).toMatchObject({ record: 'missing.jsonl', code: 'SOURCE_UNREADABLE' });
    expect(summary.errors.filter((e) => e.code === 'PROVIDER_FAILED')).toHaveLength(2);
  });

  it('reports nothing readable when every source fails', async () => {
    const ctx = await context();
    const unreadable: ScanSource = {
      name: 'a',
      open: () => {
        throw new Error('nope');
      },
    };
    const result = await scanSources({
      sources: [unreadable],
      scanner: ctx.scanner,
      store: ctx.store,
      runId: newId('run'),
      batchSize: 10,
    });
    expect(result.readableSources).toBe(0);
    expect(result.summary.items).toBe(0);
  });
});
