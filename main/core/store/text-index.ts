import type { Database, Statement } from 'better-sqlite3';
import { defineReadableText, readableSql } from './readable-sql';
import { IdleWorker } from './idle-worker';
import { textIndexMergeStep, type TextIndexMergeStep } from './text-index-merge';

/**
 * Keeps the full-text index of request bodies (migrations 5 and 6) caught up, off the answer
 * path. What is indexed is a body's readable text (readable-sql.ts: `\u00fc` as "ü"). Calls are stored without an index entry; this adds the entries in idle time, a few
 * hundred per statement (the index pays a fixed cost per statement, so large batches cost about
 * half as much per call as the insert trigger did). Searches read the index up to
 * `indexed_up_to` and scan the calls above it, so a call is findable the moment it is stored.
 *
 * "Idle" is read from the history itself: when no call was stored since the last look, the
 * writer is quiet and the backlog is indexed slice by slice. Under sustained load the backlog
 * may not grow past `maxBacklog`, which bounds the scan a search does; past it, slices run
 * even while calls arrive.
 */
export interface TextIndexOptions {
  /** How often to look for work, in ms. */
  intervalMs?: number;
  /** Calls indexed per statement (and transaction). */
  sliceRows?: number;
  /** Calls left unindexed at most while calls keep arriving. */
  maxBacklog?: number;
  /**
   * Calls indexed per statement while calls keep arriving (past `maxBacklog`): small enough
   * that a call arriving meanwhile waits a few milliseconds, not the tens a full slice takes.
   */
  busySliceRows?: number;
  /**
   * A slice failed (a full disk, a read-only history). Told once per stretch of failures (the
   * next look tries again, and the first success ends the stretch), so a full disk is not
   * reported ten times a second.
   */
  onError?: (error: unknown) => void;
}

/** Calls left unindexed at most while calls keep arriving, unless told otherwise. */
export const DEFAULT_MAX_BACKLOG = 20_000;

const DEFAULTS = { intervalMs: 100, sliceRows: 512, maxBacklog: DEFAULT_MAX_BACKLOG, busySliceRows: 128 };
/**
 * The index's segments are merged in steps of their own, not by FTS5 inside the write that tips
 * a level: that merge landed in a slice and held it for up to 70 ms (3 ms at the median, for
 * slices of 128). A step of 64 pages holds the thread 4 ms at the median, 25 ms at most.
 */
const MERGE_STEP_PAGES = 64;
/** Merge pages owed per call indexed: as many segments left as FTS5's own merging leaves. */
const MERGE_PAGES_PER_CALL = 0.5;

export class TextIndexer extends IdleWorker {
  private readonly options: Required<Omit<TextIndexOptions, 'onError'>> & Pick<TextIndexOptions, 'onError'>;
  private readonly mark: Statement;
  private readonly sliceEnd: Statement;
  private readonly addEntries: Statement;
  private readonly setMark: Statement;
  private readonly merge: TextIndexMergeStep;
  /** Merge work (pages) the slices indexed so far call for and no step has done yet. */
  private mergeOwed = 0;

  constructor(db: Database, options: TextIndexOptions = {}) {
    super(db, options.intervalMs ?? DEFAULTS.intervalMs, options.onError);
    this.options = { ...DEFAULTS, ...options };
    defineReadableText(db);
    this.mark = db.prepare('SELECT indexed_up_to FROM text_index_state').pluck();
    this.sliceEnd = db.prepare('SELECT max(id) FROM (SELECT id FROM calls WHERE id > ? ORDER BY id LIMIT ?)').pluck();
    this.addEntries = db.prepare(
      `INSERT INTO calls_text (rowid, body) SELECT id, ${readableSql('request_body')} FROM calls WHERE id > ? AND id <= ?`,
    );
    this.setMark = db.prepare('UPDATE text_index_state SET indexed_up_to = ?');
    this.merge = textIndexMergeStep(db);
    // A read-only history indexes nothing (and may not write the setting).
    if (!db.readonly) db.prepare("INSERT INTO calls_text (calls_text, rank) VALUES ('automerge', 0)").run();
  }

