import type { CallSummary } from '../../contract/api';
import type { CallsRepository } from './calls-repository';

/** How often the history is looked at for calls another process stored. */
const LOOK_EVERY_MS = 250;

/**
 * More new calls than this in one look are told as a count, not one by one: a page reads its
 * list again once, and a terminal prints one line, instead of thousands (an `import`).
 */
export const MOST_TOLD_ONE_BY_ONE = 100;

export interface OtherProcessCallsOptions {
  calls: CallsRepository;
  /** Calls another process stored, oldest first. */
  onCalls(calls: readonly CallSummary[]): void;
  /** More calls than can be told one by one were stored elsewhere since the last look. */
  onMany(count: number): void;
  /** Another process cleared the history (the calls it stored since, if any, are told after). */
  onCleared(): void;
  /** Another process committed to the history (calls, or settings: an account's links changed in a terminal). */
  onCommitsElsewhere?(): void;
  onError(error: unknown): void;
  intervalMs?: number;
}

/**
 * Tells the calls that other processes store in this history: a `send` or `replay` command
 * aimed at this companion's webhook (the sender stores the call; the webhook answers it
 * without storing it twice) or an `import` run from a terminal. Without this, a running serve
 * would print no line for them and an open page would show them only once reloaded.
 *
 * SQLite's `data_version` moves only when another connection commits, so most looks cost one
 * pragma. When it moved, the calls above the last one told are read, less the ones this
 * process stored itself (the repository tells their ids as it commits them).
 *
 * A clear made elsewhere is seen as fewer calls than were told, and told too.
 */
export class CallsFromOtherProcesses {
  private readonly timer: NodeJS.Timeout;
  private lastVersion: number;
  /** Every call up to this id was told, or stored here. */
  private toldUpTo: number;
  /** Ids this process stored since the last look, oldest first. */
  private ownIds: number[] = [];

  constructor(private readonly options: OtherProcessCallsOptions) {
    this.lastVersion = options.calls.commitsElsewhere();
    this.toldUpTo = options.calls.lastCallId();
    options.calls.watchWrites({
      inserted: (ids) => {
        for (const id of ids) this.ownIds.push(id);
      },
      // Cleared here (the core says so itself): the history's next calls start again from 1.
      cleared: () => {
        this.toldUpTo = 0;
        this.ownIds = [];
      },
    });
    this.timer = setInterval(this.look, options.intervalMs ?? LOOK_EVERY_MS);
    this.timer.unref();
  }

  /** One look (the timer's; public so tests can take it themselves). */
  readonly look = (): void => {
    try {
      const own = this.ownIds;
      if (own.length > 0) this.ownIds = [];
      const version = this.options.calls.commitsElsewhere();
      if (version !== this.lastVersion) {
        this.lastVersion = version;
        this.tellNewerThan(this.toldUpTo, own);
        this.options.onCommitsElsewhere?.();
      } else if (own.length > 0) {
        // Nothing was committed elsewhere: this process's newest call is the history's.
        this.toldUpTo = own[own.length - 1]!;
      }
    } catch (error) {
      this.options.onError(error);
    }
  };

  private tellNewerThan(afterId: number, own: readonly number[]): void {
    let stored = this.options.calls.storedAfter(afterId, own, MOST_TOLD_ONE_BY_ONE + 1);
    if (stored.newestId < afterId) {
      // Fewer calls than were told: another process cleared the history, and its next calls
      // start again from 1. (One that stored past `afterId` again since is not seen as a clear.)
      this.options.onCleared();
      stored = this.options.calls.storedAfter(0, own, MOST_TOLD_ONE_BY_ONE + 1);
    }
    this.toldUpTo = stored.newestId;
    if (stored.count === 0) return;
    if (stored.count > MOST_TOLD_ONE_BY_ONE) this.options.onMany(stored.count);
    else this.options.onCalls(stored.calls);
  }

  stop(): void {
    clearInterval(this.timer);
    this.options.calls.watchWrites(null);
  }
}
