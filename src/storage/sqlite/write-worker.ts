/**
 * The write worker: a thread that owns one connection to the store's file and applies write
 * requests in the order they come, so that SQLite's work on one core overlaps with reading and
 * scanning on the other. Started by `WorkerWriter`; never imported by anything else.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase, WRITER_CACHE_KIB } from './connection.js';
import { storageFailed } from './storage-error.js';
import type { WorkerData, WorkerMessage, WorkerReply } from './worker-writer.js';
import { toWireError, Writes } from './writes.js';

const port = parentPort;
if (port === null) throw new Error('write-worker.js runs as a worker thread, started by the SQLite store');
const options = workerData as WorkerData;

let state: { db: ReturnType<typeof openDatabase>; writes: Writes } | { failure: ReturnType<typeof storageFailed> };
try {
  const db = openDatabase({
    path: options.path,
    fileMustExist: true,
    busyTimeoutMs: options.busyTimeoutMs,
    cacheKib: WRITER_CACHE_KIB,
  });
  state = { db, writes: new Writes(db) };
} catch (error) {
  state = { failure: storageFailed(`open writer on "${options.path}"`, error) };
}

port.on('message', (message: WorkerMessage) => {
  let reply: WorkerReply;
  try {
    if (message.request === 'close') {
      if ('db' in state) state.db.close();
      reply = { id: message.id, ok: true, result: undefined };
    } else {
      if ('failure' in state) throw state.failure;
      reply = { id: message.id, ok: true, result: state.writes.apply(message.request) };
    }
  } catch (error) {
    const op = message.request === 'close' ? 'close' : message.request.op;
    reply = { id: message.id, ok: false, error: toWireError(storageFailed(op, error)) };
  }
  port.postMessage(reply);
});