  /** Calls stored but not yet in the index. */
  backlog(): number {
    return Math.max(0, this.newestId() - (this.mark.get() as number));
  }

  /**
   * Indexes up to `sliceRows` calls in one transaction; returns how many. The write lock is
   * taken first: a transaction that had read could not wait for another process's write (the
   * app and serve on one folder), and failed at once.
   */
  indexSlice(rows = this.options.sliceRows): number {
    const added = this.db
      .transaction(() => {
        const from = this.mark.get() as number;
        const to = this.sliceEnd.get(from, rows) as number | null;
        if (to === null) return 0;
        const indexed = this.addEntries.run(from, to).changes;
        this.setMark.run(to);
        return indexed;
      })
      .immediate();
    this.mergeOwed += added * MERGE_PAGES_PER_CALL;
    return added;
  }

  /** One step of the merge work the slices call for; false when none is owed or none was left. */
  mergeStep(): boolean {
    if (this.mergeOwed <= 0) return false;
    const merged = this.merge(MERGE_STEP_PAGES);
    this.mergeOwed = merged ? this.mergeOwed - MERGE_STEP_PAGES : 0;
    return merged;
  }

  /** Indexes everything stored so far, and merges as it goes, synchronously (tests, benchmarks, the scale check). */
  catchUp(): number {
    let total = 0;
    for (let added = this.indexSlice(); added > 0; added = this.indexSlice()) {
      total += added;
      while (this.mergeStep());
    }
    return total;
  }

  /** Indexes while the writer is quiet, or past `maxBacklog` anyway. */
  protected lookFor(newest: number, quiet: boolean): void {
    const backlog = newest - (this.mark.get() as number);
    if (backlog <= 0) return;
    if (quiet) this.drainWhileQuiet();
    else if (backlog > this.options.maxBacklog) this.drainToBound();
  }

  /** indexSlice for the looks: failures are reported, not thrown. */
  private indexSliceReported(rows?: number): number {
    try {
      const added = this.indexSlice(rows);
      this.failing = false;
      return added;
    } catch (error) {
      this.report(error);
      return 0;
    }
  }

  /** mergeStep for the drains, each step a turn of its own: failures are reported, not thrown. */
  private mergeStepReported(): boolean {
    try {
      return this.mergeStep();
    } catch (error) {
      this.mergeOwed = 0;
      this.report(error);
      return false;
    }
  }

  /**
   * Under load, past the bound: small slices, one per turn of the event loop (between the
   * turns that answer calls), down to a small slice under the bound, so the next calls do not
   * tip it at once. One large slice at a look held the event loop for 30-50 ms every second or
   * two at a few hundred calls a second: the calls arriving meanwhile were the tail.
   */
  private drainToBound(): void {
    const { maxBacklog, busySliceRows } = this.options;
    this.drain(() => this.backlog() > maxBacklog - busySliceRows && this.indexSliceReported(busySliceRows) > 0);
  }

  /**
   * One slice now, then one more per turn of the event loop while nothing new is stored, so a
   * call that arrives meanwhile waits for one slice at most.
   */
  private drainWhileQuiet(): void {
    this.drain(() => this.newestId() === this.lastNewest && this.indexSliceReported() > 0);
  }

  /**
   * A turn of the event loop per step: a merge step the slices owe first, else `slice` (which
   * says whether there is more), until the index is stopped or closed or there is nothing more.
   */
  private drain(slice: () => boolean): void {
    this.running = true;
    const step = () => {
      let more = false;
      try {
        more = !this.stopped && this.db.open && (this.mergeStepReported() || slice());
      } catch (error) {
        this.report(error);
      }
      if (more) setImmediate(step);
      else this.running = false;
    };
    step();
  }
}
