import { AppError, type Item, type ItemInput, itemKey, itemSchema } from '../core/index.js';

/**
 * An item on the work queue: the item as Rasd's JSONL carries it, the folder its relative media
 * paths are read from (an import's export folder; workers on other machines need it mounted at
 * the same path), and when it was published, for the publish-to-commit latency.
 */
export interface WorkItem {
  item: ItemInput;
  mediaRoot?: string;
  /** Milliseconds since the epoch. */
  publishedAt: number;
}

export function encodeWorkItem(work: WorkItem): string {
  return JSON.stringify(work);
}

/** The de-duplication id on the queue is the item version's key: a re-import publishes nothing new. */
export function workItemId(item: Item): string {
  return itemKey(item);
}

export interface DecodedWorkItem {
  item: Item;
  mediaRoot?: string;
  publishedAt: number;
}

/**
 * Reads a payload; a payload that is not a valid work item will never become one, so the caller
 * dead-letters it (term) with this error's sentence as the reason.
 */
export function decodeWorkItem(payload: Uint8Array): DecodedWorkItem {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(payload).toString('utf8'));
  } catch {
    throw new AppError('RECORD_INVALID', {
      detail: 'the work item is not JSON; publish Rasd work items (rasd import)',
    });
  }
  const envelope = raw as Partial<WorkItem> | null;
  if (envelope === null || typeof envelope !== 'object' || envelope.item === undefined) {
    throw new AppError('RECORD_INVALID', {
      detail: 'the work item has no "item"; publish Rasd work items (rasd import)',
    });
  }
  const parsed = itemSchema.safeParse(envelope.item);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('RECORD_INVALID', {
      detail: `the item is invalid at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
      pointer: `/item/${issue?.path.join('/') ?? ''}`,
    });
  }
  const publishedAt = typeof envelope.publishedAt === 'number' ? envelope.publishedAt : Date.now();
  return {
    item: parsed.data,
    ...(typeof envelope.mediaRoot === 'string' && { mediaRoot: envelope.mediaRoot }),
    publishedAt,
  };
}
