import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURES, Featurizer, type TrainingRow, treatWeakLabels } from './index.js';
import type { TrainOptions } from './linear.js';

/**
 * Synthetic, harmless rows shaped like the corpus: "accounts" whose posts carry an account-level
 * weak label. Most weak posts are about the made-up topic marker (true positives); some are weather
 * relays, exactly like the benign rows labelled one by one (silver) in the same accounts and in a
 * benign collection. A treatment that helps distrusts the relays and keeps the marker posts.
 */
function corpus(): { row: TrainingRow; relay: boolean }[] {
  const out: { row: TrainingRow; relay: boolean }[] = [];
  const featured = (
    i: number,
    text: string,
    label: 'tvec' | 'benign',
    quality: TrainingRow['quality'],
    source: string,
  ) => ({
    id: `r${out.length}`,
    text: `${text} ${i}`,
    label,
    category: label === 'tvec' ? 'other' : 'news',
    lang: 'en',
    source,
    group: `acct${i % 12}`,
    quality,
  });
  for (let i = 0; i < 240; i++) {
    const relay = i % 4 === 0;
    const text = relay ? 'weather report rain storm today' : 'zorblat announcement zorblat banner join';
    out.push({ row: featured(i, text, 'tvec', 'weak', 'accounts'), relay });
  }
  for (let i = 0; i < 40; i++) {
    out.push({
      row: featured(i, 'weather report sun cloud wind tomorrow', 'benign', 'silver', 'accounts'),
      relay: false,
    });
    out.push({ row: featured(i, 'zorblat announcement zorblat poster', 'tvec', 'silver', 'accounts'), relay: false });
  }
  for (let i = 0; i < 200; i++)
    out.push({ row: featured(i, 'weather report rain storm today', 'benign', 'source', 'newswire'), relay: false });
  return out;
}

const train: TrainOptions = { bits: DEFAULT_FEATURES.bits, epochs: 4, learningRate: 0.2, l2: 1e-6, seed: 11 };

function prepare() {
  const featurizer = new Featurizer(DEFAULT_FEATURES);
  return corpus().map(({ row, relay }) => ({
    row,
    relay,
    example: { x: featurizer.vector(row.text), y: (row.label === 'tvec' ? 1 : 0) as 0 | 1, weight: 1 },
  }));
}

describe('weak-label treatment', () => {
  it('keep: trains on every row and drops nothing', () => {
    const prepared = prepare();
    const { rows, report } = treatWeakLabels(prepared, 'keep', train);
    expect(rows).toHaveLength(prepared.length);
    expect(report).toMatchObject({ mode: 'keep', weakRows: 240, dropped: 0 });
  });

  for (const mode of ['clean', 'vet'] as const) {
    it(`${mode}: distrusts the weak positives the row-labelled data calls benign, keeps the rest`, () => {
      const prepared = prepare();
      const { rows, report } = treatWeakLabels(prepared, mode, train, { folds: 4, dropBelow: 0.5 });
      const kept = new Set(rows);
      const weak = prepared.filter((p) => p.row.quality === 'weak');
      const relaysDropped = weak.filter((p) => p.relay && !kept.has(p)).length;
      const markersDropped = weak.filter((p) => !p.relay && !kept.has(p)).length;
      expect(relaysDropped).toBeGreaterThan(0.8 * weak.filter((p) => p.relay).length);
      expect(markersDropped).toBeLessThan(0.05 * weak.filter((p) => !p.relay).length);
      // Only weak positives are ever left out; nothing is relabelled.
      expect(prepared.filter((p) => !kept.has(p)).every((p) => p.row.quality === 'weak')).toBe(true);
      expect(rows.every((p) => p.example.y === (p.row.label === 'tvec' ? 1 : 0))).toBe(true);
      expect(report).toMatchObject({ mode, weakRows: 240, dropped: relaysDropped + markersDropped, dropBelow: 0.5 });
    });
  }

  it('clean: is reproducible for a seed', () => {
    const a = treatWeakLabels(prepare(), 'clean', train).rows.map((p) => p.row.id);
    const b = treatWeakLabels(prepare(), 'clean', train).rows.map((p) => p.row.id);
    expect(a).toEqual(b);
  });
});
