/**
 * `work`, or a rejection with `message` once `ms` have passed, whichever comes first. The NATS
 * client leaves some waits unbounded (a flush, a stream look-up on a half-open connection), and
 * a worker's stop or a readiness probe must not wait with them. The timer is cleared as soon as
 * `work` settles, and never holds the process open.
 */
export function withinTime<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    timer.unref();
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
