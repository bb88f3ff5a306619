import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Where the shared reference data lives: next to the repository, never inside it. For tests only. */
const repoRoot = resolve(import.meta.dirname, '../../../..');
export const TESTDATA = resolve(repoRoot, '../shared/testdata');
export const VPDQ_HASHES = resolve(TESTDATA, 'vpdq/sample-hashes');
export const SAMPLE_VIDEOS = resolve(TESTDATA, 'tmk/sample-videos');

/** Every reference vPDQ hash file (native and -128x128), by name without `.txt`. */
export function referenceHashNames(): string[] {
  return readdirSync(VPDQ_HASHES)
    .filter((name) => name.endsWith('.txt'))
    .map((name) => name.slice(0, -'.txt'.length))
    .sort();
}

export function readReferenceText(name: string): string {
  return readFileSync(resolve(VPDQ_HASHES, `${name}.txt`), 'utf8');
}
