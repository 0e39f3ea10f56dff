/**
 * Lines for stdout, written together once per turn of the event loop. Under load `serve`
 * prints a line per call, and a write per line was a system call per call (about 7% of the
 * server's busy time); lines keep their order, and `flush()` writes what is pending at once.
 */
export class LineWriter {
  private pending: string[] = [];
  private scheduled = false;

  constructor(private readonly out: { write(text: string): unknown }) {}

  line(text: string): void {
    this.pending.push(text);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.flush);
  }

  readonly flush = (): void => {
    this.scheduled = false;
    if (this.pending.length === 0) return;
    const text = `${this.pending.join('\n')}\n`;
    this.pending = [];
    this.out.write(text);
  };
}
