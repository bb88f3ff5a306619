import type Database from 'better-sqlite3';
import { AppError, ERROR_CODES, type ErrorCode } from '../../core/errors.js';
import type { RecordError } from '../../core/index.js';
import type { SaveResult, ScanRun, ScanRunSummary } from '../ports.js';
import type { EncodedBatch } from './batch-codec.js';
import { ScanRunQueries } from './scan-run-queries.js';
import { ScanWriter } from './scan-writer.js';
import { guard } from './storage-error.js';

/**
 * Every write a store makes, as a plain message: the write worker receives these, and the
 * in-thread writer runs the very same code on them. Reads never come this way.
 */
export type WriteRequest =
  | { op: 'saveBatch'; batch: EncodedBatch }
  | { op: 'startRun'; run: ScanRun }
  | { op: 'addRunErrors'; runId: string; errors: readonly RecordError[] }
  | { op: 'finishRun'; runId: string; status: 'completed' | 'failed'; summary: ScanRunSummary; finishedAt: string };

export type WriteResult = SaveResult | undefined;

/** An AppError as it crosses a thread: its public fields (a cause cannot be cloned faithfully). */
export interface WireError {
  code: ErrorCode;
  detail?: string;
  pointer?: string;
  retryable: boolean;
}

export function toWireError(error: AppError): WireError {
  return {
    code: error.code,
    ...(error.detail !== undefined && { detail: error.detail }),
    ...(error.pointer !== undefined && { pointer: error.pointer }),
    retryable: error.retryable,
  };
}

/** The same AppError again (same code, message, pointer and retry class) on the receiving thread. */
export function fromWireError(wire: WireError): AppError {
  const code = Object.hasOwn(ERROR_CODES, wire.code) ? wire.code : 'STORAGE_FAILED';
  return new AppError(code, {
    ...(wire.detail !== undefined && { detail: wire.detail }),
    ...(wire.pointer !== undefined && { pointer: wire.pointer }),
    retryable: wire.retryable,
  });
}

/** Applies write requests to one connection, each in its own transaction (or single statement). */
export class Writes {
  readonly #scan: ScanWriter;
  readonly #runs: ScanRunQueries;

  constructor(db: Database.Database) {
    this.#scan = new ScanWriter(db);
    this.#runs = new ScanRunQueries(db);
  }

  /** Throws an AppError naming the operation (`STORAGE_FAILED`, or the AppError a check threw). */
  apply(request: WriteRequest): WriteResult {
    return guard(request.op, () => {
      switch (request.op) {
        case 'saveBatch':
          return this.#scan.save(request.batch);
        case 'startRun':
          this.#runs.startRun(request.run);
          return undefined;
        case 'addRunErrors':
          this.#runs.addRunErrors(request.runId, request.errors);
          return undefined;
        case 'finishRun':
          this.#runs.finishRun(request.runId, request.status, request.summary, request.finishedAt);
          return undefined;
      }
    });
  }
}

/** Where writes run; the store awaits each and never has two of its own in one transaction. */
export interface Writer {
  write(request: WriteRequest): Promise<WriteResult>;
  /** Waits for the writes already asked for, then releases the writer; idempotent. */
  close(): Promise<void>;
}

/** Writes on the caller's thread, through the store's own connection (`:memory:`, read-only, or by choice). */
export class ThreadWriter implements Writer {
  readonly #writes: Writes;

  constructor(db: Database.Database) {
    this.#writes = new Writes(db);
  }

  async write(request: WriteRequest): Promise<WriteResult> {
    return this.#writes.apply(request);
  }

  async close(): Promise<void> {}
}
