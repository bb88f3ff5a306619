import { describe, expect, it } from 'vitest';
import { TACTIC_IDS } from '../../../core/index.js';
import { normalize } from './normalize.js';
import { TEXT_TACTICS } from './recorder.js';
import { tacticScore, toTacticSignals } from './signals.js';
import type { TacticHit } from './types.js';

const hit = (tactic: TacticHit['tactic'], count: number, strength: number): TacticHit => ({
  tactic,
  count,
  spans: [{ start: 0, end: 1 }],
  strength,
});

describe('toTacticSignals', () => {
  it('emits one tactic signal per tactic with spans, count and version', () => {
    const input = 'say D\u0430\u0435sh and I S I S';
    const signals = toTacticSignals(normalize(input), '2026.1.0');
    expect(signals.map((s) => s.tactic)).toEqual(['homoglyph', 'letter-splitting']);
    for (const s of signals) {
      expect(s).toMatchObject({ provider: 'normalizer', kind: 'tactic', version: '2026.1.0', label: s.tactic });
      expect(s.score).toBeGreaterThan(0);
      expect(s.score).toBeLessThan(1);
      expect(s.category).toBeUndefined(); // a tactic says nothing about the category
    }
    const at = input.indexOf('I S I S');
    expect(signals[1]?.evidence).toEqual([
      { type: 'span', start: at, end: at + 7, term: 'letter-splitting' },
      { type: 'feature', name: 'count', weight: 1 },
    ]);
  });

  it('emits nothing for ordinary text', () => {
    expect(toTacticSignals(normalize('The weather is fine today.'), 'v')).toEqual([]);
  });
});

describe('tacticScore', () => {
  it('scores one zero-width character low and a flood higher', () => {
    const one = tacticScore(hit('zero-width', 1, 0.3));
    const flood = tacticScore(hit('zero-width', 12, 0.3));
    expect(one).toBeCloseTo(0.3);
    expect(flood).toBeGreaterThan(one);
    expect(flood).toBeLessThanOrEqual(0.85);
  });

  it('keeps ordinary writing habits low', () => {
    expect(tacticScore(hit('arabizi', 10, 0.2))).toBeLessThanOrEqual(0.25);
    expect(tacticScore(hit('repeated-letters', 1, 0.1))).toBeLessThanOrEqual(0.15);
    expect(tacticScore(hit('bidi-control', 1, 0.1))).toBeLessThanOrEqual(0.15);
    expect(tacticScore(hit('tatweel', 1, 0.15))).toBeLessThanOrEqual(0.2);
  });

  it('rates strong occurrences higher than weak ones of the same tactic', () => {
    expect(tacticScore(hit('bidi-control', 1, 0.6))).toBeGreaterThan(tacticScore(hit('bidi-control', 1, 0.1)));
    expect(tacticScore(hit('zero-width', 1, 0.8))).toBeGreaterThan(tacticScore(hit('zero-width', 1, 0.3)));
  });

  it('never reaches a verdict-like certainty', () => {
    for (const tactic of TEXT_TACTICS) expect(tacticScore(hit(tactic, 10_000, 1))).toBeLessThan(0.9);
  });
});

describe('TEXT_TACTICS', () => {
  it('names only tactics of the core registry, in registry order', () => {
    const ids = TACTIC_IDS as readonly string[];
    for (const t of TEXT_TACTICS) expect(ids).toContain(t);
    const order = TEXT_TACTICS.map((t) => ids.indexOf(t));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});
