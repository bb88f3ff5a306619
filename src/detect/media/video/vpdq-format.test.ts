import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readReferenceText, referenceHashNames } from './test-data.js';
import { formatVpdq, parseVpdq } from './vpdq-format.js';
import type { VpdqFrame } from './vpdq-frame.js';

const HASH = 'e271017837246aaccddea259648fb7d62f435c89d9e99b2497763e216c8d055c';

function errorOf(text: string): { code?: string; detail?: string; pointer?: string } {
  try {
    parseVpdq(text);
  } catch (error) {
    return error as { code?: string; detail?: string; pointer?: string };
  }
  throw new Error('expected parseVpdq to throw');
}

describe('vPDQ text format', () => {
  const names = referenceHashNames();

  it('finds all 31 reference hash files', () => {
    expect(names).toHaveLength(31);
  });

  it.each(names)('reads and writes %s back byte for byte', (name) => {
    const text = readReferenceText(name);
    const frames = parseVpdq(text);
    expect(frames).toHaveLength(text.trimEnd().split('\n').length);
    expect(frames.every((f, i) => f.frame === i)).toBe(true);
    expect(formatVpdq(frames)).toBe(text);
  });

  it('reads the fields of a line', () => {
    expect(parseVpdq(`563,100,${HASH},18.767\n`)).toEqual([
      { frame: 563, quality: 100, hash: HASH, timestamp: 18.767 },
    ]);
  });

  it('accepts CRLF, blank lines and upper-case hex, and writes lower case', () => {
    const frames = parseVpdq(`\r\n0,7,${HASH.toUpperCase()},0.000\r\n\r\n1,9,${HASH},0.5\r\n`);
    expect(frames.map((f) => [f.frame, f.quality, f.hash === HASH, f.timestamp])).toEqual([
      [0, 7, true, 0],
      [1, 9, true, 0.5],
    ]);
    expect(formatVpdq(frames)).toBe(`0,7,${HASH},0.000\n1,9,${HASH},0.500\n`);
  });

  it.each([
    [`0,100,${HASH}`, /expected 4 fields/],
    [`0,100,${HASH},0.0,extra`, /expected 4 fields/],
    [`x,100,${HASH},0.000`, /frame number "x"/],
    [`-1,100,${HASH},0.000`, /frame number "-1"/],
    [`0,101,${HASH},0.000`, /quality "101"/],
    [`0,100,${HASH.slice(1)},0.000`, /64 hexadecimal/],
    [`0,100,${HASH.slice(1)}g,0.000`, /64 hexadecimal/],
    [`0,100,${HASH},-0.5`, /timestamp "-0.5"/],
    [`0,100,${HASH},NaN`, /timestamp "NaN"/],
  ])('rejects %s naming the line', (bad, why) => {
    const error = errorOf(`0,100,${HASH},0.000\n\n${bad}\n`);
    expect(error.code).toBe('INPUT_INVALID');
    expect(error.pointer).toBe('line 3');
    expect(error.detail).toMatch(/^line 3: /);
    expect(error.detail).toMatch(why);
  });

  it('rejects text without frames', () => {
    expect(errorOf('\n \n').code).toBe('INPUT_INVALID');
  });

  it('round-trips any frames, timestamps kept to the millisecond', () => {
    const frame = fc.record({
      frame: fc.nat({ max: 2 ** 31 - 1 }),
      quality: fc.integer({ min: 0, max: 100 }),
      hash: fc.stringMatching(/^[0-9a-f]{64}$/),
      timestamp: fc.integer({ min: 0, max: 10_000_000 }).map((ms) => ms / 1000),
    });
    fc.assert(
      fc.property(fc.array(frame, { minLength: 1, maxLength: 20 }), (frames: VpdqFrame[]) => {
        expect(parseVpdq(formatVpdq(frames))).toEqual(frames);
      }),
    );
  });
});
