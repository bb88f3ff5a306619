import { describe, expect, it } from 'vitest';
import { findTestMarkers } from './test-marker.js';

describe('test marker', () => {
  it('finds nothing in ordinary text', () => {
    expect(findTestMarkers('hello world, the weather is fine')).toEqual([]);
  });

  it('flags the bare marker at full score with the branded category and its span', () => {
    const text = 'abc RASD-TEST-MARKER def';
    const [s] = findTestMarkers(text);
    expect(s).toMatchObject({ kind: 'test-marker', score: 1, category: 'branded' });
    expect(s?.evidence[0]).toMatchObject({ type: 'span', start: 4, end: 20 });
  });

  it('reads a category and a score, and ignores unknown categories', () => {
    expect(findTestMarkers('RASD-TEST-MARKER:praise:0.6')[0]).toMatchObject({ category: 'praise', score: 0.6 });
    expect(findTestMarkers('RASD-TEST-MARKER:bogus')[0]).toMatchObject({ category: 'branded', score: 1 });
    expect(findTestMarkers('RASD-TEST-MARKER RASD-TEST-MARKER:incitement')).toHaveLength(2);
  });
});
