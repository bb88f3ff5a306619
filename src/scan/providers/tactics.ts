import { NORMALIZER_PROVIDER, toTacticSignals } from '../../detect/text/normalize/index.js';
import type { ScanInput, SignalProvider } from '../provider.js';

/**
 * The evasion tactics the normaliser undid, as `tactic` signals. A tactic alone is never a
 * verdict; the policy uses tactics to raise attention where other evidence already exists.
 */
export function tacticsProvider(version: string): SignalProvider {
  return {
    id: 'tactics',
    kinds: ['tactic'],
    version,
    provide: (input: ScanInput) => toTacticSignals(input.normalized, version),
  };
}

export { NORMALIZER_PROVIDER };
