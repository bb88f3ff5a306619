/**
 * Jarosz box-filter downsampling as PDQ does it: two rounds of a box blur along rows then along
 * columns (a tent-like blur), then sampling at block centres. The running sum is kept in float32
 * and rounded after every add and subtract, because the reference's `float sum` does so and the
 * hash of near-flat images depends on those last bits.
 */

/** Half of `oldSize / newSize`, rounded up: two passes of this window span one output block. */
export function jaroszWindowSize(oldSize: number, newSize: number): number {
  return Math.trunc((oldSize + 2 * newSize - 1) / (2 * newSize));
}

/** The four phases of one box pass: window filling, growing, full, shrinking. */
interface BoxPhases {
  warmUp: number;
  growing: number;
  full: number;
  shrinking: number;
}

function boxPhases(length: number, window: number): BoxPhases {
  const half = Math.trunc((window + 2) / 2);
  return { warmUp: half - 1, growing: window - half + 1, full: length - window, shrinking: half - 1 };
}

/**
 * One box pass along each row. The window is centred, shrinks at both ends (so edges average
 * fewer values, not zero-padded ones) and divides by the number of values actually summed.
 */
function boxAlongRows(input: Float32Array, output: Float32Array, rows: number, cols: number, window: number): void {
  const { warmUp, growing, full, shrinking } = boxPhases(cols, window);
  for (let row = 0; row < rows; row++) {
    const start = row * cols;
    let left = start;
    let right = start;
    let out = start;
    let sum = 0;
    let count = 0;
    for (let i = 0; i < warmUp; i++, count++) sum = Math.fround(sum + input[right++]!);
    for (let i = 0; i < growing; i++) {
      sum = Math.fround(sum + input[right++]!);
      count++;
      output[out++] = sum / count;
    }
    for (let i = 0; i < full; i++) {
      sum = Math.fround(sum + input[right++]!);
      sum = Math.fround(sum - input[left++]!);
      output[out++] = sum / count;
    }
    for (let i = 0; i < shrinking; i++) {
      sum = Math.fround(sum - input[left++]!);
      count--;
      output[out++] = sum / count;
    }
  }
}

/**
 * The same pass down each column, swept a row at a time with one float32 running sum per column
 * (a Float32Array rounds each += as the reference's float does): every column sees exactly the
 * operations of a per-column pass, but memory is read in order, which is several times faster.
 */
function boxAlongCols(input: Float32Array, output: Float32Array, rows: number, cols: number, window: number): void {
  const { warmUp, growing, full, shrinking } = boxPhases(rows, window);
  const sums = new Float32Array(cols);
  let left = 0;
  let right = 0;
  let out = 0;
  let count = 0;
  const add = (row: number) => {
    const base = row * cols;
    for (let j = 0; j < cols; j++) sums[j]! += input[base + j]!;
  };
  const subtract = (row: number) => {
    const base = row * cols;
    for (let j = 0; j < cols; j++) sums[j]! -= input[base + j]!;
  };
  const write = (row: number) => {
    const base = row * cols;
    for (let j = 0; j < cols; j++) output[base + j] = sums[j]! / count;
  };
  for (let i = 0; i < warmUp; i++, count++) add(right++);
  for (let i = 0; i < growing; i++) {
    add(right++);
    count++;
    write(out++);
  }
  // The bulk of the work, fused into one sweep per row; same operations in the same order.
  for (let i = 0; i < full; i++) {
    const addBase = right++ * cols;
    const subtractBase = left++ * cols;
    const outBase = out++ * cols;
    for (let j = 0; j < cols; j++) {
      const sum = Math.fround(Math.fround(sums[j]! + input[addBase + j]!) - input[subtractBase + j]!);
      sums[j] = sum;
      output[outBase + j] = sum / count;
    }
  }
  for (let i = 0; i < shrinking; i++) {
    subtract(left++);
    count--;
    write(out++);
  }
}

/**
 * Blurs `input` (rows × cols, row-major) with `passes` rounds of rows-then-columns box passes.
 * Returns a new buffer; `input` is left untouched so callers can hash the same luma twice.
 */
export function jaroszFilter(
  input: Float32Array,
  rows: number,
  cols: number,
  windowAlongRows: number,
  windowAlongCols: number,
  passes: number,
): Float32Array {
  const a = new Float32Array(rows * cols);
  const b = new Float32Array(rows * cols);
  let source = input;
  for (let pass = 0; pass < passes; pass++) {
    boxAlongRows(source, b, rows, cols, windowAlongRows);
    boxAlongCols(b, a, rows, cols, windowAlongCols);
    source = a;
  }
  return source === input ? Float32Array.from(input) : a;
}

/** Samples the pixel nearest each output cell's centre (no averaging: the blur already did it). */
export function decimate(
  input: Float32Array,
  inRows: number,
  inCols: number,
  outRows: number,
  outCols: number,
): Float32Array {
  const out = new Float32Array(outRows * outCols);
  for (let i = 0; i < outRows; i++) {
    const row = Math.trunc(((i + 0.5) * inRows) / outRows) * inCols;
    for (let j = 0; j < outCols; j++) out[i * outCols + j] = input[row + Math.trunc(((j + 0.5) * inCols) / outCols)]!;
  }
  return out;
}
