import type { Database, Statement } from 'better-sqlite3';

/**
 * What the store's idle-time workers (the text indexer, the history's retention) share: a look
 * for work every `intervalMs` on a timer that never keeps the process alive, and failures told
 * once per stretch (the next look tries again, and the first success ends the stretch), so a
 * full disk is not reported at every look. Each look also says whether the history was quiet
 * since the last one (no call stored), so a worker can keep its heavier work out of a burst.
 */
export abstract class IdleWorker {
  private timer: NodeJS.Timeout | null = null;
  /** Set by `stop`: a drain in progress ends after its current slice. */
  protected stopped = false;
  /** A failure was reported and no slice has succeeded since. */
  protected failing = false;

  /** A drain (slices run turn after turn) is in progress: looks wait for it to end. */
  protected running = false;
  /** The newest call id at the last look: unchanged means nothing was stored since. */
  protected lastNewest = -1;
  private readonly newestStatement: Statement;

  constructor(
    protected readonly db: Database,
    private readonly intervalMs: number,
    private readonly onError: ((error: unknown) => void) | undefined,
  ) {
    this.newestStatement = db.prepare('SELECT coalesce(max(id), 0) FROM calls').pluck();
  }

  /** One look for work (the timer's; public so tests can take the looks themselves). */
  readonly look = (): void => {
    if (this.running || !this.db.open) return;
    try {
      const newest = this.newestId();
      const quiet = newest === this.lastNewest;
      this.lastNewest = newest;
      this.lookFor(newest, quiet);
    } catch (error) {
      this.report(error);
    }
  };

  /** What a look does: `quiet` when no call was stored since the last look. */
  protected abstract lookFor(newest: number, quiet: boolean): void;

  protected newestId(): number {
    return this.newestStatement.get() as number;
  }

  start(): void {
    if (this.timer) return;
    this.stopped = false;
    this.timer = setInterval(() => this.look(), this.intervalMs);
    this.timer.unref();
  }

  /** Stops looking, and stops a drain in progress after its current slice. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.stopped = true;
  }

  protected report(error: unknown): void {
    if (this.failing) return;
    this.failing = true;
    this.onError?.(error);
  }
}
