import type { Database, Statement } from 'better-sqlite3';
import type { HistoryUsage } from '../../contract/api';
import { AgedCalls, ROWS_READ_PER_LOOK } from './aged-calls';
import { IdleWorker } from './idle-worker';
import { textIndexMergeStep, type TextIndexMergeStep } from './text-index-merge';

/** The rules the history is kept by; null: no limit of that kind. */
export interface RetentionRules {
  keepCalls: number | null;
  keepDays: number | null;
  keepBytes: number | null;
}

export interface RetentionOptions {
  /** The rules in force, read at every look (settings can change them at any time). */
  rules: () => RetentionRules;
  /** How often to look for calls over the rules, in ms. */
  intervalMs?: number;
  /** Calls deleted per transaction: one slice is what a call arriving meanwhile may wait for. */
  sliceRows?: number;
  /**
   * While calls keep arriving, deleting waits until more than this many are due (a slice by
   * default), or the history is over its size by more than a tenth of it.
   */
  busySlackRows?: number;
  now?: () => number;
  /**
   * Calls were deleted: how many, and the highest id among them (every one deleted was at or
   * below it; not every call below it was deleted: an imported call may be older than calls
   * stored before it).
   */
  onPruned?: (deleted: number, upToId: number) => void;
  /** A slice failed (a full disk, a read-only history); told once per stretch of failures. */
  onError?: (error: unknown) => void;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULTS = { intervalMs: 500, sliceRows: 256, now: Date.now };
/** Index pages one merge step may rewrite: each step is a few tens of ms. */
const MERGE_STEP_PAGES = 16;
/** Merge steps after one drain at most (a history that is still being filled is merged again at its next drain). */
const MAX_MERGE_STEPS = 500;

/**
 * Keeps the history within its rules (most calls, most days, most bytes), deleting the oldest
 * calls (by the time they were received, not by id: an imported HAR's calls are stored after
 * today's, and may be months older) in idle time the way the text indexer adds to its index: a look every half second;
 * when no call was stored since the last look, the calls due go slice by slice, one short
 * transaction per turn of the event loop. A flood never leaves the server idle, so once more
 * than a slice is due, slices run while calls arrive too: a caller waits for one slice at most,
 * and the history stays bounded whatever comes through a public tunnel.
 *
 * Each deleted call's text-index entry goes with it (entries are only ever made for calls at
 * or below the index's mark), so the index neither grows without bound nor finds deleted calls.
 * Imported calls keep the times they were first received, so the age rule leaves them alone:
 * an old HAR is not deleted the moment it is read; count and size still apply to them. AgedCalls
 * finds the calls due by age without reading those old imported calls again at every look.
 */
export class Retention extends IdleWorker {
  private readonly options: Required<Omit<RetentionOptions, 'onPruned' | 'onError'>> & Pick<RetentionOptions, 'onPruned' | 'onError'>;
  private readonly total: Statement;
  private readonly aged: AgedCalls;
  private readonly oldest: Statement;
  private readonly dueOf: Statement;
  private readonly mark: Statement;
  private readonly deleteEntry: Statement;
  private readonly deleteCall: Statement;
  private readonly merge: TextIndexMergeStep;

