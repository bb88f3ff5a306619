import { CATEGORY_IDS, type Category, type Signal } from '../../core/index.js';
import type { TextBankIndex } from '../../match/index.js';
import type { ScanInput, SignalProvider } from '../provider.js';

const CATEGORIES = new Set<string>(CATEGORY_IDS);

/**
 * Re-posts of banked texts (`text-minhash` bank entries): one `bank-match` signal per matched
 * entry, best first, scored by the estimated Jaccard similarity, with the entry's organisation
 * and category (a category outside the taxonomy is left off rather than guessed). The evidence
 * names the entry and its bank, never the text.
 *
 * By default the index normalises the message with the normaliser its entries were signed
 * with. `useScanNormalized` matches the pipeline's `input.normalized.text` instead, saving a
 * second normalisation per message; it is correct only when the banks were signed with that
 * same normaliser (`rasd bank add-text` signs with `defaultTextBankNormalize`).
 */
export function textBankProvider(
  index: TextBankIndex,
  version: string,
  options: { useScanNormalized?: boolean } = {},
): SignalProvider {
  const signalVersion = `text-bank@${version}`;
  return {
    id: 'text-bank',
    kinds: ['bank-match'],
    version: signalVersion,
    provide(input: ScanInput): Signal[] {
      const matches = options.useScanNormalized
        ? index.matchNormalized(input.normalized.text)
        : index.match(input.text);
      if (matches.length === 0) return [];
      return matches.map((m) => ({
        provider: 'text-bank',
        kind: 'bank-match',
        score: m.similarity,
        ...(m.category !== undefined && CATEGORIES.has(m.category) && { category: m.category as Category }),
        ...(m.org !== undefined && { org: m.org }),
        label: 'text-minhash',
        evidence: [{ type: 'entry', entry: m.entryId, distance: 1 - m.similarity, source: m.bank }],
        version: signalVersion,
      }));
    },
  };
}
