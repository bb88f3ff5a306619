import type { Category, RecordError, Verdict } from '../core/index.js';
import type { ScanRunSummary } from '../storage/ports.js';

/** Running totals of a scan; errors are kept in full because the CLI must list them. */
export class ScanTally {
  items = 0;
  unchanged = 0;
  channelEvents = 0;
  readonly verdicts: Record<Verdict, number> = { violating: 0, review: 0, clear: 0 };
  readonly byCategory = new Map<string, number>();
  readonly byOrg = new Map<string, number>();
  readonly errors: RecordError[] = [];

  count(verdict: Verdict, categories: readonly Category[], orgs: readonly string[]): void {
    this.items++;
    this.verdicts[verdict]++;
    if (verdict === 'clear') return;
    // Categories and organisations are counted for flagged items only: a news report that
    // names a group is a mention, not a finding.
    for (const c of categories) this.byCategory.set(c, (this.byCategory.get(c) ?? 0) + 1);
    for (const o of orgs) this.byOrg.set(o, (this.byOrg.get(o) ?? 0) + 1);
  }

  summary(): ScanRunSummary {
    return {
      items: this.items,
      unchanged: this.unchanged,
      violating: this.verdicts.violating,
      review: this.verdicts.review,
      clear: this.verdicts.clear,
      channelEvents: this.channelEvents,
      byCategory: Object.fromEntries([...this.byCategory].sort((a, b) => b[1] - a[1])),
      byOrg: Object.fromEntries([...this.byOrg].sort((a, b) => b[1] - a[1])),
      errors: [...this.errors],
    };
  }
}
