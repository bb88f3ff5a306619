import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type AppContext, createEmbeddedContext, openStore } from '../src/app/index.js';
import { cliDatabase } from '../src/cli/testing/cli-database.js';
import { loadConfig } from '../src/config/index.js';
import {
  chatExport,
  message,
  tempDir,
  writeExport,
  writeFile,
} from '../src/connectors/telegram/export/fixtures/export-dir.js';
import { newId } from '../src/core/index.js';
import { hashImage } from '../src/detect/media/index.js';
import { createLoggers } from '../src/logger.js';
import { scanSources } from '../src/scan/index.js';
import { mirrored, patternPng, resizedJpeg } from '../src/scan/providers/fixtures/synthetic-images.js';

/**
 * The main job on media: a Telegram export whose photos are re-uploads of a banked picture is
 * scanned from another working directory, and the photos' relative paths are read from the
 * export's own folder.
 */
describe('scanning an export with banked media', () => {
  const dirs: { remove(): void }[] = [];
  const contexts: AppContext[] = [];
  afterEach(async () => {
    for (const ctx of contexts.splice(0)) await ctx.close();
    for (const d of dirs.splice(0)) d.remove();
  });

  it('matches a photo, its mirror and a smaller JPEG re-encode against a PDQ bank; an unrelated photo stays clear', async () => {
    const tmp = tempDir('rasd-media-scan-');
    dirs.push(tmp);
    const exportDir = join(tmp.dir, 'export');
    mkdirSync(exportDir);
    const original = await patternPng(7, 320, 288);
    writeFile(exportDir, 'photos/original.png', original);
    writeFile(exportDir, 'photos/mirror.png', await mirrored(original));
    writeFile(exportDir, 'photos/smaller.jpg', await resizedJpeg(original, 240, 80));
    writeFile(exportDir, 'photos/other.png', await patternPng(99, 320, 288));
    writeExport(
      exportDir,
      chatExport([
        message(1, { photo: 'photos/original.png', width: 320, height: 288 }),
        message(2, { photo: 'photos/mirror.png', width: 320, height: 288 }),
        message(3, { photo: 'photos/smaller.jpg', width: 240, height: 216 }),
        message(4, { photo: 'photos/other.png', width: 320, height: 288 }),
      ]),
    );

    const config = loadConfig({}, { db: { url: await cliDatabase(join(tmp.dir, 'rasd.db')) } });
    // As createContext does: PostgreSQL for a postgres:// URL; the preset opens the SQLite file itself.
    const store = await openStore(config);
    const ctx = await createEmbeddedContext(config, {}, { log: createLoggers('silent'), ...(store && { store }) });
    contexts.push(ctx);
    await ctx.store.createBank({ name: 'KNOWN_PHOTOS' });
    const banked = await hashImage(original);
    await ctx.store.addBankEntries('KNOWN_PHOTOS', [
      { signalType: 'pdq', value: banked.hash, source: 'test', addedBy: 'test', org: 'test-org' },
    ]);

    // The process runs elsewhere: relative media paths must not be read from here.
    const elsewhere = join(tmp.dir, 'elsewhere');
    mkdirSync(elsewhere);
    const cwd = process.cwd();
    process.chdir(elsewhere);
    try {
      const result = await scanSources({
        sources: [ctx.source(join('..', 'export'))],
        scanner: ctx.scanner,
        store: ctx.store,
        runId: newId('run'),
        batchSize: 10,
      });
      expect(result.summary.errors).toEqual([]);
    } finally {
      process.chdir(cwd);
    }

    const verdicts = new Map<string, { verdict: string; labels: string[]; evidence: string[] }>();
    for (const id of ['1', '2', '3', '4']) {
      const assessment = await ctx.store.getAssessment(`telegram/1001/${id}/0`);
      const matches = (assessment?.signals ?? []).filter((s) => s.provider === 'media-bank');
      verdicts.set(id, {
        verdict: assessment?.verdict ?? 'missing',
        labels: matches.map((s) => s.label ?? ''),
        evidence: matches.flatMap((s) => s.evidence.map((e) => JSON.stringify(e))),
      });
    }
    expect(verdicts.get('1')?.verdict).toBe('violating');
    expect(verdicts.get('1')?.labels).toContain('pdq');
    expect(verdicts.get('2')?.verdict).not.toBe('clear');
    expect(verdicts.get('2')?.evidence.join(' ')).toMatch(/flip/);
    expect(verdicts.get('3')?.verdict).not.toBe('clear');
    expect(verdicts.get('4')).toEqual({ verdict: 'clear', labels: [], evidence: [] });
  });
});
