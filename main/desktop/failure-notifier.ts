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
  /** True while the person is looking at the window: the failures show there, no notification. */
  watching?(): boolean;
  show(title: string, body: string): void;
  /** The first quiet period after a notification; default 10 s. */
  intervalMs?: number;
  /** Quiet periods double while failures keep coming, up to this; default 5 min. */
  maxIntervalMs?: number;
  /** This long without a failure and the quiet period is back to `intervalMs`; default 2 min. */
  calmMs?: number;
  now?: () => number;
}

export interface FailureNotifier {
  onEvent(event: CoreEvent): void;
  dispose(): void;
}

/**
 * Desktop notifications for failed calls, throttled: the first failure is shown at once;
 * failures in the quiet period after a notification are counted and shown as one summary when
 * it ends. A burst of a thousand bad calls therefore costs two notifications, not a thousand.
 * While failures keep coming each quiet period is twice the last (10 s, 20 s, 40 s, ... up to
 * 5 min), so a handler that stays broken costs about a dozen an hour, not hundreds; after a
 * calm spell (2 min without a failure) the next one is told within 10 s again. None is shown
 * while the person is watching the window: the failures are in front of them.
 */
export function createFailureNotifier(options: FailureNotifierOptions): FailureNotifier {
  const firstIntervalMs = options.intervalMs ?? 10_000;
  const maxIntervalMs = options.maxIntervalMs ?? 5 * 60_000;
  const calmMs = options.calmMs ?? 2 * 60_000;
  const now = options.now ?? Date.now;
  const silenced = (): boolean => !options.enabled() || (options.watching?.() ?? false);
  let intervalMs = firstIntervalMs;
  let lastFailureAt = -Infinity;
  let quietTimer: ReturnType<typeof setTimeout> | null = null;
  // Only a count and the latest call are held, however long the burst.
  let heldCount = 0;
  let heldLast: CallSummary | null = null;

  function notify(title: string, body: string): void {
    options.show(title, body);
    quietTimer = setTimeout(endQuietPeriod, intervalMs);
    intervalMs = Math.min(intervalMs * 2, maxIntervalMs);
  }

  function endQuietPeriod(): void {
    quietTimer = null;
    const count = heldCount;
    const last = heldLast;
    heldCount = 0;
    heldLast = null;
    if (!last || silenced()) return;
    notify(`${count} more failed call${count === 1 ? '' : 's'}`, `Latest: ${describe(last).body}`);
  }

  return {
    onEvent(event) {
      if (event.type !== 'call-stored' || !isNotableFailure(event.call) || silenced()) return;
      const at = now();
      if (at - lastFailureAt >= calmMs) intervalMs = firstIntervalMs;
      lastFailureAt = at;
      if (quietTimer !== null) {
        heldCount += 1;
        heldLast = event.call;
        return;
      }
      const { title, body } = describe(event.call);
      notify(title, body);
    },
    dispose() {
      if (quietTimer !== null) clearTimeout(quietTimer);
      quietTimer = null;
      heldCount = 0;
      heldLast = null;
    },
  };
}
