import { countsAsFailure, type CallSummary, type CoreEvent } from '../contract/api';
import { noAnswerCause, noAnswerPhrase, problemWords, refusedForRequest, VERDICTS_WITH_CAUSE } from '../contract/words';

/**
 * A call worth interrupting the user for: one of the failures the header counts (Flowent's own
 * calls: a replay the user started is not news) that the companion refused for its request,
 * with a bad signature, or whose handler failed.
 */
export function isNotableFailure(call: CallSummary): boolean {
  return countsAsFailure(call) && (refusedForRequest(call) || VERDICTS_WITH_CAUSE.includes(call.verdict) || call.status >= 500);
}

/** What failed and why, in the words the call's details lead with: the notification alone should say what to fix. */
function describe(call: CallSummary): { title: string; body: string } {
  const action = call.action ?? call.path;
  if (refusedForRequest(call))
    return { title: 'Request refused', body: `${action}: ${problemWords(call.problem)} (answered ${call.status}).` };
  if (call.status >= 500) {
    // A 502 or 504 the companion answered because the handler never did: how, not "answered 502".
    const cause = noAnswerCause(call.violations);
    if (cause !== null)
      return { title: 'Handler not reached', body: `${action}: ${noAnswerPhrase(call.answeredBy, cause)} (answered ${call.status}).` };
    return { title: 'Handler error', body: `${action} answered ${call.status}.` };
  }
  const what = call.verdict === 'missing' ? 'no signature' : `${call.verdict} signature`;
  const why = call.signatureDiagnosis ? ` ${call.signatureDiagnosis.message}` : '';
  return { title: 'Signature check failed', body: `${action}: ${what} (answered ${call.status}).${why}` };
}

export interface FailureNotifierOptions {
  /** Read on every event, so turning the setting off takes effect at once. */
  enabled(): boolean;
  show(title: string, body: string): void;
  /** At most one notification per interval; default 10 s. */
  intervalMs?: number;
}

export interface FailureNotifier {
  onEvent(event: CoreEvent): void;
  dispose(): void;
}

/**
 * Desktop notifications for failed calls, throttled: the first failure is shown at once;
 * failures in the next 10 s are counted and shown as one summary when the 10 s are up. A
 * burst of a thousand bad calls therefore costs two notifications, not a thousand.
 */
export function createFailureNotifier(options: FailureNotifierOptions): FailureNotifier {
  const intervalMs = options.intervalMs ?? 10_000;
  let quietUntilTimer: ReturnType<typeof setTimeout> | null = null;
  // Only a count and the latest call are held, however long the burst.
  let heldCount = 0;
  let heldLast: CallSummary | null = null;

  function endQuietPeriod(): void {
    quietUntilTimer = null;
    const count = heldCount;
    const last = heldLast;
    heldCount = 0;
    heldLast = null;
    if (!last || !options.enabled()) return;
    const latest = describe(last);
    options.show(`${count} more failed call${count === 1 ? '' : 's'}`, `Latest: ${latest.body}`);
    quietUntilTimer = setTimeout(endQuietPeriod, intervalMs);
  }

  return {
    onEvent(event) {
      if (event.type !== 'call-stored' || !isNotableFailure(event.call) || !options.enabled()) return;
      if (quietUntilTimer !== null) {
        heldCount += 1;
        heldLast = event.call;
        return;
      }
      const { title, body } = describe(event.call);
      options.show(title, body);
      quietUntilTimer = setTimeout(endQuietPeriod, intervalMs);
    },
    dispose() {
      if (quietUntilTimer !== null) clearTimeout(quietUntilTimer);
      quietUntilTimer = null;
      heldCount = 0;
      heldLast = null;
    },
  };
}
