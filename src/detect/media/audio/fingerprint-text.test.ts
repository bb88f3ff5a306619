import { describe, expect, it } from 'vitest';
import { FINGERPRINT_TEXT_PREFIX, parseFingerprint, serializeFingerprint } from './fingerprint-text.js';

describe('fingerprint text', () => {
  it('writes the version prefix and little-endian items in base64', () => {
    const text = serializeFingerprint(new Uint32Array([1, 0x01020304]));
    expect(text).toBe(`${FINGERPRINT_TEXT_PREFIX}${Buffer.from([1, 0, 0, 0, 4, 3, 2, 1]).toString('base64')}`);
  });

  it('round-trips the full uint32 range, including items above 2^31', () => {
    const print = new Uint32Array([0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 4259604998]);
    expect(parseFingerprint(serializeFingerprint(print))).toEqual(print);
  });

  it('round-trips an empty print', () => {
    expect(parseFingerprint(serializeFingerprint(new Uint32Array(0)))).toEqual(new Uint32Array(0));
  });

  it('refuses another version with a message naming it', () => {
    expect(() => parseFingerprint('cp2:AAAAAA==')).toThrow(/"cp2:" is not supported/);
  });

  it('refuses text without a prefix, non-canonical base64 and partial items', () => {
    for (const bad of ['AQAAAA==', 'cp1:AQAA AA==', 'cp1:AQAAAA', 'cp1:AQ==', 'cp1:AQAAAB==']) {
      expect(() => parseFingerprint(bad), bad).toThrow(expect.objectContaining({ code: 'INPUT_INVALID' }));
    }
  });
});
