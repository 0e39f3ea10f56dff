/**
 * Lines for stdout, written together at most once per `windowMs`. Under load `serve` prints a
 * line per call, and a write is a system call that also wakes whoever reads the terminal or
 * pipe: once per call, at a few hundred calls a second, that was 2-4% of the server's busy
 * time and a wake-up of the reader per call. A person reading the lines does not see 50 ms;
 * lines keep their order, and `flush()` writes what is pending at once.
 */
export class LineWriter {
  private pending: string[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly out: { write(text: string): unknown },
    private readonly windowMs = 50,
  ) {}

  line(text: string): void {
    this.pending.push(text);
    if (this.timer) return;
    this.timer = setTimeout(this.flush, this.windowMs);
    // Never what keeps the process alive: whoever stops it flushes first.
    this.timer.unref();
  }

  readonly flush = (): void => {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0) return;
    const text = `${this.pending.join('\n')}\n`;
    this.pending = [];
    this.out.write(text);
  };
}
