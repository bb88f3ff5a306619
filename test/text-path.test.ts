import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTextPath, loadTextModel, MODEL_FILE, NORMALIZER_VERSION } from '../src/app/index.js';
import { type TrainingRow, trainTextModel } from '../src/detect/text/classifier/index.js';
import { evalItem } from '../src/scan/index.js';

/** The assembled text path: disguised organisation names still match, with original spans. */
const path = createTextPath({});

function lexiconSignals(text: string) {
  const out = path.scanner.scan(evalItem(text, 0));
  if (out instanceof Promise) throw new Error('text path must answer synchronously');
  return out.assessment.signals.filter((s) => s.kind === 'lexicon');
}

describe('text path', () => {
  it('matches organisation names written plainly and disguised, with spans in the original', () => {
    for (const text of [
      'a report about ISIS today',
      'a report about I.S.I.S today',
      'a report about І\u200bЅІЅ today',
      'تقرير عن د.ا.ع.ش اليوم',
      'تقرير عن داعـــش اليوم',
    ]) {
      const [signal] = lexiconSignals(text);
      expect(signal?.org, text).toBe('isil');
      const span = signal?.evidence[0];
      if (span?.type !== 'span') throw new Error('span evidence expected');
      expect(text.slice(span.start, span.end).length).toBeGreaterThanOrEqual(4);
    }
  });

  it('leaves ordinary text without lexicon signals and reports tactics separately', () => {
    expect(lexiconSignals('the crisis analysis of the weather')).toEqual([]);
    const out = path.scanner.scan(evalItem('hello\u200b\u200b world', 0));
    if (out instanceof Promise) throw new Error('sync');
    expect(out.assessment.tactics).toContain('zero-width');
    expect(out.assessment.verdict).toBe('clear');
  });
});

describe('loading a text model', () => {
  function modelBehind(normalizer: string): string {
    const rows: TrainingRow[] = Array.from({ length: 60 }, (_, i) => ({
      id: `r${i}`,
      text: i % 2 ? `zorblat banner ${i}` : `weather report ${i}`,
      label: i % 2 ? 'tvec' : 'benign',
      category: i % 2 ? 'other' : 'chat',
      lang: 'en',
      source: 'synthetic',
      group: `g${i % 6}`,
      quality: 'gold',
    }));
    const model = trainTextModel(rows, { version: 't', normalizer, normalize: (t) => t, epochs: 2 });
    const dir = mkdtempSync(join(tmpdir(), 'rasd-model-'));
    writeFileSync(join(dir, MODEL_FILE), model.toBytes());
    return dir;
  }

  it('loads a model trained behind this normaliser', () => {
    expect(loadTextModel(modelBehind(NORMALIZER_VERSION)).meta.normalizer).toBe(NORMALIZER_VERSION);
  });

  it('refuses a model trained behind another normaliser, saying how to retrain', () => {
    expect(() => loadTextModel(modelBehind('normalize@0'))).toThrow(/normalize@0.*retrain it with `rasd train/);
  });
});
