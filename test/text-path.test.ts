import { describe, expect, it } from 'vitest';
import { createTextPath } from '../src/app/index.js';
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
