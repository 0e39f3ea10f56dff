import type { StorageFault } from '../contract/status';
import { storageFaultCountWords, storageFaultEndedWords, storageFaultWords } from '../contract/words';
import { printable } from './printable';

/** A stretch of refusals is over when none came for this long, as a burst of refused requests is (refusal-bursts). */
const QUIET_MS = 10_000;
/** While refusals go on without a pause, their count is said at most this often. */
const COUNT_EVERY_MS = 60_000;

/** A moment as serve's call lines show it (UTC, to the second), so the lines can be matched. */
function clock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

/**
 * serve's lines about calls that cannot be stored (a full disk): one when it starts, with what to
 * do; then the calls refused, one count line for each stretch of them (when they pause, or once a
 * minute while they go on), never a line per call; and one when calls are stored again, with how
 * many were refused meanwhile.
 */
export class StorageFaultLines {
  /** The fault lasting, as far as its lines went; null when none lasts. */
  private lasting: StorageFault | null = null;
  /** Refused calls already said. */
  private said = 0;
  private saidAt = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly write: (line: string) => void,
    private readonly dataDir: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** The status's storage fault, as each status event brings it. */
  seen(fault: StorageFault | null): void {
    if (fault === null) return;
    const sameFault = this.lasting !== null && this.lasting.since === fault.since;
    if (fault.endedAt !== null) {
      if (!sameFault) return;
      this.cancel();
      this.lasting = null;
      this.write(printable(storageFaultEndedWords(fault, clock)));
      return;
    }
    if (!sameFault) {
      this.cancel();
      this.lasting = fault;
      this.said = fault.refused;
      this.saidAt = this.now();
      const { what, refused, todo } = storageFaultWords(fault, this.dataDir, clock);
      this.write(printable(`! ${what} ${refused} ${todo}`));
      return;
    }
    this.lasting = fault;
    if (fault.refused <= this.said) return;
    if (this.now() - this.saidAt >= COUNT_EVERY_MS) this.sayCount();
    else this.wait();
  }

  /** Says the refusals not said yet (at the end of the serve). */
  readonly flush = (): void => {
    this.cancel();
    this.sayCount();
  };

  private sayCount(): void {
    const fault = this.lasting;
    if (fault === null || fault.refused <= this.said) return;
    this.write(printable(`! ${storageFaultCountWords(fault, fault.refused - this.said, clock)}`));
    this.said = fault.refused;
    this.saidAt = this.now();
  }

  private wait(): void {
    this.cancel();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.sayCount();
    }, QUIET_MS);
    this.timer.unref();
  }

  private cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
