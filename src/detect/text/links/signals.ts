import type { Evidence, Signal, Tactic } from '../../../core/index.js';
import type { Link, LinkKind } from './types.js';

/** Version of the link rules (lists, tricks, scores); lands in every Signal. */
export const LINKS_VERSION = 'links@1';

/**
 * Scores are how much a finding says on its own, not verdicts: an invite link or a file locker
 * is how removed content is found again, but news channels post both every day. A disguised
 * link says more, because someone took the trouble to get it past a filter. The policy decides.
 */
export const LINK_SCORES = {
  'obfuscated-url': 0.5,
  'hidden-text-link': 0.4,
  'file-host-outlink': 0.4,
  'invite-link': 0.3,
  shortener: 0.2,
} as const satisfies Partial<Record<Tactic, number>>;

type LinkTactic = keyof typeof LINK_SCORES;

const KIND_TACTICS: Partial<Record<LinkKind, LinkTactic>> = {
  'telegram-invite': 'invite-link',
  shortener: 'shortener',
  'file-host': 'file-host-outlink',
  paste: 'file-host-outlink',
};

interface Finding {
  tactic: LinkTactic;
  /** The link kind for kind findings; the tactic itself for how the link was written. */
  label: string;
}

function findingsOf(link: Link): Finding[] {
  const found: Finding[] = [];
  if (link.source === 'hidden') found.push({ tactic: 'hidden-text-link', label: 'hidden-text-link' });
  if (link.obfuscated.length > 0) found.push({ tactic: 'obfuscated-url', label: 'obfuscated-url' });
  for (const kind of link.kind) {
    const tactic = KIND_TACTICS[kind];
    if (tactic) found.push({ tactic, label: kind });
  }
  return found;
}

/**
 * One Signal per finding and host: three links to one file locker make one `file-host-outlink`
 * signal with three spans. Evidence names the host (as an entry, with the normalised url as its
 * source) and, for disguised links, each trick undone. A plain link to an ordinary site, or to a
 * public channel, is no finding and yields nothing.
 */
export function linkSignals(links: readonly Link[], version: string = LINKS_VERSION): Signal[] {
  const byKey = new Map<string, { signal: Signal; seen: Set<string> }>();
  for (const link of links) {
    for (const finding of findingsOf(link)) {
      const key = `${finding.tactic}\u0000${finding.label}\u0000${link.host}`;
      let entry = byKey.get(key);
      if (!entry) {
        const signal: Signal = {
          provider: 'links',
          kind: 'link',
          score: LINK_SCORES[finding.tactic],
          tactic: finding.tactic,
          label: finding.label,
          evidence: [],
          version,
        };
        entry = { signal, seen: new Set() };
        byKey.set(key, entry);
      }
      addEvidence(entry.signal.evidence, entry.seen, link, finding);
    }
  }
  return [...byKey.values()].map((entry) => entry.signal);
}

function addEvidence(evidence: Evidence[], seen: Set<string>, link: Link, finding: Finding): void {
  if (link.start !== undefined && link.end !== undefined) {
    evidence.push({ type: 'span', start: link.start, end: link.end, term: finding.label });
  }
  if (!seen.has(link.url)) {
    seen.add(link.url);
    evidence.push({ type: 'entry', entry: link.host, source: link.url });
  }
  if (finding.tactic !== 'obfuscated-url') return;
  for (const trick of link.obfuscated) {
    if (seen.has(`trick:${trick}`)) continue;
    seen.add(`trick:${trick}`);
    evidence.push({ type: 'feature', name: trick, weight: 1 });
  }
}
