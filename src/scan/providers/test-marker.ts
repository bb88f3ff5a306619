import { isViolatingCategory, type Signal, type ViolatingCategory } from '../../core/index.js';
import type { ScanInput, SignalProvider } from '../provider.js';

/**
 * Rasd's own harmless test string, in the spirit of the EICAR antivirus test file: demos and
 * tests push it through the whole path (scan, policy, case, action, report) without anyone
 * having to write or store extremist text. It is never content; it only proves the plumbing.
 *
 *   RASD-TEST-MARKER                    → score 1.0, category `branded`
 *   RASD-TEST-MARKER:praise             → score 1.0, category `praise`
 *   RASD-TEST-MARKER:incitement:0.6     → score 0.6 (lands in the review band of the policy)
 */
export const TEST_MARKER = 'RASD-TEST-MARKER';

const MARKER_PATTERN = /RASD-TEST-MARKER(?::([a-z-]+))?(?::(0(?:\.\d+)?|1(?:\.0+)?))?/g;
const VERSION = '1';

export function findTestMarkers(text: string): Signal[] {
  if (!text.includes(TEST_MARKER)) return [];
  const signals: Signal[] = [];
  for (const match of text.matchAll(MARKER_PATTERN)) {
    const requested = match[1];
    const category: ViolatingCategory = requested && isViolatingCategory(requested) ? requested : 'branded';
    const score = match[2] === undefined ? 1 : Number(match[2]);
    const start = match.index ?? 0;
    signals.push({
      provider: 'test-marker',
      kind: 'test-marker',
      score,
      category,
      label: 'test-marker',
      evidence: [{ type: 'span', start, end: start + match[0].length, term: TEST_MARKER }],
      version: VERSION,
    });
  }
  return signals;
}

export const testMarkerProvider: SignalProvider = {
  id: 'test-marker',
  kinds: ['test-marker'],
  version: VERSION,
  provide: (input: ScanInput) => findTestMarkers(input.text),
};
