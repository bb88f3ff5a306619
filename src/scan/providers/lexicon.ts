import type { Signal } from '../../core/index.js';
import type { Lexicon, LexiconHit } from '../../detect/text/lexicon/index.js';
import type { ScanInput, SignalProvider } from '../provider.js';

/** Scores by what was named: an outlet's own name is stronger evidence than a group's name. */
const TERM_SCORES: Record<string, number> = {
  'media-outlet': 0.6,
  name: 0.4,
  alias: 0.4,
  abbreviation: 0.3,
  'former-name': 0.4,
};

/**
 * Names of designated organisations and their media outlets, matched on the normalised text
 * (so split, disguised or look-alike spellings match) and on its Arabizi reading; spans are
 * mapped back to the original text. One signal per organisation and term kind.
 */
export function lexiconProvider(lexicon: Lexicon): SignalProvider {
  const version = `lexicon@${lexicon.version}`;
  return {
    id: 'lexicon',
    kinds: ['lexicon'],
    version,
    provide(input: ScanInput): Signal[] {
      const { normalized } = input;
      const hits = mapHits(lexicon.match(normalized.text), normalized.map, input.text.length);
      if (normalized.arabizi && normalized.arabiziMap) {
        hits.push(...mapHits(lexicon.match(normalized.arabizi), normalized.arabiziMap, input.text.length));
      }
      if (hits.length === 0) return [];
      const byKey = new Map<string, Signal>();
      for (const hit of hits) {
        const key = `${hit.org}/${hit.kind}`;
        let signal = byKey.get(key);
        if (!signal) {
          signal = {
            provider: 'lexicon',
            kind: 'lexicon',
            score: TERM_SCORES[hit.kind] ?? 0.3,
            org: hit.org,
            label: hit.kind,
            evidence: [],
            version,
          };
          byKey.set(key, signal);
        }
        signal.evidence.push({ type: 'span', start: hit.start, end: hit.end, term: hit.term });
      }
      return [...byKey.values()];
    },
  };
}

/** Offsets in the canonical text → offsets in the original, through the normaliser's map. */
function mapHits(hits: LexiconHit[], map: Int32Array, originalLength: number): LexiconHit[] {
  return hits.map((hit) => ({
    ...hit,
    start: map[hit.start] ?? 0,
    end: hit.end < map.length ? (map[hit.end] as number) : originalLength,
  }));
}
