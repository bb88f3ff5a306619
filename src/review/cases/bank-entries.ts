import type { Category, Item } from '../../core/index.js';
import type { NewBankEntry } from '../../storage/ports.js';

/**
 * What a confirmed bank add writes: the exact hashes of the item's media as the export recorded
 * them. Perceptual hashes need the file itself, which review does not have, so only SHA-256
 * goes in. The provenance names the case, so every entry leads back to the decision behind it.
 */
export function bankEntriesFor(
  item: Pick<Item, 'media'>,
  input: { caseId: string; requestId: string; addedBy: string; category?: Category },
): NewBankEntry[] {
  const hashes = new Set(item.media.flatMap((m) => (m.sha256 === undefined ? [] : [m.sha256])));
  return [...hashes].map((value) => ({
    signalType: 'sha256',
    value,
    source: `review:${input.caseId}`,
    addedBy: input.addedBy,
    note: `bank add ${input.requestId}`.slice(0, 255),
    ...(input.category !== undefined && { category: input.category }),
  }));
}
