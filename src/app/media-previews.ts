import { isAbsolute, resolve } from 'node:path';
import { itemKey } from '../core/index.js';
import { imagePreview } from '../detect/media/index.js';
import type { AfterSaveContext } from '../scan/index.js';
import type { MediaPreview, MediaPreviewStore, ScanBatch } from '../storage/ports.js';

/**
 * Keeps a small preview of each image of an item that went to review, right after its batch is
 * stored, while the export folder is certainly there (see migration 0009 for why the copy).
 * Only case items get one: previews are for reviewers, not an archive of everything scanned.
 * A picture that cannot be previewed (missing, corrupt, over a limit) is reported and skipped;
 * the case still opens and the reviewer sees that the media had no preview.
 */

/** Kinds that are still pictures; video frames are not previewed yet (the case shows the kind). */
const PICTURE_KINDS = new Set(['photo', 'sticker']);
const PICTURE_MIME = /^image\/(jpeg|png|webp|gif)$/;

export interface PreviewProblem {
  itemKey: string;
  mediaIndex: number;
  reason: string;
}

export async function previewBatch(
  store: MediaPreviewStore,
  batch: Pick<ScanBatch, 'items' | 'cases'>,
  context: AfterSaveContext,
  now: () => Date = () => new Date(),
): Promise<{ saved: number; problems: PreviewProblem[] }> {
  const caseItems = new Set(batch.cases.map((c) => c.itemKey));
  const previews: MediaPreview[] = [];
  const problems: PreviewProblem[] = [];
  for (const item of batch.items) {
    const key = itemKey(item);
    if (!caseItems.has(key)) continue;
    const root = context.mediaRoots.get(key) ?? process.cwd();
    for (const [index, ref] of item.media.entries()) {
      const picture = PICTURE_KINDS.has(ref.kind) || (ref.kind === 'document' && PICTURE_MIME.test(ref.mime ?? ''));
      if (!picture || ref.status !== 'present' || ref.path === undefined) continue;
      // The connector refused paths that leave the export ('rejected'); a present one is inside it.
      const path = isAbsolute(ref.path) ? ref.path : resolve(root, ref.path);
      try {
        const preview = await imagePreview(path);
        previews.push({ itemKey: key, mediaIndex: index, ...preview, createdAt: now().toISOString() });
      } catch (error) {
        problems.push({ itemKey: key, mediaIndex: index, reason: (error as Error).message.split('\n')[0] ?? '' });
      }
    }
  }
  await store.saveMediaPreviews(previews);
  return { saved: previews.length, problems };
}
