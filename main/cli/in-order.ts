/**
 * Uses values in the order they are given, when some must first be read (a call's line waits
 * for its handler's diagnosis): a value at hand is used at once unless an earlier one is still
 * being read, then right after it. Nothing is awaited for a run of values at hand, so a serve
 * whose calls need nothing read writes each line as it did.
 */
export class InOrder {
  /** The last value being read, and the uses queued behind it; null when nothing waits. */
  private tail: Promise<void> | null = null;

  constructor(private readonly onError: (error: unknown) => void) {}

  add<T>(value: T | Promise<T>, use: (value: T) => void): void {
    if (this.tail === null && !(value instanceof Promise)) {
      use(value);
      return;
    }
    const previous = this.tail ?? Promise.resolve();
    const next: Promise<void> = previous
      .then(async () => use(await value))
      .catch(this.onError)
      .finally(() => {
        if (this.tail === next) this.tail = null;
      });
    this.tail = next;
  }

  /** Resolves once every value given so far was used. */
  async drained(): Promise<void> {
    while (this.tail) await this.tail;
  }
}
