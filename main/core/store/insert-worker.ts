import { Worker } from 'node:worker_threads';
import { refineStoreError } from './store-faults';

/**
 * The worker's program, plain JavaScript so it runs the same under the headless command
 * (TypeScript through a loader), the tests and the desktop bundle, none of which has to
 * know about a second entry file. It opens its own connection to the history and writes each
 * batch it is sent in one transaction, answering with the new ids once committed.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let insertAll = null;
let openError = null;
try {
  const db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {});
  for (const pragma of workerData.pragmas) db.pragma(pragma);
  const statement = db.prepare(workerData.sql);
  insertAll = db.transaction((rows) => rows.map((row) => Number(statement.run(row).lastInsertRowid)));
} catch (error) {
  openError = error;
}
parentPort.postMessage(openError ? { openFailed: String(openError && openError.message || openError) } : { ready: true });
// Structured cloning turns Buffers into plain Uint8Arrays; SQLite binds Buffers as blobs.
const asBlobs = (row) => {
  for (const name in row) {
    const value = row[name];
    if (value instanceof Uint8Array && !Buffer.isBuffer(value)) row[name] = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  }
  return row;
};
parentPort.on('message', (message) => {
  try {
    if (openError) throw openError;
    parentPort.postMessage({ seq: message.seq, ids: insertAll(message.rows.map(asBlobs)) });
  } catch (error) {
    parentPort.postMessage({ seq: message.seq, error: { message: String(error && error.message || error), code: error && typeof error.code === 'string' ? error.code : undefined } });
  }
});
`;

type WorkerMessage =
  | { ready: true }
  | { openFailed: string }
  | { seq: number; ids?: number[]; error?: { message: string; code?: string } };

export interface InsertWorkerOptions {
  /** The history database file (WAL mode already set by the main connection). */
  file: string;
  /** The INSERT statement, with named parameters. */
  sql: string;
  /** Connection settings, e.g. `busy_timeout = 5000`. */
  pragmas: readonly string[];
  /** A better-sqlite3 binary built for this runtime (the desktop app's Electron build). */
  nativeBinding?: string;
}

/**
 * The writer thread could not start here (its program or the driver failed to load, or it
 * could not open the history): the caller writes on its own thread instead.
 */
export class WriterUnavailable extends Error {}

interface InFlight {
  resolve: (ids: number[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Writes batches of rows on a worker thread with its own SQLite connection, so the
 * transaction (insert, triggers, full-text index, commit) no longer holds the event loop
 * that reads and answers the next calls. A batch's promise settles once its transaction
 * committed, or failed; the caller keeps answering only after that.
 */
export class InsertWorker {
  private worker: Worker | null = null;
  private ready = false;
  private unavailable: WriterUnavailable | null = null;
  private seq = 0;
  private readonly inFlight = new Map<number, InFlight>();

  /** Starts the thread now, so the first call does not wait for it to load and open the history. */
  constructor(private readonly options: InsertWorkerOptions) {
    this.start();
  }

  insert(rows: Record<string, unknown>[]): Promise<number[]> {
    if (this.unavailable) return Promise.reject(this.unavailable);
    const worker = this.worker ?? this.start();
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      this.inFlight.set(seq, { resolve, reject });
      worker.postMessage({ seq, rows });
    });
  }

  /** Stops the worker; batches still in flight fail (their calls are answered 503, not lost silently). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    // Failed first: an acknowledgement arriving while the worker stops is not waited for.
    this.failAll(new Error('The history was closed before this call was written.'));
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { ...this.options, driver: require.resolve('better-sqlite3') },
    });
    // Never keeps the process alive by itself; close() ends it.
    worker.unref();
    worker.on('message', (message: WorkerMessage) => {
      if ('ready' in message) {
        this.ready = true;
        return;
      }
      if ('openFailed' in message) {
        this.giveUp(worker, message.openFailed);
        return;
      }
      const waiting = this.inFlight.get(message.seq);
      if (!waiting) return;
      this.inFlight.delete(message.seq);
      if (message.ids) waiting.resolve(message.ids);
      else {
        const error = Object.assign(new Error(message.error?.message ?? 'unknown failure'), { code: message.error?.code });
        waiting.reject(refineStoreError(error, this.options.file));
      }
    });
    const onGone = (error: unknown) => {
      if (this.worker !== worker) return;
      // Never got going: write elsewhere from now on. Died later: fail what was in flight, start again on the next batch.
      if (!this.ready) {
        this.giveUp(worker, error instanceof Error ? error.message : String(error));
        return;
      }
      this.worker = null;
      this.ready = false;
      this.failAll(error);
    };
    worker.on('error', onGone);
    worker.on('exit', (code) => onGone(new Error(`The history writer stopped (exit code ${code}).`)));
    this.worker = worker;
    return worker;
  }

  private giveUp(worker: Worker, why: string): void {
    this.unavailable = new WriterUnavailable(`The history writer thread could not start: ${why}`);
    if (this.worker === worker) this.worker = null;
    void worker.terminate();
    this.failAll(this.unavailable);
  }

  private failAll(error: unknown): void {
    for (const waiting of this.inFlight.values()) waiting.reject(error);
    this.inFlight.clear();
  }
}
