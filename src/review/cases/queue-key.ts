/** What routes a case: reviewers are grouped by the category, language and organisation they know. */
export interface QueueRouting {
  category: string;
  lang: string;
  org?: string;
}

const ANY = '*';

/**
 * `category/lang/org`, e.g. `recruitment/ar/*`. Parts are lower-cased and slashes replaced,
 * so one organisation spelled two ways does not split a queue, and the key parses back.
 */
export function queueKey(routing: QueueRouting): string {
  const part = (v: string | undefined) => {
    const cleaned = (v ?? '').trim().toLowerCase().replaceAll('/', '-');
    return cleaned === '' ? ANY : cleaned;
  };
  return [part(routing.category), part(routing.lang), part(routing.org)].join('/');
}

/** Whether a queue key falls under a filter key, where `*` in the filter matches any part. */
export function queueMatches(key: string, filter: string): boolean {
  const k = key.split('/');
  return filter.split('/').every((part, i) => part === ANY || part === k[i]);
}
