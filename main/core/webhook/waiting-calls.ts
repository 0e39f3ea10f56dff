import { redactUrlCredentials, type WaitingCall } from '../../contract/api';
import type { CallToAnswer } from '../answers/call-answerer';

/** How long a call waits for its answer before it is told of: most handlers answer within it, and nothing is said of them. */
export const WAIT_TOLD_AFTER_MS = 1_000;
/** How often the calls in flight are looked at, while there are any: a wait is told of at most this much past the moment. */
const LOOK_EVERY_MS = 250;

/** A call whose answer is being chosen: the request the server captured, kept by identity. */
export interface InFlightCall {
  receivedAt: number;
}

export interface WaitingCallsOptions {
  onWaiting: (call: WaitingCall) => void;
  onWaitEnded: (key: number) => void;
}

/** What a call in flight is told of by: its action, and where the answerer forwards it once it does. */
type BeingAnswered = Pick<CallToAnswer, 'action' | 'forwardingTo'>;

/**
 * The calls whose answer is being chosen, so one a slow or hung handler keeps waiting is seen
 * before its row is stored (when the handler answers, or the forward's limit ends the wait).
 *
 * What each call costs is a Map set and delete, no timer and no event: one shared interval runs
 * while calls are in flight (stopping at the first look that finds none). A call it finds in
 * flight is noted then, and told of once it is still in flight WAIT_TOLD_AFTER_MS after that
 * (so after it waited between that and one interval more, never less). A mock's answer is chosen
 * in the turn it is asked for, so only a forward is ever still in flight when the interval looks.
 */
export class WaitingCalls {
  /** Calls in flight, with what is being answered. */
  private readonly inFlight = new Map<InFlightCall, BeingAnswered>();
  /** When a look first found a call in flight, or the key it was told of by (negated, to tell the two apart). */
  private readonly noted = new Map<InFlightCall, number>();
  private timer: NodeJS.Timeout | null = null;
  private lastKey = 0;

  constructor(private readonly options: WaitingCallsOptions) {}

  started(request: InFlightCall, call: BeingAnswered): void {
    this.inFlight.set(request, call);
    if (this.timer === null) {
      this.timer = setInterval(this.look, LOOK_EVERY_MS);
      // A forward in flight keeps the process alive by its socket, not by this.
      this.timer.unref();
    }
  }

  /** Its answer is chosen: a call told of as waiting is told to wait no more (its stored call follows). */
  ended(request: InFlightCall): void {
    this.inFlight.delete(request);
    if (this.noted.size === 0) return;
    const noted = this.noted.get(request);
    if (noted === undefined) return;
    this.noted.delete(request);
    if (noted < 0) this.options.onWaitEnded(-noted);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  private readonly look = (): void => {
    if (this.inFlight.size === 0) {
      this.stop();
      return;
    }
    const now = Date.now();
    for (const [request, call] of this.inFlight) {
      // Not forwarded (yet): no handler keeps it waiting.
      if (call.forwardingTo === null) continue;
      const noted = this.noted.get(request);
      if (noted === undefined) this.noted.set(request, now);
      else if (noted > 0 && now - noted >= WAIT_TOLD_AFTER_MS) {
        const key = ++this.lastKey;
        this.noted.set(request, -key);
        // The password as `***`, as every target shown.
        this.options.onWaiting({
          key,
          action: call.action,
          receivedAt: request.receivedAt,
          target: redactUrlCredentials(call.forwardingTo),
        });
      }
    }
  };
}
