import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENV_VARIABLES } from '../src/config/env.js';
import { ERROR_CODES } from '../src/core/errors.js';

/** Docs that tests keep true: the config table, the error table, and every repo path they name. */
const ROOT = resolve(import.meta.dirname, '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

function tableColumn(markdown: string, pattern: RegExp): string[] {
  return [...markdown.matchAll(pattern)].map((m) => m[1] as string);
}

describe('docs', () => {
  it('docs/config.md lists exactly the variables readEnv() reads', () => {
    const documented = tableColumn(read('docs/config.md'), /^\| `(RASD_[A-Z_]+)` \|/gm);
    expect([...documented].sort()).toEqual([...ENV_VARIABLES].sort());
  });

  it('docs/errors.md lists exactly the error codes, with their status', () => {
    const rows = [...read('docs/errors.md').matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \| (yes|no) \|/gm)];
    const documented = Object.fromEntries(rows.map((m) => [m[1], { status: Number(m[2]), retryable: m[3] === 'yes' }]));
    const actual = Object.fromEntries(
      Object.entries(ERROR_CODES).map(([code, spec]) => [code, { status: spec.status, retryable: spec.retryable }]),
    );
    expect(documented).toEqual(actual);
  });

  it('every repo path a doc links to exists', () => {
    const docs = [
      'README.md',
      ...readdirSync(join(ROOT, 'docs'), { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('.md'))
        .map((f) => `docs/${f}`),
    ];
    const missing: string[] = [];
    for (const doc of docs) {
      const base = doc.includes('/') ? resolve(ROOT, doc, '..') : ROOT;
      for (const m of read(doc).matchAll(/\]\((?!https?:|#|mailto:)([^)#\s]+)(?:#[^)]*)?\)/g)) {
        const target = m[1] as string;
        if (!existsSync(resolve(base, target))) missing.push(`${doc} → ${target}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
