import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fileHashes } from '../../detect/media/file-hashes.js';
import { hashImage } from '../../detect/media/pdq/index.js';
import { corruptJpeg, mirrored, patternPng, resizedJpeg } from '../../scan/providers/fixtures/synthetic-images.js';
import { cliDatabase, openTestStore } from '../testing/cli-database.js';
import { registerMatch } from './match.js';

const dir = mkdtempSync(join(tmpdir(), 'rasd-match-cmd-'));
const file = (name: string) => join(dir, name);
let db: string;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  db = await cliDatabase(file('banks.db'));
  const png = await patternPng(41, 320, 288);
  writeFileSync(file('banked.png'), png);
  writeFileSync(file('mirror.png'), await mirrored(png));
  writeFileSync(file('smaller.jpg'), await resizedJpeg(png, 220, 65));
  writeFileSync(file('unrelated.png'), await patternPng(42, 320, 288));
  writeFileSync(file('broken.jpg'), corruptJpeg());
  writeFileSync(file('leaflet.txt'), 'a made-up banked file');
  const store = await openTestStore(db);
  try {
    await store.createBank({ name: 'DEMO_MEDIA' });
    const by = { source: 'test', addedBy: 'test' };
    await store.addBankEntries('DEMO_MEDIA', [
      { signalType: 'pdq', value: (await hashImage(png)).hash, org: 'demo-org', category: 'branded', ...by },
      { signalType: 'sha256', value: (await fileHashes(file('leaflet.txt'))).sha256, ...by },
    ]);
  } finally {
    await store.close();
  }
});

async function rasd(args: string[]): Promise<{ out: string; error?: Error }> {
  const program = new Command('rasd').exitOverride();
  registerMatch(program);
  let out = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await program.parseAsync(['node', 'rasd', 'match', ...args, '--db', db]);
    return { out };
  } catch (error) {
    return { out, error: error as Error };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

const lines = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { file: string; matches: unknown[] });

describe('rasd match', () => {
  it('finds the banked picture, its mirror and a smaller JPEG, and nothing for another picture', async () => {
    const names = ['banked.png', 'mirror.png', 'smaller.jpg', 'unrelated.png', 'leaflet.txt'];
    const r = await rasd([...names.map(file), '--json']);
    expect(r.error).toBeUndefined();
    const [banked, mirror, smaller, unrelated, leaflet] = lines(r.out);
    expect(banked?.matches).toEqual([
      {
        bank: 'DEMO_MEDIA',
        entry: expect.stringMatching(/^be_/),
        signalType: 'pdq',
        distance: 0,
        score: 1,
        form: 'orig',
        org: 'demo-org',
        category: 'branded',
      },
    ]);
    expect(mirror?.matches).toEqual([expect.objectContaining({ form: 'flipy', signalType: 'pdq' })]);
    expect(smaller?.matches).toEqual([expect.objectContaining({ form: 'orig', distance: expect.any(Number) })]);
    expect(unrelated?.matches).toEqual([]);
    expect(leaflet?.matches).toEqual([expect.objectContaining({ signalType: 'sha256', distance: 0, score: 1 })]);
  });

  it('prints a line per file, and fails at the end when a file could not be read', async () => {
    const r = await rasd([file('broken.jpg'), file('mirror.png'), file('unrelated.png')]);
    expect(r.error?.message).toMatch(/1 of 3 files could not be matched/);
    expect(r.out).toContain(`${file('mirror.png')}: 1 match\n  DEMO_MEDIA be_`);
    expect(r.out).toMatch(/pdq distance \d+ as flipy score [\d.]+ \(demo-org, branded\)/);
    expect(r.out).toContain(`${file('unrelated.png')}: no match\n`);
  });
});
