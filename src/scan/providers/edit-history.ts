import type { Item, Signal } from '../../core/index.js';
import type { ItemVersionSummary } from '../../storage/ports.js';
import type { ScanInput, SignalProvider } from '../provider.js';

/** Every stored version of the item's message, oldest first (the app passes `store.listItemVersions`). */
export type VersionLookup = (item: Item) => Promise<ItemVersionSummary[]>;

const VERSION = 'edit-history@1';

/**
 * Edit after approval is a known trick: post something harmless, let it be scanned or reviewed,
 * then edit the harmful text in. An edit is a new version (scanned on its own), and this provider
 * adds what the new version cannot show by itself: an earlier version was passed. "Passed" is
 * the human decision when there is one (`keep`), else the scan's verdict (`clear`); an earlier
 * version a reviewer decided to remove is not an approval. The signal only points (the policy
 * sends the edit to review); the edited text is judged by the other providers as usual.
 *
 * Cost: version 0 (every new message) answers at once without a lookup; only edits wait for one.
 */
export function editHistoryProvider(lookup: VersionLookup): SignalProvider {
  return {
    id: 'edit-history',
    kinds: ['tactic'],
    version: VERSION,
    provide: (input: ScanInput) => (input.item.version === 0 ? [] : editSignals(input.item, lookup)),
  };
}

async function editSignals(item: Item, lookup: VersionLookup): Promise<Signal[]> {
  const earlier = (await lookup(item)).filter((v) => v.version < item.version);
  const passed = earlier.filter(wasPassed);
  if (passed.length === 0) return [];
  const byHuman = passed.some((v) => v.decision === 'keep');
  return [
    {
      provider: 'edit-history',
      kind: 'tactic',
      tactic: 'edit-after-scan',
      // A reviewer's keep is a firmer approval to exploit than a scan that saw nothing.
      score: byHuman ? 1 : 0.7,
      label: byHuman ? 'edit-after-approval' : 'edit-after-clear-scan',
      evidence: passed.map((v) => ({ type: 'entry', entry: v.key, source: v.decision ?? `scan:${v.verdict}` })),
      version: VERSION,
    },
  ];
}

function wasPassed(version: ItemVersionSummary): boolean {
  if (version.decision !== undefined) return version.decision === 'keep';
  return version.verdict === 'clear';
}
