/**
 * PDQ images per second with decoding included, next to a baseline measured in the same run:
 * sharp decoding the same bytes to the same raw pixels and nothing else. The ratio is what
 * Rasd's limits, reference pipeline and hashing cost on top of the decode any hasher must do.
 * Inputs are the reference vectors from ../shared/testdata/pdq, read into memory first so disk
 * time is not measured: the 26 lossless PNGs (small, ≤ 1024 px) and the 12 bridge-mods JPEGs
 * (mostly 1600×1004 photos).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import sharp from 'sharp';
import { decodeImage, hashImage, pdqFromLuma } from '../src/detect/media/index.js';
import { referenceLuma } from '../src/detect/media/pdq/index.js';

export interface PdqCorpusFigures {
  images: number;
  rounds: number;
  /** decode with limits + reference pipeline + PDQ, one image at a time */
  rasdImagesPerSecond: number;
  /** sharp decode to raw pixels only */
  baselineImagesPerSecond: number;
  /** rasd / baseline: 1.0 would mean hashing costs nothing */
  ratio: number;
  /** decodeImage alone (header check + limited decode) */
  decodeImagesPerSecond: number;
  /** reference luma + PDQ from already-decoded pixels, no decoding */
  hashOnlyImagesPerSecond: number;
}

export interface PdqBenchResult extends PdqCorpusFigures {
  jpeg: PdqCorpusFigures;
}

function repoRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('bench/pdq: cannot find the repository root (no package.json above)');
    dir = parent;
  }
  return dir;
}

function readCorpus(vectorsDir: string, kind: 'lossless' | 'jpeg'): Buffer[] {
  if (kind === 'jpeg') {
    const dir = join(vectorsDir, 'bridge-mods');
    return readdirSync(dir)
      .filter((f) => f.endsWith('.jpg'))
      .sort()
      .map((f) => readFileSync(join(dir, f)));
  }
  const rows = readFileSync(join(vectorsDir, 'cpp_reference_hashes.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
  return rows
    .map((row) => row.split(','))
    .filter((cols) => cols[7] === 'lossless-png')
    .map((cols) => readFileSync(join(vectorsDir, cols[0]!)));
}

async function timed(images: Buffer[], rounds: number, run: (image: Buffer) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let r = 0; r < rounds; r++) for (const image of images) await run(image);
  return (images.length * rounds) / ((performance.now() - started) / 1000);
}

const baseline = (image: Buffer) => sharp(image).raw().toBuffer({ resolveWithObject: true });
const rasd = (image: Buffer) => hashImage(image);
const decodeOnly = (image: Buffer) => decodeImage(image);

async function benchCorpus(images: Buffer[], rounds: number): Promise<PdqCorpusFigures> {
  // Warm up sharp's caches and the JIT on both paths before timing anything.
  await timed(images, 1, baseline);
  await timed(images, 1, rasd);
  // Alternate short runs so a burst of load from other work hits both sides alike.
  const totals = { rasd: 0, baseline: 0, decode: 0 };
  for (let r = 0; r < rounds; r++) {
    totals.baseline += await timed(images, 1, baseline);
    totals.rasd += await timed(images, 1, rasd);
    totals.decode += await timed(images, 1, decodeOnly);
  }
  const decoded = await Promise.all(images.map((image) => decodeImage(image)));
  const started = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const image of decoded) {
      const prepared = referenceLuma(image.pixels, image.width, image.height, image.channels);
      pdqFromLuma(prepared.luma, prepared.width, prepared.height);
    }
  }
  const hashOnly = (decoded.length * rounds) / ((performance.now() - started) / 1000);
  const rasdPerSecond = totals.rasd / rounds;
  const baselinePerSecond = totals.baseline / rounds;
  return {
    images: images.length,
    rounds,
    rasdImagesPerSecond: rasdPerSecond,
    baselineImagesPerSecond: baselinePerSecond,
    ratio: rasdPerSecond / baselinePerSecond,
    decodeImagesPerSecond: totals.decode / rounds,
    hashOnlyImagesPerSecond: hashOnly,
  };
}

/**
 * Lossless PNG figures at the top level (decoder-independent inputs), JPEG photos under `jpeg`.
 * `rounds` passes over each corpus per side (default 10 and 3).
 */
export async function benchPdq(
  options: { rounds?: number; jpegRounds?: number; vectorsDir?: string } = {},
): Promise<PdqBenchResult> {
  const vectorsDir = options.vectorsDir ?? resolve(repoRoot(), '../shared/testdata/pdq');
  const lossless = await benchCorpus(readCorpus(vectorsDir, 'lossless'), options.rounds ?? 10);
  const jpeg = await benchCorpus(readCorpus(vectorsDir, 'jpeg'), options.jpegRounds ?? 3);
  return { ...lossless, jpeg };
}
