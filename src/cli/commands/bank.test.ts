import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { EN } from '../../match/fixtures/texts.js';
import { bankStoreOf, registerBank } from './bank.js';

const dir = mkdtempSync(join(tmpdir(), 'rasd-bank-cmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `rasd <args>` in-process and returns what it printed. */
async function rasd(args: string[]): Promise<string> {
  const program = new Command('rasd').exitOverride();
  registerBank(program);
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['node', 'rasd', ...args]);
  } finally {
    spy.mockRestore();
  }
  return out;
}

describe('rasd bank', () => {
  const db = join(dir, 'banks.db');

  it('creates, lists, fills, disables and enables a bank', async () => {
    expect(await rasd(['bank', 'list', '--db', db])).toMatch(/no banks yet/);
    expect(await rasd(['bank', 'create', 'DEMO_TEXT', '--description', 'fixture texts', '--db', db])).toBe(
      'created bank DEMO_TEXT\n',
    );
    const file = join(dir, 'rows.jsonl');
    const rows = [
      { id: 'r1', text: EN.weatherA, label: 'tvec', category: 'praise' },
      { id: 'r2', text: 'too short', label: 'tvec' },
    ];
    writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n'));
    const added = JSON.parse(await rasd(['bank', 'add-text', 'DEMO_TEXT', file, '--json', '--db', db]));
    expect(added).toMatchObject({ bank: 'DEMO_TEXT', rows: 2, added: 1, duplicates: 0, skipped: { 'too-short': 1 } });
    const human = await rasd(['bank', 'add-text', 'DEMO_TEXT', file, '--db', db]);
    expect(human).toContain(
      'DEMO_TEXT: 2 rows read from rows.jsonl, 0 added, 1 already in the bank, 1 skipped (too-short 1)',
    );
    expect(human).toContain('skipped rows.jsonl#r2: too-short');
    expect(human).not.toContain('weekend');
    expect(await rasd(['bank', 'disable', 'DEMO_TEXT', '--db', db])).toBe('DEMO_TEXT is disabled (version 3)\n');
    expect(await rasd(['bank', 'enable', 'DEMO_TEXT', '--db', db])).toBe('DEMO_TEXT is enabled (version 4)\n');
    const listed = JSON.parse(await rasd(['bank', 'list', '--json', '--db', db]));
    expect(listed).toEqual([expect.objectContaining({ name: 'DEMO_TEXT', entries: 1, version: 4, enabled: true })]);
    expect(await rasd(['bank', 'list', '--db', db])).toMatch(/DEMO_TEXT.*yes.*1.*4/);
  });

  it('creates the bank on request, and refuses bad names and unknown banks', async () => {
    const file = join(dir, 'one.jsonl');
    writeFileSync(file, `${JSON.stringify({ id: 1, text: EN.cookingA })}\n`);
    await expect(rasd(['bank', 'create', 'bad-name', '--db', db])).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await expect(rasd(['bank', 'add-text', 'NOT_THERE', file, '--db', db])).rejects.toThrow(
      /rasd bank create NOT_THERE/,
    );
    const out = JSON.parse(await rasd(['bank', 'add-text', 'NEW_BANK', file, '--create', '--json', '--db', db]));
    expect(out).toMatchObject({ bank: 'NEW_BANK', added: 1 });
  });

  it('says plainly when a store keeps no banks', () => {
    expect(() => bankStoreOf({ close: async () => {} })).toThrow(/keeps no banks/);
  });
});
