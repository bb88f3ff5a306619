import type { Assessment, Category, Item, MediaKind } from '../../core/index.js';

/**
 * Whether a case counts against a reviewer's daily cap on graphic cases (`wellbeing.ts`). The
 * scan sees no pixels, so this is a proxy from what it does know, chosen to err towards
 * protecting the reviewer: the item carries a picture or moving image the dashboard will show,
 * and either the assessment names a category whose media is typically violent imagery (attack
 * footage and claims, official propaganda with its execution videos, threats) or a media bank
 * matched (bank entries are hashes of known terrorist media, which is mostly such imagery).
 * Audio, voice, stickers and plain documents are not shown as images, so they never count.
 */

/** Media the case screen shows as a picture or a moving image. */
const VISUAL_KINDS: ReadonlySet<MediaKind> = new Set(['photo', 'video', 'animation', 'video-note']);

/** Categories whose attached media is typically graphic violence; text-led ones (financing, praise…) are not. */
export const GRAPHIC_CATEGORIES: ReadonlySet<Category> = new Set(['attack-details', 'branded', 'threat']);

/** A file the reviewer can actually be shown: one missing from the export exposes no one. */
function showsVisualMedia(item: Pick<Item, 'media'>): boolean {
  return item.media.some((m) => VISUAL_KINDS.has(m.kind) && (m.status === 'present' || m.status === 'remote'));
}

export function isGraphicCase(
  item: Pick<Item, 'media'>,
  assessment: Pick<Assessment, 'categories' | 'signals'>,
): boolean {
  if (!showsVisualMedia(item)) return false;
  if (assessment.categories.some((c) => GRAPHIC_CATEGORIES.has(c))) return true;
  return assessment.signals.some((s) => s.provider === 'media-bank' && s.kind === 'bank-match');
}