  constructor(db: Database, options: RetentionOptions) {
    super(db, options.intervalMs ?? DEFAULTS.intervalMs, options.onError);
    const sliceRows = options.sliceRows ?? DEFAULTS.sliceRows;
    this.options = { ...DEFAULTS, busySlackRows: sliceRows, ...options };
    // call_counts is kept by triggers: the total without a scan of the history.
    this.total = db.prepare('SELECT coalesce(sum(total), 0) FROM call_counts').pluck();
    this.aged = new AgedCalls(db);
    // In the order of calls_by_received_at (the id breaks ties): no sort, whatever the history's size.
    this.oldest = db.prepare('SELECT id FROM calls ORDER BY received_at, id LIMIT ?').pluck();
    // Which of some calls (an import's) are among those the rules want gone: the oldest over
    // the count or size, or older than the days kept (imported calls excepted, as above).
    this.dueOf = db.prepare(
      `SELECT count(*) AS present,
                count(*) FILTER (WHERE id IN (SELECT id FROM calls ORDER BY received_at, id LIMIT ?)
                                 OR (received_at < ? AND source <> 'import')) AS due
           FROM calls WHERE id IN (SELECT value FROM json_each(?))`,
    );
    this.mark = db.prepare('SELECT indexed_up_to FROM text_index_state').pluck();
    this.deleteEntry = db.prepare('DELETE FROM calls_text WHERE rowid = ?');
    this.deleteCall = db.prepare('DELETE FROM calls WHERE id = ?');
    this.merge = textIndexMergeStep(db);
    // By default the text index rewrites a whole segment of entries once a tenth of it is
    // deleted, inside the delete: with a trigram index of thousands of bodies that held a slice
    // of 256 deletions for up to 3.4 s. Without it the deletions leave marks (28 ms a slice at
    // most), and the small merges below, after each drain, clear them away in steps of 25 ms.
    // A read-only history deletes nothing (and may not write the setting).
    if (!db.readonly) db.prepare("INSERT INTO calls_text (calls_text, rank) VALUES ('deletemerge', 0)").run();
  }

  usage(): HistoryUsage {
    return { calls: this.total.get() as number, bytes: this.usedBytes() };
  }

  /**
   * Calls due for deletion now (for the size rule, an estimate from the average call's share).
   * For the age rule, whether one is due among the next `rows` calls by time (-1: all of them;
   * see AgedCalls): a look reads that many past old imported calls at most.
   */
  due(rows = ROWS_READ_PER_LOOK): number {
    const rules = this.options.rules();
    let due = Math.max(this.overCount(rules), this.overSize(rules));
    if (due === 0 && rules.keepDays !== null) {
      this.aged.catchUp();
      due = this.aged.find(this.cutoff(rules.keepDays), 1, rows).ids.length;
    }
    return due;
  }

  /**
   * How many of these calls (an import's) the rules deleted already (a long import meets a look
   * or another companion's retention) or want gone now (they go at the next drain).
   */
  dueAmong(ids: number[]): number {
    if (ids.length === 0) return 0;
    const rules = this.options.rules();
    const over = Math.max(this.overCount(rules), this.overSize(rules));
    const cutoff = rules.keepDays === null ? Number.MIN_SAFE_INTEGER : this.cutoff(rules.keepDays);
    const { present, due } = this.dueOf.get(over, cutoff, JSON.stringify(ids)) as { present: number; due: number };
    return ids.length - present + due;
  }

  /**
   * Deletes up to `rows` calls that the rules want gone, oldest first, in one transaction.
   * `sizeDue` is how many calls the size rule wants gone, worked out before the drain: the
   * space deleted calls held is freed only once the text index is merged, so it is not
   * measured again between slices. The write lock is taken first, so that another process's
   * write is waited for (see TextIndexer.indexSlice). The age rule reads `read` rows by time at
   * most (-1: all), so a slice deletes fewer than `rows` while old imported calls are passed.
   */
  pruneSlice(rows: number, sizeDue: number, read = ROWS_READ_PER_LOOK): { deleted: number; upToId: number } {
    const { deleted, through } = this.db
      .transaction(() => {
        const rules = this.options.rules();
        let aged: ReturnType<AgedCalls['find']> | null = null;
        if (rules.keepDays !== null) {
          this.aged.catchUp();
          aged = this.aged.find(this.cutoff(rules.keepDays), rows, read < 0 ? -1 : Math.max(rows, read));
        }
        const ids = aged?.ids ?? [];
        this.remove(ids);
        const over = Math.min(rows - ids.length, Math.max(this.overCount(rules), sizeDue - ids.length));
        const oldest = over > 0 ? (this.oldest.all(over) as number[]) : [];
        this.remove(oldest);
        if (rules.keepDays !== null) this.aged.deleted();
        return { deleted: [...ids, ...oldest], through: aged?.through };
      })
      .immediate();
    if (through) this.aged.pass(through);
    return { deleted: deleted.length, upToId: deleted.reduce((a, b) => Math.max(a, b), 0) };
  }

