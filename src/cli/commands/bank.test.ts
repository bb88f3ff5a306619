import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeMd5, fakePdq } from '../../match/exchange/fixtures/fake-hashes.js';
import { EN } from '../../match/fixtures/texts.js';
import { cliDatabase } from '../testing/cli-database.js';
import { bankStoreOf, registerBank } from './bank.js';

const dir = mkdtempSync(join(tmpdir(), 'rasd-bank-cmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `rasd <args>` in-process and returns what it printed. */
async function rasd(args: string[]): Promise<string> {
  return (await rasdStreams(args)).out;
}

/** Runs `rasd <args>` in-process; `err` is what went to standard error. */
async function rasdStreams(
  args: string[],
  capture?: { out: string; err: string },
): Promise<{ out: string; err: string }> {
  const program = new Command('rasd').exitOverride();
  registerBank(program);
  const printed = capture ?? { out: '', err: '' };
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed.out += String(chunk);
    return true;
  });
  const errSpy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed.err += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['node', 'rasd', ...args]);
  } finally {
    spy.mockRestore();
    errSpy.mockRestore();
  }
  return printed;
}

describe('rasd bank', () => {
  let db: string;
  beforeAll(async () => {
    db = await cliDatabase(join(dir, 'banks.db'));
  });

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

describe('rasd bank add, import and export', () => {
  let db: string;
  beforeAll(async () => {
    db = await cliDatabase(join(dir, 'exchange.db'));
  });

  it('adds hashes directly, lower-cased, and fails naming the values it refused', async () => {
    const out = await rasd([
      'bank',
      'add',
      'MEDIA',
      '--create',
      '--type',
      'pdq',
      fakePdq(1).toUpperCase(),
      fakePdq(2),
      '--category',
      'branded',
      '--note',
      'from an analyst',
      '--db',
      db,
    ]);
    expect(out).toBe('MEDIA: 2 values, 2 added, 0 already in the bank, 0 rejected\n');
    const printed = { out: '', err: '' };
    await expect(
      rasdStreams(['bank', 'add', 'MEDIA', '--type', 'md5', fakeMd5(1), fakePdq(3), '--db', db], printed),
    ).rejects.toMatchObject({ code: 'INPUT_INVALID', message: expect.stringMatching(/1 of 2 values were rejected/) });
    expect(printed.out).toContain('MEDIA: 2 values, 1 added, 0 already in the bank, 1 rejected');
    expect(printed.out).toContain(
      '  rejected value 2: an MD5 is 128 bits: 32 hexadecimal characters; got 64 characters',
    );
    await expect(rasd(['bank', 'add', 'MEDIA', fakePdq(4), '--db', db])).rejects.toThrow(/--type/);
  });

  it('imports a TAT list, reporting deleted entries, then exports and re-imports it with nothing doubled', async () => {
    const tat = join(dir, 'tat.json');
    writeFileSync(
      tat,
      JSON.stringify({
        count: 3,
        next: null,
        previous: null,
        checkpoint: '1,3',
        results: [
          {
            hash_digest: fakePdq('t1'),
            algorithm: 'PDQ',
            ideology: 'islamist',
            file_type: 'png',
            deleted: false,
            updated_on: 1,
            created_on: '2025-01-01T00:00:00',
            id: 1,
          },
          {
            hash_digest: fakeMd5('t2'),
            algorithm: 'MD5',
            ideology: 'far-right',
            file_type: 'mp4',
            deleted: false,
            updated_on: 2,
            created_on: '2025-01-01T00:00:00',
            id: 2,
          },
          {
            hash_digest: fakePdq('t3'),
            algorithm: 'PDQ',
            ideology: 'all',
            file_type: 'jpg',
            deleted: true,
            updated_on: 3,
            created_on: '2025-01-01T00:00:00',
            id: 3,
          },
        ],
      }),
    );
    const imported = await rasd(['bank', 'import', 'TAT_LIST', tat, '--format', 'tat', '--create', '--db', db]);
    expect(imported).toBe(
      'TAT_LIST: 3 records read from tat.json (tat), 2 added, 0 already in the bank, 1 skipped (deleted 1), 0 rejected\n' +
        '  skipped tat.json record 3 (line 1): TAT lists entry 3 as deleted, so it is not banked (a copy an earlier import added stays; remove it by hand)\n',
    );

    const out = join(dir, 'tat-list.csv');
    const summary = await rasd(['bank', 'export', 'TAT_LIST', '--out', out, '--db', db]);
    expect(summary).toBe(`TAT_LIST: 2 entries written as hma-csv to ${out}\n`);
    const csv = readFileSync(out, 'utf8');
    expect(csv.split('\r\n')[0]).toBe(
      'signal_type,signal_str,collab,category,tags,note,org,rasd_category,source,added_at',
    );
    expect(csv).toContain(
      `video_md5,${fakeMd5('t2')},TAT_LIST,POSITIVE_CLASS,,ideology=far-right file_type=mp4,,,tat.json#2 tat:2,`,
    );

    const again = JSON.parse(
      await rasd(['bank', 'import', 'TAT_LIST', out, '--format', 'hma-csv', '--json', '--db', db]),
    );
    expect(again).toMatchObject({ records: 2, added: 0, duplicates: 2, rejected: 0 });
  });

  it('exports to standard output with the summary on standard error', async () => {
    const { out, err } = await rasdStreams(['bank', 'export', 'MEDIA', '--format', 'threatexchange', '--db', db]);
    const lines = out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.type, l.raw_indicator, l.rasd.category])).toEqual([
      ['HASH_PDQ', fakePdq(1), 'branded'],
      ['HASH_PDQ', fakePdq(2), 'branded'],
      ['HASH_MD5', fakeMd5(1), undefined],
    ]);
    // The log line goes to standard error too; the summary is a line of its own there.
    expect(err.split('\n')).toContain('MEDIA: 3 entries written as threatexchange');
  });

  it('takes the signal type of an HMA 1.0 .te file from its name', async () => {
    const te = join(dir, '1234.hash_pdq.te');
    writeFileSync(te, `${fakePdq('te1')},111,000,2021-05-07T18:07:52+0000,media_type_photo\n`);
    const out = JSON.parse(
      await rasd(['bank', 'import', 'TE_DATA', te, '--format', 'hma-csv', '--create', '--json', '--db', db]),
    );
    expect(out).toMatchObject({ added: 1, rejected: 0 });
    const { out: exported } = await rasdStreams(['bank', 'export', 'TE_DATA', '--format', 'hma-json', '--db', db]);
    expect(JSON.parse(exported)).toMatchObject({
      signals: { pdq: fakePdq('te1') },
      note: 'tags=media_type_photo',
      metadata: { json: { rasd: { source: '1234.hash_pdq.te#1 threatexchange:indicator/111' } } },
    });
  });

  it('fails, after saying what it read, when the file is not in the format named', async () => {
    const wrong = join(dir, 'wrong.csv');
    writeFileSync(wrong, `hash,kind\n${fakePdq(1)},pdq\n`);
    const printed = { out: '', err: '' };
    await expect(
      rasdStreams(['bank', 'import', 'MEDIA', wrong, '--format', 'tat', '--db', db], printed),
    ).rejects.toMatchObject({
      code: 'SOURCE_FORMAT_UNKNOWN',
      message: expect.stringMatching(/not a TAT hash list header/),
    });
    expect(printed.out).toContain('MEDIA: 0 records read from wrong.csv (tat)');
    await expect(rasd(['bank', 'import', 'MEDIA', wrong, '--db', db])).rejects.toThrow(/--format/);
    await expect(rasd(['bank', 'export', 'MEDIA', '--type', 'pdq,bogus', '--db', db])).rejects.toThrow(
      /unknown signal type bogus/,
    );
    await expect(rasd(['bank', 'import', 'MEDIA', wrong, '--format', 'csv', '--db', db])).rejects.toThrow(/csv/);
  });
});
