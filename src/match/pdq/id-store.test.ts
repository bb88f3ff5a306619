import { describe, expect, it } from 'vitest';
import { IdStore } from './id-store.js';

describe('IdStore', () => {
  it('hands out slots in order and finds ids by slot and by id, including non-ASCII ones', () => {
    const ids = new IdStore();
    const names = ['a', 'bank:42', 'صورة-١', '🙂 emoji', 'x'.repeat(300)];
    for (const [i, name] of names.entries()) expect(ids.put(name)).toEqual({ slot: i, previous: -1 });
    names.forEach((name, i) => {
      expect(ids.idAt(i)).toBe(name);
      expect(ids.slotOf(name)).toBe(i);
    });
    expect(ids.slotOf('missing')).toBe(-1);
    expect(ids.live).toBe(5);
  });

  it('repoints an id added again and reports the slot it had', () => {
    const ids = new IdStore();
    ids.put('a');
    ids.put('b');
    expect(ids.put('a')).toEqual({ slot: 2, previous: 0 });
    expect(ids.slotOf('a')).toBe(2);
    expect(ids.live).toBe(2);
    expect(ids.count).toBe(3);
  });

  it('deletes without breaking other probe chains, through growth', () => {
    const ids = new IdStore();
    const n = 5_000;
    for (let i = 0; i < n; i++) ids.put(`id-${i}`);
    for (let i = 0; i < n; i += 3) expect(ids.delete(`id-${i}`)).toBe(i);
    expect(ids.delete('id-0')).toBe(-1);
    for (let i = 0; i < n; i++) expect(ids.slotOf(`id-${i}`)).toBe(i % 3 === 0 ? -1 : i);
    expect(ids.live).toBe(n - Math.ceil(n / 3));
  });

  it('compacts to the kept slots, renumbered in order', () => {
    const ids = new IdStore();
    for (let i = 0; i < 10; i++) ids.put(`e${i}`);
    ids.delete('e0');
    ids.delete('e5');
    ids.compact((slot) => slot !== 0 && slot !== 5);
    expect(ids.count).toBe(8);
    expect(Array.from({ length: 8 }, (_, i) => ids.idAt(i))).toEqual(['e1', 'e2', 'e3', 'e4', 'e6', 'e7', 'e8', 'e9']);
    expect(ids.slotOf('e6')).toBe(4);
    expect(ids.slotOf('e5')).toBe(-1);
    expect(ids.put('e5')).toEqual({ slot: 8, previous: -1 });
  });

  // A string[] plus a Map would cost ~60 bytes an id here (32 for the string, 8 the slot, ~24 the entry).
  it('costs far less than a string array and a Map', () => {
    const ids = new IdStore();
    ids.reserve(100_000, 8);
    for (let i = 0; i < 100_000; i++) ids.put(`h${String(i).padStart(7, '0')}`);
    ids.trim();
    expect(ids.byteLength / 100_000).toBeLessThan(24);
  });

  it('rejects empty and ill-formed ids', () => {
    const ids = new IdStore();
    expect(() => ids.put('')).toThrow(/non-empty/);
    expect(() => ids.put('a\uDC00')).toThrow(/well-formed/);
    expect(ids.count).toBe(0);
  });
});
