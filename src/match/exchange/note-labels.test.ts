import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNote, labelValue, parseNote, withLabels } from './note-labels.js';

describe('labels kept in a note', () => {
  it('reads leading key=value words as labels and keeps the rest verbatim', () => {
    expect(parseNote('ideology=far-right file_type=mp4 from the  partner list')).toEqual({
      labels: [
        ['ideology', 'far-right'],
        ['file_type', 'mp4'],
      ],
      text: 'from the  partner list',
    });
    expect(parseNote('see x=y later')).toEqual({ labels: [], text: 'see x=y later' });
    expect(parseNote(undefined)).toEqual({ labels: [], text: '' });
  });

  it('merges new labels in place, keeps the text, and reads back what it writes', () => {
    const note = withLabels('tags=a,b seen twice', [
      ['ideology', 'islamist'],
      ['tags', 'c'],
      ['status', undefined],
    ]);
    expect(note).toBe('tags=c ideology=islamist seen twice');
    expect(withLabels(note, [['tags', 'c']])).toBe(note);
    expect(withLabels(undefined, [])).toBeUndefined();
  });

  it('is stable: writing what it read gives the same note, for any text', () => {
    const word = fc.stringMatching(/^[a-z][a-z0-9_]{0,5}$/);
    const labels = fc.uniqueArray(fc.tuple(word, fc.stringMatching(/^\S{1,8}$/)), {
      maxLength: 3,
      selector: ([key]) => key,
    });
    fc.assert(
      fc.property(labels, fc.string({ maxLength: 40 }), (ls, text) => {
        const once = formatNote({ labels: ls, text });
        const twice = formatNote(parseNote(once));
        expect(twice).toBe(once);
        expect(withLabels(once, ls)).toBe(once);
      }),
    );
  });

  it('cuts a note at 255 characters, as HMA and the store require', () => {
    const note = withLabels('x'.repeat(300), [['ideology', 'all']]);
    expect(note).toHaveLength(255);
    expect(note?.endsWith('…')).toBe(true);
  });

  it('makes label values without spaces (and list items without commas)', () => {
    expect(labelValue('  far right ')).toBe('far_right');
    expect(labelValue('a,b', true)).toBe('a_b');
    expect(labelValue('')).toBeUndefined();
    expect(labelValue(null)).toBeUndefined();
    expect(labelValue(42)).toBe('42');
  });
});
