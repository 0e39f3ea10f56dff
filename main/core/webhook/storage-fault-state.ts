import type { StorageFault } from '../../contract/status';
import type { StoreFault } from '../store/store-faults';

/**
 * How often, at most, a growing count of refused calls is told: a flood of refused calls must
 * not become a flood of status events (the page reads each one).
 */
const COUNT_TOLD_EVERY_MS = 1_000;

/**
 * Whether the webhook's calls can be stored, kept across restarts of the webhook server: the
 * first call refused starts a fault (what, since when), each one more is counted, and the first
 * call stored again ends it. `onChanged` hears the start and the end at once, the counts in
 * between at most once a second.
 */
export class StorageFaultState {
  private fault: StorageFault | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly onChanged: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** The fault lasting now, or the last one, ended; null when no call was ever refused. */
  get current(): StorageFault | null {
    return this.fault === null ? null : { ...this.fault };
  }

  /** A call could not be stored, and was answered 503. */
  refused(cause: StoreFault): void {
    if (this.fault === null || this.fault.endedAt !== null) {
      this.fault = { code: cause.code, reason: cause.reason, since: this.now(), refused: 1, endedAt: null };
      this.tell();
      return;
    }
    this.fault.refused += 1;
    // The cause may change while it lasts (a full disk remounted read-only): said as it is now.
    this.fault.code = cause.code;
    this.fault.reason = cause.reason;
    this.timer ??= setTimeout(() => this.tell(), COUNT_TOLD_EVERY_MS).unref();
  }

  /** A call was stored: a fault lasting until now ends. */
  stored(): void {
    if (this.fault === null || this.fault.endedAt !== null) return;
    this.fault.endedAt = this.now();
    this.tell();
  }

  /** Nothing more is told (the core stops). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private tell(): void {
    this.stop();
    this.onChanged();
  }
}
