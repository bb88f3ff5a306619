import type { LineageCandidate } from '../../analysis/network-types.js';
import type { Evidence, Item, Signal } from '../../core/index.js';
import type { Link } from '../../detect/text/links/index.js';
import type { ScanInput, SignalProvider } from '../provider.js';

/** What a scan has worked out about an item that the network's observation needs too. */
export interface ScanSeen {
  normalizedText: string;
  links?: readonly Link[];
}

/** What the provider needs of the channel network: the app's `ChannelNetwork` is one. */
export interface LineageView {
  /** The closed chat this item's chat most likely succeeds, when it looks like one. */
  /** `seen`: what the scan worked out already (normalised text, links), so it is not redone. */
  lineageFor(item: Item, seen?: ScanSeen): LineageCandidate | undefined;
}

const VERSION = 'lineage@1';

/**
 * Raises the items of a chat that looks like the successor of a closed one (a backup, mirror or
 * resurrected channel), so that they reach a reviewer while the owners are still moving their
 * audience. It only points: the policy sends such items to review, never to a takedown on
 * lineage alone. Evidence names the closed chat's node and the factors, ids and handles only.
 */
export function lineageSignal(candidate: LineageCandidate): Signal {
  const evidence: Evidence[] = [
    { type: 'entry', entry: candidate.closed, source: 'closed-chat' },
    ...candidate.reasons.map((reason): Evidence => ({ type: 'feature', name: reason.factor, weight: reason.value })),
  ];
  return {
    provider: 'lineage',
    kind: 'lineage',
    score: Math.min(1, Math.max(0, candidate.score)),
    label: 'successor-of-closed',
    evidence,
    version: VERSION,
  };
}

export function lineageProvider(view: LineageView): SignalProvider {
  return {
    id: 'lineage',
    kinds: ['lineage'],
    version: VERSION,
    provide: (input: ScanInput) => {
      const candidate = view.lineageFor(input.item, {
        normalizedText: input.normalized.text,
        ...(input.foundLinks !== undefined && { links: input.foundLinks() }),
      });
      return candidate === undefined ? [] : [lineageSignal(candidate)];
    },
  };
}
