import type { BusMessage, PublishResult } from './ports.js';
import { busUnavailable, reasonOf } from './settings.js';

export type PublishOne = (message: BusMessage) => Promise<'published' | 'duplicate'>;

/**
 * Publishes with at most `window` acknowledgements outstanding, so a fast importer waits for the
 * queue instead of piling up unacknowledged messages in its own memory.
 */
export async function publishWindowed(
  messages: readonly BusMessage[],
  window: number,
  publishOne: PublishOne,
): Promise<PublishResult> {
  const result: PublishResult = { published: 0, duplicates: 0 };
  let failure: unknown;
  let pending = 0;
  let freed: (() => void) | undefined;
  const settle = () => {
    pending -= 1;
    const wake = freed;
    freed = undefined;
    wake?.();
  };
  for (const message of messages) {
    if (failure !== undefined) break;
    pending += 1;
    publishOne(message).then(
      (outcome) => {
        if (outcome === 'published') result.published += 1;
        else result.duplicates += 1;
        settle();
      },
      (error: unknown) => {
        failure ??= error;
        settle();
      },
    );
    while (pending >= window) await new Promise<void>((resolve) => (freed = resolve));
  }
  while (pending > 0) await new Promise<void>((resolve) => (freed = resolve));
  if (failure !== undefined) {
    const done = result.published + result.duplicates;
    throw busUnavailable(
      `published ${done} of ${messages.length} messages before ${reasonOf(failure)}; ` +
        'publish the same batch again: ids already taken are dropped as duplicates',
      failure,
    );
  }
  return result;
}
