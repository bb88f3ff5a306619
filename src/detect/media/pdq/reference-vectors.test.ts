/**
 * Meta's C++ reference output (`pdq-photo-hasher --details` and `--pdqdih`) for the images in
 * ../shared/testdata/pdq. Lossless PNGs must match bit for bit with the same quality; JPEGs may
 * drift with the decoder (Meta's own bar: ≤ 10 bits at quality ≥ 80).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIHEDRAL_NAMES, type DihedralName } from './dihedral.js';
import { hashImage, hashImageDihedral } from './hash-image.js';
import { pdqHammingDistance, pdqHashNorm } from './hex.js';

const repoRoot = resolve(import.meta.dirname, '../../../..');
const vectors = resolve(repoRoot, '../shared/testdata/pdq');

interface Row {
  file: string;
  width: number;
  height: number;
  hash: string;
  quality: number;
  norm: number;
  kind: string;
}

function readRows(): Row[] {
  const [header, ...lines] = readFileSync(resolve(vectors, 'cpp_reference_hashes.csv'), 'utf8').trim().split(/\r?\n/);
  expect(header).toBe('file,width,height,channels,pdq_hash_hex,quality,hash_norm,input_kind');
  return lines.map((line) => {
    const [file, width, height, , hash, quality, norm, kind] = line.split(',');
    return {
      file: file!,
      width: Number(width),
      height: Number(height),
      hash: hash!,
      quality: Number(quality),
      norm: Number(norm),
      kind: kind!,
    };
  });
}

const rows = readRows();
const lossless = rows.filter((r) => r.kind === 'lossless-png');
const others = rows.filter((r) => r.kind !== 'lossless-png');

describe('PDQ against the C++ reference', () => {
  it('has the published vectors (26 lossless PNGs, 35 original files)', () => {
    expect(lossless).toHaveLength(26);
    expect(others).toHaveLength(35);
  });

  it.each(lossless)('lossless $file: exact hash, quality and norm', async (row) => {
    const got = await hashImage(resolve(vectors, row.file));
    expect(got.hash).toBe(row.hash);
    expect(got.quality).toBe(row.quality);
    expect(pdqHashNorm(got.hash)).toBe(row.norm);
    expect([got.width, got.height]).toEqual([row.width, row.height]);
  });

  it.each(others.filter((r) => r.quality >= 80))('original $file: within 10 bits at quality ≥ 80', async (row) => {
    const got = await hashImage(resolve(vectors, row.file));
    expect(pdqHammingDistance(got.hash, row.hash)).toBeLessThanOrEqual(10);
    expect(got.quality).toBeGreaterThanOrEqual(80);
    // EXIF orientation is not applied, so rotated-by-tag photos keep their stored size.
    expect([got.width, got.height]).toEqual([row.width, row.height]);
  });
});

interface DihedralLine {
  file: string;
  xform: DihedralName;
  hash: string;
}

function readDihedral(): { lines: DihedralLine[]; quality: Map<string, number> } {
  const text = readFileSync(resolve(vectors, 'cpp_reference_dihedral.txt'), 'utf8');
  const lines: DihedralLine[] = [];
  const quality = new Map<string, number>();
  for (const line of text.split(/\r?\n/)) {
    const x = /^hash=([0-9a-f]{64}),xform=(\w+),filename=(.+)$/.exec(line);
    if (x) lines.push({ hash: x[1]!, xform: x[2] as DihedralName, file: x[3]! });
    const q = /^hash=[0-9a-f]{64},quality=(\d+),filename=(.+)$/.exec(line);
    if (q) quality.set(q[2]!, Number(q[1]));
  }
  return { lines, quality };
}

describe('dihedral hashes against the C++ reference', () => {
  const { lines, quality } = readDihedral();
  const files = [...quality.keys()];

  it('has 8 transforms for each of the 4 images', () => {
    expect(files).toHaveLength(4);
    expect(lines).toHaveLength(32);
    for (const file of files) {
      expect(lines.filter((l) => l.file === file).map((l) => l.xform)).toEqual([...DIHEDRAL_NAMES]);
    }
  });

  it.each(files)('%s', async (file) => {
    const got = await hashImageDihedral(resolve(vectors, file));
    expect(got.quality).toBe(quality.get(file));
    for (const line of lines.filter((l) => l.file === file)) {
      const distance = pdqHammingDistance(got.hashes[line.xform], line.hash);
      if (file.endsWith('.png')) expect({ xform: line.xform, distance }).toEqual({ xform: line.xform, distance: 0 });
      else expect(distance, line.xform).toBeLessThanOrEqual(10);
    }
  });
});
