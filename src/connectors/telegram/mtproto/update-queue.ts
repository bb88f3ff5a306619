import type { AppError } from '../../../core/index.js';
import type { MonitorLog } from './monitor-runtime.js';

/**
 * The monitor's live work, one step at a time in arrival order, with limits: at most `maxDepth`
 * steps wait; past that, pushed updates are dropped and one catch-up is queued instead, which
 * fetches them again by pts (lossless, and memory stays bounded under a flood of updates). A poll
 * already waiting is not queued twice. A failed live update schedules a catch-up of its box after
 * a backoff that doubles while catch-ups keep failing. A revoked session stops it all and
 * resolves `failed`, so the caller can exit.
 */

export interface UpdateQueueOptions {
  log: MonitorLog;
  sleep: (ms: number) => Promise<void>;
  /** Steps that may wait before pushed updates are dropped for one catch-up. */
  maxDepth: number;
  /** First delay before a failed update's box is caught up; doubles up to `maxRetryMs`. */
  retryMs: number;
  maxRetryMs: number;
  /** Called once when a step fails on a revoked session (TELEGRAM_SESSION_INVALID). */
  onSessionLost: (error: AppError) => void;
}

export class UpdateQueue {
  #chain: Promise<void> = Promise.resolve();
  #waiting = 0;
  #catchUpQueued = false;
  #pollQueued = false;
  #retry: Promise<void> | undefined;
  #retries = 0;
  #closed = false;
  #wake: (() => void) | undefined;

  constructor(private readonly options: UpdateQueueOptions) {}

  /** Resolves once every queued step and a scheduled retry have run. */
  async idle(): Promise<void> {
    for (;;) {
      const chain = this.#chain;
      const retry = this.#retry;
      await Promise.all([chain, retry]);
      if (chain === this.#chain && retry === this.#retry) return;
    }
  }

  /** Nothing waits, runs or is scheduled. */
  get isIdle(): boolean {
    return this.#waiting === 0 && this.#retry === undefined;
  }

  /** Stops taking work and cuts a retry's wait short; queued steps still finish. */
  close(): void {
    this.#closed = true;
    this.#wake?.();
  }

  open(): void {
    this.#closed = false;
  }

  /** A step (start-up catch-up, recovery) that is never dropped. */
  push(step: () => Promise<void>): void {
    this.#add(step, 'telegram.update.failed');
  }

  /**
   * A pushed update. When too many steps wait it is dropped and `catchUp` queued once instead;
   * when it fails, `recover` runs after a backoff.
   */
  pushUpdate(step: () => Promise<void>, catchUp: () => Promise<void>, recover: () => Promise<void>): void {
    if (this.#closed) return;
    if (this.#waiting < this.options.maxDepth) {
      this.#add(step, 'telegram.update.failed', () => this.#retryLater(recover));
      return;
    }
    if (this.#catchUpQueued) return;
    this.#catchUpQueued = true;
    this.options.log.warn({ waiting: this.#waiting }, 'telegram.updates.overflow');
    this.#add(async () => {
      this.#catchUpQueued = false;
      await catchUp();
    }, 'telegram.update.failed');
  }

  /** A timed poll, skipped while one is still waiting or running. */
  pushPoll(poll: () => Promise<void>): void {
    if (this.#closed || this.#pollQueued) return;
    this.#pollQueued = true;
    this.#add(async () => {
      try {
        await poll();
      } finally {
        this.#pollQueued = false;
      }
    }, 'telegram.poll.failed');
  }

  #add(step: () => Promise<void>, failure: string, onFailure?: () => void): void {
    this.#waiting++;
    this.#chain = this.#chain
      .then(step)
      .catch((error: unknown) => {
        if (this.#sessionLost(error)) return;
        this.options.log.warn({ code: (error as { code?: unknown }).code }, failure);
        onFailure?.();
      })
      .finally(() => {
        this.#waiting--;
      });
  }

  #sessionLost(error: unknown): boolean {
    const code = (error as { code?: unknown } | undefined)?.code;
    if (code !== 'TELEGRAM_SESSION_INVALID') return false;
    this.close();
    this.options.log.warn({ code }, 'telegram.session.invalid');
    this.options.onSessionLost(error as AppError);
    return true;
  }

  /** One retry at a time: a retry already scheduled catches up every box that fell behind. */
  #retryLater(recover: () => Promise<void>): void {
    if (this.#retry !== undefined || this.#closed) return;
    const delay = Math.min(this.options.maxRetryMs, this.options.retryMs * 2 ** this.#retries);
    this.#retries++;
    this.#retry = this.#wait(delay).then(() => {
      this.#retry = undefined;
      if (this.#closed) return;
      this.#add(
        async () => {
          await recover();
          this.#retries = 0;
        },
        'telegram.update.recovery-failed',
        () => this.#retryLater(recover),
      );
    });
  }

  #wait(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      this.#wake = resolve;
      this.options.sleep(ms).then(resolve, resolve);
    });
  }
}
