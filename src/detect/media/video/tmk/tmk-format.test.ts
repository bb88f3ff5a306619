import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../core/index.js';
import { referenceTmkFiles } from './testing.js';
import { readTmk, writeTmk } from './tmk-format.js';
import { POULLOT_PERIODS, poullotFourierCoefficients } from './tmk-params.js';

const files = [...referenceTmkFiles()];

describe('readTmk / writeTmk on Meta reference files', () => {
  it('finds all 16 reference hashes', () => {
    expect(files).toHaveLength(16);
  });

  it.each(files)('%s parses and writes back byte-identical', (_name, path) => {
    const bytes = readFileSync(path);
    const hash = readTmk(bytes);
    expect(hash.algorithm).toBe('PDQF');
    expect(hash.framesPerSecond).toBe(15);
    expect([...hash.periods]).toEqual(POULLOT_PERIODS);
    expect(hash.pureAverageFeature).toHaveLength(256);
    expect(hash.cosFeatures).toHaveLength(4 * 32 * 256);
    expect(hash.frameFeatureCount).toBeGreaterThan(0);
    expect(writeTmk(hash).equals(bytes)).toBe(true);
  });

  it('our derived Poullot coefficients are the file’s float32 values bit for bit', () => {
    const [, path] = files[0]!;
    expect(poullotFourierCoefficients()).toEqual(readTmk(readFileSync(path!)).fourierCoefficients);
  });

  it('stores the header fields where Meta’s tools expect them', () => {
    const [, path] = files.find(([name]) => name === 'chair-19-sd-bar')!;
    const hash = readTmk(readFileSync(path));
    const out = writeTmk({ ...hash, frameFeatureCount: 1234 });
    expect(out.toString('latin1', 0, 12)).toBe('TMK1FVECPDQF');
    expect([12, 16, 20, 24, 28].map((o) => out.readInt32LE(o))).toEqual([15, 4, 32, 256, 1234]);
    expect(out.readInt32LE(32)).toBe(2731);
    expect(out).toHaveLength(263344);
  });
});

describe('readTmk rejects malformed input', () => {
  const [, path] = files[0]!;
  const good = readFileSync(path!);

  const rejects = (bytes: Buffer, pattern: RegExp): void => {
    let thrown: unknown;
    try {
      readTmk(bytes);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('INPUT_INVALID');
    expect((thrown as AppError).message).toMatch(pattern);
  };

  it('too short for a header', () => rejects(good.subarray(0, 20), /fewer than its header/));

  it('wrong magic', () => {
    const bad = Buffer.from(good);
    bad.write('TMK2', 0, 'latin1');
    rejects(bad, /TMK1FVEC/);
  });

  it('truncated body', () => rejects(good.subarray(0, good.length - 4), /header implies/));

  it('trailing bytes', () => rejects(Buffer.concat([good, Buffer.alloc(4)]), /header implies/));

  it('negative counts', () => {
    const bad = Buffer.from(good);
    bad.writeInt32LE(-1, 24);
    rejects(bad, /negative/);
  });

  it('a period that would make scoring loop for ever', () => {
    const bad = Buffer.from(good);
    bad.writeInt32LE(0x7fffffff, 32);
    rejects(bad, /period .* out of range/);
  });

  it('a buffer that is a view into a larger pool', () => {
    const pool = Buffer.concat([Buffer.alloc(3), good]);
    expect(writeTmk(readTmk(pool.subarray(3))).equals(good)).toBe(true);
  });
});

describe('writeTmk', () => {
  it('refuses features whose size does not match periods × coefficients × dimension', () => {
    const hash = readTmk(readFileSync(files[0]![1]));
    expect(() => writeTmk({ ...hash, sinFeatures: hash.sinFeatures.subarray(1) })).toThrow(AppError);
    expect(() => writeTmk({ ...hash, algorithm: 'PDQ' })).toThrow(/4 printable/);
  });
});
