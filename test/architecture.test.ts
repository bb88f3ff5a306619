import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Keeps the plan in ARCHITECTURE.md true: lower floors never import higher ones, detection is a
 * pure library, only app/ picks adapters. Each rule says why and what to do instead.
 */
const SRC = resolve(import.meta.dirname, '..', 'src');

type Room = string;
const PORTS = new Set(['storage/ports', 'storage/index', 'bus/ports', 'bus/index']);

interface RoomRule {
  may: Room[];
  why: string;
}

const RULES: Record<Room, RoomRule> = {
  core: { may: ['core'], why: 'core is floor 0: pure domain types that everything else builds on' },
  config: { may: ['core', 'config'], why: 'config is read once and validated; it depends only on core' },
  detect: { may: ['core', 'detect'], why: 'detection is a pure library: no storage, no network, no app wiring' },
  match: { may: ['core', 'detect', 'match'], why: 'matching is a pure library; it may use detect types only' },
  analysis: { may: ['core', 'detect', 'match', 'analysis'], why: 'analysis is a library over core, detect and match' },
  scan: {
    may: ['core', 'detect', 'match', 'analysis', 'scan', 'ports', 'logger'],
    why: 'scan works through ports; only app/ picks adapters',
  },
  review: {
    may: ['core', 'scan', 'review', 'ports', 'logger'],
    why: 'review works through ports; only app/ picks adapters',
  },
  actions: {
    may: ['core', 'actions', 'ports', 'logger'],
    why: 'actions leave through the outbox port; only app/ picks adapters',
  },
  reports: { may: ['core', 'reports', 'ports'], why: 'reports read through the ReportStore port' },
  storage: {
    may: ['core', 'storage', 'ports'],
    why: 'a storage adapter implements ports; it never reaches into domain rooms',
  },
  bus: { may: ['core', 'bus', 'ports'], why: 'a bus adapter implements the Bus port' },
  connectors: {
    may: ['core', 'connectors', 'ports'],
    why: 'connectors map platforms to Items; they do not know scan or storage',
  },
  logger: { may: [], why: 'the logger is a leaf' },
  app: {
    may: [
      'core',
      'config',
      'detect',
      'match',
      'analysis',
      'scan',
      'review',
      'actions',
      'reports',
      'storage',
      'bus',
      'connectors',
      'ports',
      'logger',
      'app',
    ],
    why: 'app is the composition root',
  },
  http: {
    may: ['core', 'detect', 'match', 'scan', 'review', 'actions', 'reports', 'app', 'http', 'ports'],
    why: 'http speaks to users through app; adapters and config come from the context',
  },
  cli: {
    may: ['core', 'detect', 'match', 'scan', 'review', 'actions', 'reports', 'app', 'http', 'cli', 'ports'],
    why: 'the CLI goes through app; adapters and config come from the context',
  },
};

function roomOf(file: string): Room {
  const rel = relative(SRC, file).replaceAll('\\', '/').replace(/\.ts$/, '');
  for (const port of PORTS) if (rel === port) return 'ports';
  return rel.split('/')[0] === 'logger' ? 'logger' : (rel.split('/')[0] as string);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !/\.(test|contract)\.ts$/.test(entry.name) ? [path] : [];
  });
}

function importsOf(file: string): { spec: string; typeOnly: boolean }[] {
  const text = readFileSync(file, 'utf8');
  const found: { spec: string; typeOnly: boolean }[] = [];
  const pattern =
    /(?:^|\n)\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of text.matchAll(pattern)) {
    const spec = m[3] ?? m[4];
    if (spec) found.push({ spec, typeOnly: Boolean(m[2]) });
  }
  return found;
}

const files = sourceFiles(SRC);

describe('architecture', () => {
  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('every room is known to the rules', () => {
    const unknown = [...new Set(files.map(roomOf))].filter((room) => room !== 'ports' && !RULES[room]);
    expect(unknown, 'add a rule for each new room in test/architecture.test.ts and ARCHITECTURE.md').toEqual([]);
  });

  it('imports follow the floors of the house', () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = roomOf(file);
      const rule = RULES[from];
      if (!rule) continue;
      for (const { spec } of importsOf(file)) {
        if (!spec.startsWith('.')) continue;
        const target = roomOf(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
        if (target === from || rule.may.includes(target)) continue;
        violations.push(`${relative(SRC, file)} imports ${spec} (${target}): ${rule.why}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('detection rooms use no network, storage, processes or environment', () => {
    const forbidden =
      /from\s+['"](node:(http|https|net|dgram|child_process)|better-sqlite3|pg|fastify)['"]|process\.env/;
    const offenders = files
      .filter((f) => ['detect', 'match'].includes(roomOf(f)) && !relative(SRC, f).includes('/native/'))
      .filter((f) => forbidden.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f));
    expect(offenders, 'detect/ and match/ are a pure library; spawn only from detect/media/native/').toEqual([]);
  });

  it('only config/env.ts reads process.env', () => {
    const readers = files.filter((f) => /process\.env\b/.test(readFileSync(f, 'utf8'))).map((f) => relative(SRC, f));
    expect(readers, 'read RASD_* variables through config/env.ts readEnv()').toEqual(['config/env.ts']);
  });

  it('only storage/ speaks SQL drivers and only app/ picks adapters', () => {
    const drivers = files
      .filter((f) => /from\s+['"](better-sqlite3|pg)['"]/.test(readFileSync(f, 'utf8')))
      .map((f) => roomOf(f));
    expect(new Set(drivers)).toEqual(new Set(drivers.length ? ['storage'] : []));
    const adapterImporters = files
      .filter((f) => importsOf(f).some(({ spec }) => /storage\/(sqlite|postgres)\/|bus\/(memory|nats)\//.test(spec)))
      .map((f) => roomOf(f))
      .filter((room) => room !== 'app' && room !== 'storage' && room !== 'bus');
    expect(adapterImporters, 'import adapters only in app/ (the composition root)').toEqual([]);
  });

  it('files stay small (≤ 400 lines)', () => {
    const large = files
      .map((f) => ({ f: relative(SRC, f), n: readFileSync(f, 'utf8').trimEnd().split('\n').length }))
      .filter(({ f, n }) => n > 400 && !f.includes('/migrations/'));
    expect(large).toEqual([]);
  });
});
