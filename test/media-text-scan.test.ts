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
import { createLoggers } from '../src/logger.js';
import { scanSources, TEST_MARKER } from '../src/scan/index.js';
import { corruptJpeg } from '../src/scan/providers/fixtures/synthetic-images.js';
import { ARABIC_GREETING, textPdf, textPng } from '../src/scan/providers/fixtures/synthetic-text-media.js';

/**
 * Text inside media through the embedded preset and the shipped policy: a photo whose picture
 * (not its caption) shows Rasd's test marker is taken down like the marker in a message; a photo
 * of a greeting stays clear; a corrupt photo is a recorded failure and the scan goes on.
 */
describe('scanning an export with text inside its media', () => {
  const dirs: { remove(): void }[] = [];
  const contexts: AppContext[] = [];
  afterEach(async () => {
    for (const ctx of contexts.splice(0)) await ctx.close();
    for (const d of dirs.splice(0)) d.remove();
  });

  it('flags the photo and the PDF whose text holds the marker, keeps the greeting clear, reports the corrupt photo', async () => {
    const tmp = tempDir('rasd-media-text-scan-');
    dirs.push(tmp);
    const exportDir = join(tmp.dir, 'export');
    mkdirSync(exportDir);
    writeFile(
      exportDir,
      'photos/poster.png',
      await textPng([{ text: ARABIC_GREETING, rtl: true }, { text: TEST_MARKER }]),
    );
    writeFile(
      exportDir,
      'photos/greeting.png',
      await textPng([{ text: ARABIC_GREETING, rtl: true }, { text: 'Good morning' }]),
    );
    writeFile(exportDir, 'photos/broken.jpg', corruptJpeg());
    writeFile(exportDir, 'files/notes.pdf', textPdf(['Meeting notes', TEST_MARKER]));
    const doc = { file: 'files/notes.pdf', file_name: 'notes.pdf', mime_type: 'application/pdf' };
    writeExport(
      exportDir,
      chatExport([
        message(1, { photo: 'photos/poster.png', width: 1000, height: 340 }),
        message(2, { photo: 'photos/greeting.png', width: 1000, height: 340 }),
        message(3, { photo: 'photos/broken.jpg', width: 10, height: 10 }),
        message(4, doc),
        message(5),
      ]),
    );

    const config = loadConfig({}, { db: { url: await cliDatabase(join(tmp.dir, 'rasd.db')) } });
    // As createContext does: PostgreSQL for a postgres:// URL; the preset opens the SQLite file itself.
    const store = await openStore(config);
    const ctx = await createEmbeddedContext(config, {}, { log: createLoggers('silent'), ...(store && { store }) });
    contexts.push(ctx);
    const result = await scanSources({
      sources: [ctx.source(exportDir)],
      scanner: ctx.scanner,
      store: ctx.store,
      runId: newId('run'),
      batchSize: 10,
    });

    expect(result.summary.items).toBe(5);
    expect(result.summary.errors).toHaveLength(1);
    expect(result.summary.errors[0]?.message).toMatch(/^media-text: .*media 0 \(photos\/broken\.jpg\)/);

    const get = async (id: number) => {
      const assessment = await ctx.store.getAssessment(`telegram/1001/${id}/0`);
      if (assessment === undefined) throw new Error(`message ${id} was not assessed`);
      return assessment;
    };
    const poster = await get(1);
    expect(poster.verdict).toBe('violating');
    expect(poster.requestedActions).toContain('delete');
    const marker = poster.signals.find((s) => s.kind === 'test-marker');
    expect(marker?.extractedFrom).toEqual({ source: 'ocr', media: 0 });
    expect(marker?.evidence[0]).toMatchObject({ type: 'span', in: 'extracted' });

    expect((await get(2)).verdict).toBe('clear');
    expect((await get(2)).signals.some((s) => s.extractedFrom?.source === 'ocr')).toBe(true);
    expect((await get(3)).verdict).toBe('clear');
    const pdf = await get(4);
    expect(pdf.verdict).toBe('violating');
    expect(pdf.signals.find((s) => s.kind === 'test-marker')?.extractedFrom).toEqual({ source: 'pdf-text', media: 0 });
    const textOnly = await get(5);
    expect(textOnly.verdict).toBe('clear');
    expect(textOnly.signals.some((s) => s.extractedFrom)).toBe(false);
  });
});
