import { formatStoredElsewhere } from './format-call';

/** How long a call another command stored waits for its line: a little over one look of the core's (250 ms). */
const HOLD_MS = 400;
/** How long a burst of calls stored elsewhere must pause to be over: a few looks with nothing new. */
const QUIET_MS = 1_000;

/**
 * The lines `serve` prints for calls another command stored: a line each, but one count line
 * for a burst of more than a hundred (an `import`).
 *
 * The core looks at the history four times a second and tells what each look found: a long
 * import, stored in slices, is found over many looks, each more than a hundred calls (a count)
 * or, the first and last, fewer (calls one by one). Printed as told, one import made a count
 * line per look and a few hundred single lines. Here the calls of a look are held until the
 * next look has passed; a count folds them in, and what follows it until the stores pause.
 */
export class ElsewhereLines {
  /** The lines of each call held, when no count has come. */
  private held: string[][] = [];
  /** Calls counted since the burst began, once a count has come; 0 when none has. */
  private counted = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly write: (line: string) => void) {}

  /**
   * A call another command stored, with the lines it is printed with. `imported`: it came from
   * an `import`, which stores calls in bursts: held until the stores pause, not for one look,
   * so a busy machine that delays the import's next slice past a look does not split one import
   * into lines one by one and a count.
   */
  call(lines: string[], imported = false): void {
    if (this.counted > 0) {
      this.counted++;
      this.wait(QUIET_MS);
      return;
    }
    this.held.push(lines);
    if (imported) this.wait(QUIET_MS);
    else if (this.held.length === 1) this.wait(HOLD_MS);
  }

  /** More calls than are told one by one. */
  many(count: number): void {
    this.counted += count + this.held.length;
    this.held = [];
    this.wait(QUIET_MS);
  }

  /** Prints what is held (when the burst is over, and at the end of the serve). */
  readonly flush = (): void => {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.counted > 0) this.write(formatStoredElsewhere(this.counted));
    this.held.flat().forEach(this.write);
    this.counted = 0;
    this.held = [];
  };

  private wait(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(this.flush, ms);
  }
}
