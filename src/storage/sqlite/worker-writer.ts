import { Worker } from 'node:worker_threads';
import { AppError } from '../../core/errors.js';
import { storageFailed } from './storage-error.js';
import { fromWireError, type WireError, type WriteRequest, type WriteResult, type Writer } from './writes.js';

/** What the write worker is started with. */
export interface WorkerData {
  path: string;
  busyTimeoutMs: number;
}

/** Main thread → worker: a write, or `close` (after everything sent before it). */
export interface WorkerMessage {
  id: number;
  request: WriteRequest | 'close';
}

/** Worker → main thread, one per message, in order. */
export type WorkerReply = { id: number; ok: true; result: WriteResult } | { id: number; ok: false; error: WireError };

const workerGone = (op: string, reason: string): AppError =>
  new AppError('STORAGE_FAILED', { detail: `${op}: the write worker ${reason}` });

interface Waiting {
  op: string;
  resolve(result: WriteResult): void;
  reject(error: AppError): void;
}

/**
 * The store's side of the write worker (`write-worker.ts`). Requests are posted at once and
 * answered in order, so a caller may keep one write in flight while it prepares the next; each
 * answer settles its promise with the worker's result or with the worker's AppError rebuilt
 * here. The worker starts with the first write (a store that only reads, like the API's,
 * never starts one) and holds the process open only while a write is outstanding.
 */
export class WorkerWriter implements Writer {
  readonly #url: URL;
  readonly #data: WorkerData;
  #worker: Worker | undefined;
  readonly #waiting = new Map<number, Waiting>();
  #next = 0;
  /** Why the worker is gone, once it is. */
  #gone: string | undefined;
  #closing: Promise<void> | undefined;

  constructor(url: URL, data: WorkerData) {
    this.#url = url;
    this.#data = data;
  }

  write(request: WriteRequest): Promise<WriteResult> {
    if (this.#closing) {
      return Promise.reject(new AppError('STORAGE_FAILED', { detail: `${request.op}: the store is closed` }));
    }
    return this.#send(request.op, request);
  }

  close(): Promise<void> {
    const worker = this.#worker;
    // `close` queues behind the writes already sent, so the worker drains them first.
    this.#closing ??=
      worker === undefined
        ? Promise.resolve()
        : this.#send('close', 'close')
            .catch(() => undefined)
            .then(async () => {
              await worker.terminate();
            });
    return this.#closing;
  }

  #start(): Worker {
    const worker = new Worker(this.#url, { workerData: this.#data });
    worker.unref();
    worker.on('message', (reply: WorkerReply) => this.#settle(reply));
    worker.on('error', (error) => this.#fail(`failed (${error instanceof Error ? error.name : 'unknown'})`));
    worker.on('exit', (code) => this.#fail(`stopped (exit code ${code})`));
    this.#worker = worker;
    return worker;
  }

  #send(op: string, request: WriteRequest | 'close'): Promise<WriteResult> {
    if (this.#gone !== undefined) return Promise.reject(workerGone(op, this.#gone));
    let worker: Worker;
    try {
      worker = this.#worker ?? this.#start();
    } catch (error) {
      return Promise.reject(storageFailed(`${op}: start the write worker`, error));
    }
    const id = ++this.#next;
    return new Promise<WriteResult>((resolve, reject) => {
      try {
        worker.postMessage({ id, request } satisfies WorkerMessage);
      } catch (error) {
        // A value that cannot be copied to the worker; nothing was sent.
        reject(storageFailed(op, error));
        return;
      }
      this.#waiting.set(id, { op, resolve, reject });
      if (this.#waiting.size === 1) worker.ref();
    });
  }

  #settle(reply: WorkerReply): void {
    const waiting = this.#waiting.get(reply.id);
    if (waiting === undefined) return;
    this.#waiting.delete(reply.id);
    if (this.#waiting.size === 0) this.#worker?.unref();
    if (reply.ok) waiting.resolve(reply.result);
    else waiting.reject(fromWireError(reply.error));
  }

  /** The worker is gone: what was waiting fails, and so does every later write. */
  #fail(reason: string): void {
    this.#gone ??= reason;
    for (const waiting of this.#waiting.values()) waiting.reject(workerGone(waiting.op, reason));
    this.#waiting.clear();
    this.#worker?.unref();
  }
}
