/**
 * `work`, or a rejection with `late()`'s error once `ms` have passed, whichever comes first.
 * For waits that cannot be interrupted or are left unbounded by what runs them (a libvips
 * decode, an extractor's whole file, a Telegram download, a NATS flush or stream look-up on a
 * half-open connection): the caller stops waiting, and the work's own later failure is handled
 * here, so it never surfaces as an unhandled rejection. `late` runs once, at the moment time is
 * up, so it can also tell the work to stop (set a flag it checks). The timer is cleared as soon
 * as `work` settles.
 */
export function withinTime<T>(work: Promise<T>, ms: number, late: () => Error): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(late()), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
