import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashImage, hashImageDihedral } from './hash-image.js';
import { ZERO_HASH } from './hex.js';

const vectors = resolve(import.meta.dirname, '../../../..', '../shared/testdata/pdq');

describe('hashImage', () => {
  it('hashes bytes and paths alike and reports the decoded size, not the 512×512 it hashed', async () => {
    const file = resolve(vectors, 'lossless-vectors/synthetic/wide-1024x600-gradient.png');
    const fromPath = await hashImage(file);
    const fromBytes = await hashImage(readFileSync(file));
    expect(fromBytes).toEqual(fromPath);
    expect([fromPath.width, fromPath.height]).toEqual([1024, 600]);
    const dihedral = await hashImageDihedral(readFileSync(file));
    expect(dihedral.hashes.orig).toBe(fromPath.hash);
    expect(dihedral.quality).toBe(fromPath.quality);
  });

  it('gives the all-zero hash for images under 5 px on a side', async () => {
    const tiny = await hashImage(resolve(vectors, 'lossless-vectors/synthetic/tiny-4x4.png'));
    expect(tiny).toEqual({ hash: ZERO_HASH, quality: 0, width: 4, height: 4 });
    const thin = await hashImageDihedral(resolve(vectors, 'lossless-vectors/synthetic/thin-1x150.png'));
    expect(Object.values(thin.hashes)).toEqual(Array(8).fill(ZERO_HASH));
  });

  it('passes decoding failures and limits through as AppErrors', async () => {
    await expect(hashImage(Buffer.from('not an image'))).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await expect(hashImageDihedral(resolve(vectors, 'misc-images/c.png'), { maxPixels: 1000 })).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      pointer: resolve(vectors, 'misc-images/c.png'),
    });
  });
});
