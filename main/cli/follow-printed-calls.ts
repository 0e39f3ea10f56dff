import type { CallSummary, WaitingCall } from '../contract/api';

/**
 * How long a printed call is remembered: a wait comes from its serve's event stream some 50 ms
 * after it is told (the stream's batching), while the stored call comes from the history at its
 * next look (every 250 ms), so a wait heard after its call was printed comes within moments.
 */
const REMEMBERED_MS = 60_000;

/**
 * The calls `calls --follow` printed as stored, by what both a stored call and a wait carry:
 * its action and the millisecond it came (a wait has no id; its key is the serve's own). A wait
 * whose call answered within moments of being told may be heard after that call was printed,
 * and is then not printed: its line would say it waits after the line that says how it ended.
 */
export class PrintedCalls {
  /** When each call was printed, oldest first (a Map keeps the order things were set in). */
  private readonly printedAt = new Map<string, number>();

  printed(call: Pick<CallSummary, 'action' | 'receivedAt'>, now = Date.now()): void {
    for (const [key, at] of this.printedAt) {
      if (now - at < REMEMBERED_MS) break;
      this.printedAt.delete(key);
    }
    // Set again at the end, so the oldest stay first.
    this.printedAt.delete(callKey(call));
    this.printedAt.set(callKey(call), now);
  }

  /** Whether the call of this wait was printed as stored already. */
  has(wait: Pick<WaitingCall, 'action' | 'receivedAt'>): boolean {
    return this.printedAt.has(callKey(wait));
  }
}

const callKey = (call: { action: string | null; receivedAt: number }) => `${call.receivedAt} ${call.action ?? ''}`;
