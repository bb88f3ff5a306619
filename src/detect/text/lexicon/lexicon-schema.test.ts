import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../core/index.js';
import { jsonPointer, type LexiconFile, loadLexicon, parseLexicon } from './lexicon-schema.js';

const SHIPPED = fileURLToPath(new URL('../../../../data/lexicon/organisations.json', import.meta.url));

function minimal(): LexiconFile {
  return {
    version: '2026.11.1',
    updated: '2026-11-29',
    sources: [{ id: 'un-1267', title: 'UN list', url: 'https://example.org/un', kind: 'sanctions-list' }],
    organisations: [
      {
        id: 'alpha',
        name: { en: 'Alpha Group' },
        ideology: 'other',
        designations: [{ source: 'un-1267' }],
        terms: [{ text: 'Alpha Group', lang: 'en', kind: 'name' }],
      },
      {
        id: 'beta',
        name: { en: 'Beta Front' },
        ideology: 'other',
        designations: [{ source: 'un-1267', ref: 'QDe.999' }],
        terms: [{ text: 'Beta Front', lang: 'en', kind: 'name' }],
      },
    ],
  };
}

function rejection(value: unknown): AppError {
  try {
    parseLexicon(value, 'test.json');
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected LEXICON_INVALID');
}

describe('shipped organisations.json', () => {
  const file = loadLexicon(SHIPPED);

  it('validates', () => {
    expect(file.version).toMatch(/^\d{4}\.\d{1,2}\.\d+$/);
    expect(file.organisations.length).toBeGreaterThanOrEqual(20);
  });

  it('covers the organisations the detector is expected to know', () => {
    const ids = new Set(file.organisations.map((o) => o.id));
    for (const id of [
      'al-qaida',
      'aqap',
      'aqim',
      'isil',
      'isil-k',
      'iswap',
      'boko-haram',
      'al-nusrah-front',
      'hts',
      'al-shabaab',
      'jemaah-islamiyah',
      'abu-sayyaf',
      'lashkar-e-tayyiba',
      'jaish-e-mohammed',
      'taliban',
      'hurras-al-din',
      'national-action',
      'sonnenkrieg-division',
      'atomwaffen-division',
      'the-base',
      'combat-18',
      'nordadler',
      'nordic-resistance-movement',
    ]) {
      expect(ids.has(id), id).toBe(true);
    }
  });

  it('gives every organisation an Arabic and an English term, or says why not', () => {
    for (const org of file.organisations) {
      for (const lang of ['ar', 'en']) {
        const has = org.terms.some((t) => t.lang === lang);
        const gap = org.languageGaps?.some((g) => g.lang === lang) ?? false;
        expect(has || gap, `${org.id} has no "${lang}" term and no languageGaps entry`).toBe(true);
        expect(has && gap, `${org.id} has both a "${lang}" term and a gap`).toBe(false);
      }
    }
  });

  it('gives media outlets where the jihadist organisations have them', () => {
    for (const id of ['al-qaida', 'aqap', 'aqim', 'isil', 'al-shabaab']) {
      const org = file.organisations.find((o) => o.id === id);
      const outlets = org?.terms.filter((t) => t.kind === 'media-outlet') ?? [];
      expect(
        outlets.some((t) => t.lang === 'ar'),
        id,
      ).toBe(true);
      expect(
        outlets.some((t) => t.lang === 'en'),
        id,
      ).toBe(true);
    }
  });

  it('uses UN permanent reference numbers only in their own format', () => {
    for (const org of file.organisations) {
      for (const d of org.designations) {
        if (d.source === 'un-1267' && d.ref !== undefined) expect(d.ref).toMatch(/^QDe\.\d{3}$/);
      }
    }
  });

  it('lists no generic words as terms', () => {
    const banned = [
      'jihad',
      'state',
      'caliphate',
      'mujahideen',
      'base',
      'الدولة',
      'الخلافة',
      'المجاهدين',
      'القاعدة',
      'الجهاد',
    ];
    for (const org of file.organisations) {
      for (const t of org.terms) expect(banned.includes(t.text.toLowerCase()), `${org.id}: ${t.text}`).toBe(false);
    }
  });
});

describe('parseLexicon', () => {
  it('accepts a minimal file', () => {
    expect(parseLexicon(minimal()).organisations).toHaveLength(2);
  });

  it('rejects duplicate organisation ids with a pointer to the second', () => {
    const file = minimal();
    (file.organisations[1] as { id: string }).id = 'alpha';
    const error = rejection(file);
    expect(error.code).toBe('LEXICON_INVALID');
    expect(error.pointer).toBe('/organisations/1/id');
    expect(error.message).toContain('duplicate organisation id');
  });

  it('rejects a designation that names an unknown source', () => {
    const file = minimal();
    file.organisations[1]?.designations.push({ source: 'us-fto' });
    const error = rejection(file);
    expect(error.code).toBe('LEXICON_INVALID');
    expect(error.pointer).toBe('/organisations/1/designations/1/source');
    expect(error.message).toContain('unknown source "us-fto"');
  });

  it('rejects duplicate source ids', () => {
    const file = minimal();
    file.sources.push({ ...file.sources[0]!, title: 'again' });
    expect(rejection(file).pointer).toBe('/sources/1/id');
  });

  it('rejects an organisation without terms', () => {
    const file = minimal();
    (file.organisations[0] as { terms: unknown[] }).terms = [];
    expect(rejection(file).pointer).toBe('/organisations/0/terms');
  });

  it('rejects empty, blank and punctuation-only term text', () => {
    for (const text of ['', '   ', ' Alpha', '--']) {
      const file = minimal();
      (file.organisations[0]!.terms[0] as { text: string }).text = text;
      expect(rejection(file).pointer, JSON.stringify(text)).toBe('/organisations/0/terms/0/text');
    }
  });

  it('rejects unknown keys, kinds and bad versions', () => {
    const extra = minimal() as unknown as { organisations: Record<string, unknown>[] };
    extra.organisations[0]!.colour = 'red';
    expect(rejection(extra).pointer).toBe('/organisations/0');

    const kind = minimal();
    (kind.organisations[0]!.terms[0] as { kind: string }).kind = 'slogan';
    expect(rejection(kind).pointer).toBe('/organisations/0/terms/0/kind');

    expect(rejection({ ...minimal(), version: 'v1' }).pointer).toBe('/version');
  });

  it('rejects a term that is also listed as excluded', () => {
    const file = minimal();
    file.organisations[0]!.excluded = [{ text: 'Alpha Group', lang: 'en', reason: 'x' }];
    expect(rejection(file).pointer).toBe('/organisations/0/excluded/0/text');
  });

  it('rejects a non-object with a root pointer', () => {
    const error = rejection([]);
    expect(error.pointer).toBe('/');
  });
});

describe('loadLexicon', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rasd-lexicon-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rejects a missing file', () => {
    expect(() => loadLexicon(join(dir, 'nope.json'))).toThrowError(/cannot read/);
  });

  it('rejects invalid JSON', () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, '{ "version": ');
    try {
      loadLexicon(path);
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).code).toBe('LEXICON_INVALID');
      expect((error as AppError).message).toContain('not valid JSON');
    }
  });

  it('reports the file and pointer of a schema problem', () => {
    const path = join(dir, 'dup.json');
    const file = minimal();
    (file.organisations[1] as { id: string }).id = 'alpha';
    writeFileSync(path, JSON.stringify(file));
    try {
      loadLexicon(path);
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).code).toBe('LEXICON_INVALID');
      expect((error as AppError).pointer).toBe('/organisations/1/id');
      expect((error as AppError).message).toContain(path);
    }
  });
});

describe('jsonPointer', () => {
  it('escapes ~ and /', () => {
    expect(jsonPointer(['a/b', 'c~d', 0])).toBe('/a~1b/c~0d/0');
  });
});