  /** Deletes everything due and merges the index, synchronously (tests, benchmarks); returns how many calls went. */
  enforce(): number {
    let total = 0;
    for (let due = this.due(-1); due > 0; due = this.due(-1)) {
      let sizeDue = this.overSize(this.options.rules());
      for (let slice = this.pruneSlice(this.options.sliceRows, sizeDue, -1); slice.deleted > 0;) {
        total += slice.deleted;
        sizeDue -= slice.deleted;
        slice = this.pruneSlice(this.options.sliceRows, sizeDue, -1);
      }
      for (let step = 0; step < MAX_MERGE_STEPS && this.mergeStep(); step++);
    }
    return total;
  }

  protected lookFor(_newest: number, quiet: boolean): void {
    const due = this.due();
    if (due > 0 && (quiet || due > this.options.busySlackRows || this.farOverSize())) this.drain();
  }

  /**
   * Over the size by more than a tenth of it: in a burst of big bodies a slice of calls is far
   * more than the limit (256 calls of 100 KB are 25 MB, over a 1 MB limit), so the size rule
   * waits for bytes, not for calls.
   */
  private farOverSize(): boolean {
    const { keepBytes } = this.options.rules();
    return keepBytes !== null && this.usedBytes() > keepBytes * 1.1;
  }

  /**
   * One slice now, then one per turn of the event loop until nothing is due; then the text
   * index's entries for the deleted calls are merged away, one small step per turn.
   */
  private drain(): void {
    this.running = true;
    let deleted = 0;
    let upToId = 0;
    let merges = 0;
    let sizeDue = this.overSize(this.options.rules());
    const finish = () => {
      this.running = false;
    };
    const mergeStep = () => {
      try {
        if (this.stopped || !this.db.open) return finish();
        // Merging takes up to seconds; a flood meanwhile brings calls over the count again, and
        // those go first (a look would not: a drain is in progress), so the history stays bounded.
        if (this.overCount(this.options.rules()) > this.options.busySlackRows) {
          deleted = 0;
          upToId = 0;
          sizeDue = 0;
          return deleteStep();
        }
        if (merges >= MAX_MERGE_STEPS || !this.mergeStep()) return finish();
        merges += 1;
        setImmediate(mergeStep);
      } catch (error) {
        this.report(error);
        finish();
      }
    };
    const deleteStep = () => {
      let more = false;
      try {
        if (!this.stopped && this.db.open) {
          const slice = this.pruneSlice(this.options.sliceRows, sizeDue);
          sizeDue -= slice.deleted;
          this.failing = false;
          deleted += slice.deleted;
          upToId = Math.max(upToId, slice.upToId);
          more = slice.deleted === this.options.sliceRows;
        }
      } catch (error) {
        this.report(error);
      }
      if (more) return void setImmediate(deleteStep);
      if (deleted === 0) return finish();
      this.options.onPruned?.(deleted, upToId);
      setImmediate(mergeStep);
    };
    deleteStep();
  }

  /** One small merge of the text index; false when there was nothing left to merge. */
  private mergeStep(): boolean {
    return this.merge(-MERGE_STEP_PAGES);
  }

  private remove(ids: number[]): void {
    if (ids.length === 0) return;
    const mark = this.mark.get() as number;
    for (const id of ids) {
      if (id <= mark) this.deleteEntry.run(id);
      this.deleteCall.run(id);
    }
  }

  private cutoff(days: number): number {
    return this.options.now() - days * DAY_MS;
  }

  private overCount(rules: RetentionRules): number {
    return rules.keepCalls === null ? 0 : Math.max(0, (this.total.get() as number) - rules.keepCalls);
  }

  /** The calls to delete to come under `keepBytes`, at the average size of a call now. */
  private overSize(rules: RetentionRules): number {
    if (rules.keepBytes === null) return 0;
    const used = this.usedBytes();
    if (used <= rules.keepBytes) return 0;
    const calls = this.total.get() as number;
    if (calls === 0) return 0;
    return Math.min(calls, Math.ceil((used - rules.keepBytes) / (used / calls)));
  }

  /** The database's pages in use (free pages are reused before the file grows). */
  private usedBytes(): number {
    const pageSize = this.db.pragma('page_size', { simple: true }) as number;
    const pages = this.db.pragma('page_count', { simple: true }) as number;
    const free = this.db.pragma('freelist_count', { simple: true }) as number;
    return (pages - free) * pageSize;
  }
}
