import { invalidInput } from '../../../../core/index.js';

/**
 * A TMK feature-vector hash: the whole content of a `.tmk` file. Arrays are float32 because the
 * file is, and scores are defined over those exact values.
 */
export interface TmkHash {
  /** Frame-feature algorithm tag from the header (`PDQF` for TMK+PDQF). */
  algorithm: string;
  /** Rate frames were resampled to before hashing (provenance; must match to compare). */
  framesPerSecond: number;
  /** Number of resampled frames hashed (informational). */
  frameFeatureCount: number;
  /** Kernel periods in frames, P of them. */
  periods: Int32Array;
  /** Fourier weights a_j, C of them. */
  fourierCoefficients: Float32Array;
  /** Mean frame feature, D values: the level-1 feature. */
  pureAverageFeature: Float32Array;
  /** Cosine features, P×C×D row-major (period, then coefficient, then dimension). */
  cosFeatures: Float32Array;
  /** Sine features, same layout as `cosFeatures`. */
  sinFeatures: Float32Array;
}

const PROJECT_MAGIC = 'TMK1';
const FILE_TYPE_MAGIC = 'FVEC';
const HEADER_BYTES = 32;

// A crafted file must not make scoring loop for minutes (level-2 visits every offset of every
// period) or allocate without bound; real files use 4 periods ≤ 14653, 32 coefficients, 256 dims.
const MAX_PERIOD = 1 << 20;

/** Where the D-float feature of `(period, coefficient)` starts inside `cosFeatures`/`sinFeatures`. */
export function featureOffset(hash: TmkHash, period: number, coefficient: number): number {
  const dimension = hash.pureAverageFeature.length;
  return (period * hash.fourierCoefficients.length + coefficient) * dimension;
}

function fileSize(periods: number, coefficients: number, dimension: number): number {
  return HEADER_BYTES + 4 * (periods + coefficients + dimension + 2 * periods * coefficients * dimension);
}

function readMagic(bytes: Buffer, offset: number): string {
  return bytes.toString('latin1', offset, offset + 4);
}

function readFloats(view: DataView, offset: number, count: number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = view.getFloat32(offset + 4 * i, true);
  return out;
}

interface TmkHeader {
  algorithm: string;
  framesPerSecond: number;
  periods: number;
  coefficients: number;
  dimension: number;
  frameFeatureCount: number;
}

function readHeader(bytes: Buffer, view: DataView): TmkHeader {
  if (bytes.length < HEADER_BYTES) throw invalidInput(`TMK file has ${bytes.length} bytes, fewer than its header`);
  if (readMagic(bytes, 0) !== PROJECT_MAGIC || readMagic(bytes, 4) !== FILE_TYPE_MAGIC) {
    throw invalidInput('not a TMK feature-vector file (expected "TMK1FVEC")', '/0');
  }
  const header: TmkHeader = {
    algorithm: readMagic(bytes, 8),
    framesPerSecond: view.getInt32(12, true),
    periods: view.getInt32(16, true),
    coefficients: view.getInt32(20, true),
    dimension: view.getInt32(24, true),
    frameFeatureCount: view.getInt32(28, true),
  };
  if (!/^[\x20-\x7e]{4}$/.test(header.algorithm)) throw invalidInput('TMK algorithm tag is not printable', '/8');
  if (header.periods < 0 || header.coefficients < 0 || header.dimension < 0 || header.frameFeatureCount < 0) {
    throw invalidInput('TMK header has a negative count', '/16');
  }
  const expected = fileSize(header.periods, header.coefficients, header.dimension);
  if (bytes.length !== expected) {
    throw invalidInput(`TMK file has ${bytes.length} bytes; its header implies ${expected}`);
  }
  return header;
}

/**
 * Parses a `.tmk` file (Meta's TMK1/FVEC layout, little-endian). Throws `INPUT_INVALID` when
 * the magic, counts or length are wrong; the file's size must match its header exactly.
 */
export function readTmk(bytes: Buffer): TmkHash {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = readHeader(bytes, view);
  const { periods: p, coefficients: c, dimension: d } = header;
  let offset = HEADER_BYTES;
  const periods = new Int32Array(p);
  for (let i = 0; i < p; i++, offset += 4) {
    const period = view.getInt32(offset, true);
    if (period < 1 || period > MAX_PERIOD) throw invalidInput(`TMK period ${period} is out of range`, `/${offset}`);
    periods[i] = period;
  }
  const fourierCoefficients = readFloats(view, offset, c);
  offset += 4 * c;
  const pureAverageFeature = readFloats(view, offset, d);
  offset += 4 * d;
  const cosFeatures = readFloats(view, offset, p * c * d);
  offset += 4 * p * c * d;
  const sinFeatures = readFloats(view, offset, p * c * d);
  return {
    algorithm: header.algorithm,
    framesPerSecond: header.framesPerSecond,
    frameFeatureCount: header.frameFeatureCount,
    periods,
    fourierCoefficients,
    pureAverageFeature,
    cosFeatures,
    sinFeatures,
  };
}

function checkShape(hash: TmkHash): void {
  const features = hash.periods.length * hash.fourierCoefficients.length * hash.pureAverageFeature.length;
  if (hash.cosFeatures.length !== features || hash.sinFeatures.length !== features) {
    throw invalidInput(`TMK cos/sin features must hold periods × coefficients × dimension = ${features} floats`);
  }
  if (!/^[\x20-\x7e]{4}$/.test(hash.algorithm)) throw invalidInput('TMK algorithm tag must be 4 printable characters');
}

/** Serialises a hash to the `.tmk` byte layout that `readTmk` and Meta's tools read. */
export function writeTmk(hash: TmkHash): Buffer {
  checkShape(hash);
  const p = hash.periods.length;
  const c = hash.fourierCoefficients.length;
  const d = hash.pureAverageFeature.length;
  const out = Buffer.alloc(fileSize(p, c, d));
  out.write(PROJECT_MAGIC + FILE_TYPE_MAGIC + hash.algorithm, 0, 'latin1');
  const header = [hash.framesPerSecond, p, c, d, hash.frameFeatureCount];
  let offset = 12;
  for (const value of header) offset = out.writeInt32LE(value, offset);
  for (const period of hash.periods) offset = out.writeInt32LE(period, offset);
  for (const array of [hash.fourierCoefficients, hash.pureAverageFeature, hash.cosFeatures, hash.sinFeatures]) {
    for (const value of array) offset = out.writeFloatLE(value, offset);
  }
  return out;
}
