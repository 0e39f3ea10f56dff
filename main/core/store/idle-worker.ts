/**
 * What the store's idle-time workers (the text indexer, the history's retention) share: a look
 * for work every `intervalMs` on a timer that never keeps the process alive, and failures told
 * once per stretch (the next look tries again, and the first success ends the stretch), so a
 * full disk is not reported at every look.
 */
export abstract class IdleWorker {
  private timer: NodeJS.Timeout | null = null;
  /** Set by `stop`: a drain in progress ends after its current slice. */
  protected stopped = false;
  /** A failure was reported and no slice has succeeded since. */
  protected failing = false;

  constructor(
    private readonly intervalMs: number,
    private readonly onError: ((error: unknown) => void) | undefined,
  ) {}

  /** One look for work (the timer's; public so tests can take the looks themselves). */
  abstract readonly look: () => void;

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
