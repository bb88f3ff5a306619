import { describe, expect, it } from 'vitest';
import type { Verdict } from '../core/index.js';
import type { EvalRow } from './evaluate.js';
import { obfuscatedRecall } from './obfuscated-recall.js';

const row = (text: string, label: 'tvec' | 'benign'): EvalRow => ({
  text,
  label,
  lang: 'en',
  source: 'test',
  category: label === 'tvec' ? 'other' : 'chat',
});

describe('obfuscatedRecall', () => {
  // Long enough (over six words) that light copies leave half the words alone.
  const rows = [
    ...Array.from({ length: 12 }, (_, i) =>
      row(`there is a weather warning for the coast tonight number ${i}`, 'tvec'),
    ),
    row('nice lunch with friends', 'benign'),
  ];

  it('scores clean, light and heavy copies of the TVEC rows only, by tactic', async () => {
    // A detector that only sees the plain word "warning": every disguise that touches it is missed.
    const detector = (rs: readonly EvalRow[]): Verdict[] =>
      rs.map((r) => (/\bwarning\b/.test(r.text) ? 'review' : 'clear'));
    const report = await obfuscatedRecall(rows, detector);
    expect(report.cleanRecall).toBe(1);
    expect(report.heavy.byTactic.leet?.recall).toBe(0);
    expect(report.byTactic.leet?.recall).toBeGreaterThan(0);
    expect(report.heavy.byTactic.homoglyph?.recall).toBe(0);
    expect(report.heavy.recall).toBeLessThan(report.recall);
    expect(report.heavy.n).toBe(report.n);
    expect(Object.values(report.byTactic).reduce((sum, t) => sum + t.n, 0)).toBe(report.n);
  });

  it('gives a detector that sees through every disguise full recall', async () => {
    const all = (rs: readonly EvalRow[]): Verdict[] => rs.map(() => 'violating');
    const report = await obfuscatedRecall(rows, all);
    expect(report.recall).toBe(1);
    expect(report.heavy.recall).toBe(1);
  });
});
