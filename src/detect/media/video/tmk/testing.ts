import { readdirSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { readTmk, type TmkHash } from './tmk-format.js';

// Test helpers only (excluded from the build): where Meta's TMK reference vectors live.
const repoRoot = resolve(import.meta.dirname, '../../../../..');
export const TMK_TESTDATA = resolve(repoRoot, '../shared/testdata/tmk');

/** Reference `.tmk` files by name without extension (the local padded-dimensions one included). */
export function referenceTmkFiles(): Map<string, string> {
  const dir = resolve(TMK_TESTDATA, 'sample-hashes');
  const files = new Map<string, string>();
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.tmk'))
    .sort()) {
    files.set(basename(name, '.tmk'), resolve(dir, name));
  }
  files.set(
    'test-padded-dimensions',
    resolve(TMK_TESTDATA, 'sample-hashes-local-generated-test-padded-dimensions.tmk'),
  );
  return files;
}

const cache = new Map<string, TmkHash>();

/** Parsed reference hash by video name, e.g. `chair-19-sd-bar`. */
export function referenceTmk(name: string): TmkHash {
  let hash = cache.get(name);
  if (!hash) {
    const path = referenceTmkFiles().get(name);
    if (!path) throw new Error(`no reference .tmk for ${name}`);
    hash = readTmk(readFileSync(path));
    cache.set(name, hash);
  }
  return hash;
}

/** Sample video path by name, e.g. `chair-19-sd-bar` → …/sample-videos/chair-19-sd-bar.mp4. */
export function sampleVideo(name: string): string {
  return resolve(TMK_TESTDATA, 'sample-videos', `${name}.mp4`);
}
