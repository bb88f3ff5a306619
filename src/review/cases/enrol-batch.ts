import { type CaseEvent, itemKey } from '../../core/index.js';
import { languageOf } from '../../scan/providers/language.js';
import type { ScanBatch } from '../../storage/ports.js';
import { type CaseDeskStore, enrolCase } from './case-desk.js';
import { isGraphicCase } from './graphic.js';
import { priorityRank } from './priority.js';
import { queueKey } from './queue-key.js';

/**
 * Puts the cases a stored scan batch opened into the review queues. Run after the batch
 * commits, so a queued case always has its item; `enrolCase` is idempotent, and a rescan opens
 * no new case for a version already assessed, so rescans do not duplicate queue entries.
 * Channel size is not known to scans yet, so reach is the item's views alone.
 */
export async function enrolBatch(
  store: CaseDeskStore,
  batch: Pick<ScanBatch, 'items' | 'assessments' | 'cases' | 'caseEvents'>,
): Promise<number> {
  const items = new Map(batch.items.map((i) => [itemKey(i), i]));
  const assessments = new Map(batch.assessments.map((a) => [a.itemKey, a]));
  const opened = new Map<string, Extract<CaseEvent, { type: 'case.opened' }>>();
  for (const e of batch.caseEvents) if (e.type === 'case.opened') opened.set(e.caseId, e);
  let enrolled = 0;
  for (const c of batch.cases) {
    const item = items.get(c.itemKey);
    const assessment = assessments.get(c.itemKey);
    const event = opened.get(c.id);
    if (!item || !assessment || !event) continue;
    const lang = languageOf({ text: item.text }).lang;
    const routing = {
      category: assessment.categories[0] ?? '',
      lang: lang === 'und' ? '' : lang,
      org: assessment.orgs[0] ?? '',
    };
    const rank = priorityRank({
      severity: assessment.severity,
      confidence: assessment.confidence,
      ...(item.views !== undefined && { views: item.views }),
      postedAt: item.postedAt,
    });
    const graphic = isGraphicCase(item, assessment);
    await enrolCase(store, c.id, { ...routing, queue: queueKey(routing), graphic, rank }, event);
    enrolled++;
  }
  return enrolled;
}
