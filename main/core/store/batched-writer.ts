import type { NewCall } from './calls-repository';
import { storeFault, type StoreFault } from './store-faults';

/** The outcome of storing one call: its id once committed, or why it could not be stored. */
export type StoreOutcome = { ok: true; id: number } | { ok: false; fault: StoreFault; error: unknown };

/**
 * What the writer needs of the repository: a batch insert in one transaction, committed when
 * it returns, or when its promise resolves (written on another thread).
 */
export interface BatchInsert {
  insert(calls: readonly NewCall[]): number[] | Promise<number[]>;
}

interface Pending {
  call: NewCall;
  resolve: (outcome: StoreOutcome) => void;
}

/** Largest batch written in one transaction; a full queue is written at once. */
export const DEFAULT_MAX_BATCH = 256;

/**
 * Group commit: calls that arrive together are written in one transaction, so SQLite's
 * per-commit cost is paid once per burst instead of once per call. Each promise settles only
 * after the transaction holding its row committed (or failed, when every call of the batch
 * gets the same failure: the batch is all or nothing), so an answer sent after it never
 * describes a call the history could lose.
 *
 * The queue is flushed on the next turn of the event loop (setImmediate: after every request
 * read in this poll phase has been queued) or as soon as it holds `maxBatch` calls. When the
 * insert is asynchronous, one batch is in flight at a time and the calls that arrive
 * meanwhile form the next one, written as soon as the first is committed: batches grow with
 * the load instead of waiting for each other.
 */
export class BatchedWriter {
  private queue: Pending[] = [];
  private scheduled = false;
  private writing = false;

  constructor(
    private readonly calls: BatchInsert,
    private readonly maxBatch = DEFAULT_MAX_BATCH,
  ) {}

  write(call: NewCall): Promise<StoreOutcome> {
    return new Promise((resolve) => {
      this.queue.push({ call, resolve });
      // A batch in flight flushes the queue when it is done.
      if (this.writing) return;
      if (this.queue.length >= this.maxBatch) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(this.onImmediate);
      }
    });
  }

  /** Writes what is queued now (up to `maxBatch` calls) in one transaction, unless a batch is in flight. */
  flush(): void {
    if (this.writing || this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.maxBatch);
    let written: number[] | Promise<number[]>;
    try {
      written = this.calls.insert(batch.map((pending) => pending.call));
    } catch (error) {
      fail(batch, error);
      return;
    }
    if (Array.isArray(written)) {
      settle(batch, written);
      return;
    }
    this.writing = true;
    written.then(
      (ids) => this.done(() => settle(batch, ids)),
      (error: unknown) => this.done(() => fail(batch, error)),
    );
  }

  private done(settleBatch: () => void): void {
    this.writing = false;
    settleBatch();
    this.flush();
  }

  private readonly onImmediate = (): void => {
    this.scheduled = false;
    this.flush();
  };
}

function settle(batch: readonly Pending[], ids: readonly number[]): void {
  batch.forEach((pending, i) => pending.resolve({ ok: true, id: ids[i]! }));
}

/** A batch is all or nothing: every call of it gets the same fault. */
function fail(batch: readonly Pending[], error: unknown): void {
  const fault = storeFault(error);
  for (const pending of batch) pending.resolve({ ok: false, fault, error });
}
