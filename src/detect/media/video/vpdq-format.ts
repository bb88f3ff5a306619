import { invalidInput } from '../../../core/errors.js';
import type { VpdqFrame } from './vpdq-frame.js';

/**
 * The vPDQ reference's text form, one frame a line: `frame,quality,hash,timestamp`, for example
 * `0,100,e271…055c,0.000`. It is what `vpdq-hash-video` writes and what the sample hashes use,
 * so banks can import and export reference hashes unchanged.
 */

const HASH = /^[0-9a-f]{64}$/i;
const UINT = /^\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;
const MAX_FRAME = 2 ** 31 - 1;

/** The lines of a vPDQ hash, each ending in "\n"; timestamps with three decimals as the reference. */
export function formatVpdq(frames: readonly VpdqFrame[]): string {
  let text = '';
  for (const f of frames) text += `${f.frame},${f.quality},${f.hash},${f.timestamp.toFixed(3)}\n`;
  return text;
}

function parseLine(line: string, number: number): VpdqFrame {
  const where = `line ${number}`;
  const fields = line.split(',');
  if (fields.length !== 4) {
    throw invalidInput(`${where}: expected 4 fields "frame,quality,hash,timestamp", got ${fields.length}`, where);
  }
  const [frameText, qualityText, hash, timeText] = fields.map((field) => field.trim()) as [
    string,
    string,
    string,
    string,
  ];
  if (!UINT.test(frameText) || Number(frameText) > MAX_FRAME) {
    throw invalidInput(`${where}: frame number "${frameText}" is not a whole number`, where);
  }
  if (!UINT.test(qualityText) || Number(qualityText) > 100) {
    throw invalidInput(`${where}: quality "${qualityText}" is not a whole number from 0 to 100`, where);
  }
  if (!HASH.test(hash)) throw invalidInput(`${where}: hash is not 64 hexadecimal digits`, where);
  if (!DECIMAL.test(timeText) || !Number.isFinite(Number(timeText))) {
    throw invalidInput(`${where}: timestamp "${timeText}" is not a non-negative number of seconds`, where);
  }
  return {
    frame: Number(frameText),
    quality: Number(qualityText),
    hash: hash.toLowerCase(),
    timestamp: Number(timeText),
  };
}

/**
 * Reads the text form. Blank lines and CRLF endings are accepted; anything else that is not a
 * well-formed line throws INPUT_INVALID naming the line (1-based), e.g. `line 7: quality …`, and so
 * does text without any frame.
 */
export function parseVpdq(text: string): VpdqFrame[] {
  const frames: VpdqFrame[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).replace(/\r$/, '');
    if (line.trim() === '') continue;
    frames.push(parseLine(line, i + 1));
  }
  // As in the reference loader: a hash without frames can only be a mistake, and would match nothing.
  if (frames.length === 0) throw invalidInput('a vPDQ hash needs at least one frame line', 'line 1');
  return frames;
}
