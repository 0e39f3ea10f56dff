import type { NewCall } from './calls-insert';
import { storeFault, type StoreFault } from './store-faults';

/** The outcome of storing one call: its id once committed, or why it could not be stored. */
export type StoreOutcome = { ok: true; id: number } | { ok: false; fault: StoreFault; error: unknown };

/**
 * What the writer needs of the repository: a batch insert in one transaction, returning the
 * ids in the order of the calls (CallsRepository writes many rows per INSERT statement, which
 * keeps the full-text index's per-statement flush off each call), with `alongside` run in the
 * same transaction after the rows are inserted.
 */
export interface BatchInsert {
  insert(calls: readonly NewCall[], alongside?: () => void): number[];
}

/**
 * A write that belongs with a call (what the developer's handler taught by answering it): made
 * in the call's transaction, so it costs no commit of its own. It reports its own failures;
 * a throw would undo the batch.
 */
export type AlongsideWrite = () => void;

interface Pending {
  call: NewCall;
  alongside: AlongsideWrite | undefined;
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
 * read in this poll phase has been queued) or as soon as it holds `maxBatch` calls.
 */
export class BatchedWriter {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(
    private readonly calls: BatchInsert,
    private readonly maxBatch = DEFAULT_MAX_BATCH,
  ) {}

  write(call: NewCall, alongside?: AlongsideWrite): Promise<StoreOutcome> {
    return new Promise((resolve) => {
      this.queue.push({ call, alongside, resolve });
      if (this.queue.length >= this.maxBatch) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(this.onImmediate);
      }
    });
  }

  /** Writes everything queued now, in one transaction. */
  flush(): void {
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    let ids: number[];
    const alongside = batch.some((pending) => pending.alongside) ? () => batch.forEach((pending) => pending.alongside?.()) : undefined;
    try {
      ids = this.calls.insert(
        batch.map((pending) => pending.call),
        alongside,
      );
    } catch (error) {
      const fault = storeFault(error);
      for (const pending of batch) pending.resolve({ ok: false, fault, error });
      return;
    }
    batch.forEach((pending, i) => pending.resolve({ ok: true, id: ids[i]! }));
  }

  private readonly onImmediate = (): void => {
    this.scheduled = false;
    this.flush();
  };
}
