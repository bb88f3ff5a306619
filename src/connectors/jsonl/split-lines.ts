/**
 * Splits a byte stream into lines without ever holding more than `maxLineBytes` of one line:
 * readline would buffer a 1 GB line whole before we could refuse it. CRLF and LF both end a
 * line; a last line without a newline still counts. Yields the lines each chunk completed.
 */

export type Line =
  | { number: number; bytes: Buffer; tooLong?: undefined }
  | { number: number; tooLong: number; bytes?: undefined };

const NEWLINE = 0x0a;
const CR = 0x0d;

function withoutCr(bytes: Buffer): Buffer {
  return bytes.length > 0 && bytes[bytes.length - 1] === CR ? bytes.subarray(0, -1) : bytes;
}

export async function* splitLines(chunks: AsyncIterable<Buffer>, maxLineBytes: number): AsyncGenerator<Line[]> {
  // One byte of slack for the CR of a CRLF, which is not content.
  const limit = maxLineBytes + 1;
  let pieces: Buffer[] = [];
  let length = 0;
  let number = 1;
  const take = (bytes: Buffer) => {
    length += bytes.length;
    if (length <= limit) pieces.push(bytes);
    else pieces = [];
  };
  const close = (): Line => {
    const whole = length > limit ? undefined : pieces.length === 1 ? pieces[0] : Buffer.concat(pieces, length);
    const line = whole && withoutCr(whole);
    const out: Line = line && line.length <= maxLineBytes ? { number, bytes: line } : { number, tooLong: length };
    pieces = [];
    length = 0;
    number++;
    return out;
  };
  for await (const chunk of chunks) {
    const lines: Line[] = [];
    let from = 0;
    for (let nl = chunk.indexOf(NEWLINE); nl >= 0; nl = chunk.indexOf(NEWLINE, from)) {
      take(chunk.subarray(from, nl));
      lines.push(close());
      from = nl + 1;
    }
    take(chunk.subarray(from));
    if (lines.length > 0) yield lines;
  }
  if (length > 0) yield [close()];
}
