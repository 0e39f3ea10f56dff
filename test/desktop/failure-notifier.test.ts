import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isFailedCall, type CallSummary, type CoreEvent } from '../../main/contract/api';
import { signatureCause } from '../../main/contract/words';
import { verify } from '../../main/core/signature';
import { createFailureNotifier, isNotableFailure } from '../../main/desktop/failure-notifier';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';

const summary = (fields: Partial<CallSummary>): CallSummary => {
  const call = {
    id: 1,
    action: 'send_email',
    path: '/actions/send_email',
    verdict: 'valid',
    status: 200,
    source: 'flowent',
    violations: [],
    ...fields,
  } as CallSummary;
  return { ...call, failed: isFailedCall(call) };
};
const call = (fields: Partial<CallSummary>): CoreEvent => ({ type: 'call-stored', call: summary(fields) });
const bad = call({ verdict: 'invalid', status: 401 });

let enabled: boolean;
let shown: Array<[string, string]>;
const notifier = () => createFailureNotifier({ enabled: () => enabled, show: (title, body) => shown.push([title, body]) });

beforeEach(() => {
  vi.useFakeTimers();
  enabled = true;
  shown = [];
});
afterEach(() => vi.useRealTimers());

describe('failure notifications', () => {
  it('notifies on invalid, malformed or missing signatures and on 5xx answers only', () => {
    for (const verdict of ['invalid', 'malformed', 'missing'] as const) expect(isNotableFailure(summary({ verdict }))).toBe(true);
    for (const verdict of ['valid', 'unsigned-test', 'no-key', 'not-flowent'] as const)
      expect(isNotableFailure(summary({ verdict }))).toBe(false);
    expect(isNotableFailure(summary({ status: 500 }))).toBe(true);
    expect(isNotableFailure(summary({ status: 404 }))).toBe(false);
    // Replays, simulated and imported calls are not Flowent's traffic: the user made them.
    for (const source of ['replay', 'simulator', 'import'] as const) {
      expect(isNotableFailure(summary({ source, status: 500, verdict: 'invalid' }))).toBe(false);
    }
  });

  it('says what failed', () => {
    const n = notifier();
    n.onEvent(call({ verdict: 'missing', status: 401 }));
    vi.advanceTimersByTime(10_000);
    n.onEvent(call({ status: 502 }));
    expect(shown).toEqual([
      ['Signature check failed', 'send_email: no signature (answered 401).'],
      ['Handler error', 'send_email answered 502.'],
    ]);
  });

  it('says a request refused for its body, and a handler never reached, in the words the details use', () => {
    const n = notifier();
    // The companion answered 400 itself: the body's problem is why, whatever the signature.
    n.onEvent(call({ verdict: 'missing', status: 400, answeredBy: 'error', problem: 'missing-parameters' }));
    vi.advanceTimersByTime(10_000);
    n.onEvent(
      call({
        status: 502,
        answeredBy: 'forward-error',
        violations: [{ code: 'no-answer', message: 'Your handler refused the connection.', cause: 'refused' }],
      }),
    );
    expect(shown).toEqual([
      ['Request refused', 'send_email: no parameters (answered 400).'],
      ['Handler not reached', 'send_email: your handler refused the connection (answered 502).'],
    ]);
    // A refused request with a valid signature is a failure worth the notification too.
    expect(isNotableFailure(summary({ status: 400, answeredBy: 'error', problem: 'missing-parameters' }))).toBe(true);
  });

  it("says why a signature failed, in the words the call's details lead with", () => {
    // A body signed with another key, checked as the core checks it.
    const report = verify(Buffer.from(signedBody(flowentPayload('send_email'), 'another-key')), 'the-key', { receivedAt: Date.now() });
    const cause = signatureCause(report.verdict, report.diagnosis);
    if (!cause) throw new Error('a body signed with another key has a cause');
    const n = notifier();
    n.onEvent(call({ verdict: 'invalid', status: 401, signatureDiagnosis: cause }));
    expect(shown).toEqual([['Signature check failed', `send_email: invalid signature (answered 401). ${cause.message}`]]);
    expect(cause.message.length).toBeGreaterThan(20);
  });

  it('shows the first at once, then one summary with the count when 10 s are up', () => {
    const n = notifier();
    n.onEvent(bad);
    expect(shown).toHaveLength(1);
    for (let i = 0; i < 999; i++) n.onEvent(bad);
    n.onEvent(call({ status: 500 }));
    vi.advanceTimersByTime(9_999);
    expect(shown).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(shown[1]).toEqual(['1000 more failed calls', 'Latest: send_email answered 500.']);
  });

  it('waits twice as long after each notification while failures keep coming, up to 5 min', () => {
    const start = Date.now();
    const times: number[] = [];
    const n = createFailureNotifier({ enabled: () => true, show: () => times.push((Date.now() - start) / 1000) });
    // A handler that stays broken: a failed call every second for an hour.
    for (let second = 0; second < 3600; second++) {
      n.onEvent(bad);
      vi.advanceTimersByTime(1000);
    }
    // The first at once, then summaries after quiet periods of 10, 20, 40, 80, 160, 300, 300, ... s.
    expect(times.slice(0, 7)).toEqual([0, 10, 30, 70, 150, 310, 610]);
    expect(times.length).toBeLessThanOrEqual(17);
  });

  it('is back to telling within 10 s after a calm spell of 2 min', () => {
    const n = notifier();
    for (let i = 0; i < 4; i++) {
      n.onEvent(bad);
      vi.advanceTimersByTime(60_000);
    }
    const before = shown.length;
    vi.advanceTimersByTime(10 * 60_000); // calm: nothing fails
    n.onEvent(bad);
    expect(shown).toHaveLength(before + 1);
    n.onEvent(bad);
    vi.advanceTimersByTime(10_000);
    expect(shown).toHaveLength(before + 2);
  });

  it('shows nothing while the person is watching the window, and tells the next failure once they are not', () => {
    let watching = true;
    const n = createFailureNotifier({ enabled: () => true, watching: () => watching, show: (title, body) => shown.push([title, body]) });
    n.onEvent(bad);
    n.onEvent(bad);
    vi.advanceTimersByTime(60_000);
    expect(shown).toEqual([]);
    n.onEvent(bad);
    watching = false;
    n.onEvent(call({ status: 500 }));
    expect(shown).toEqual([['Handler error', 'send_email answered 500.']]);
    // A summary due while they look again is dropped: the calls are in front of them.
    n.onEvent(bad);
    watching = true;
    vi.advanceTimersByTime(10_000);
    expect(shown).toHaveLength(1);
  });

  it('ignores good calls and other events, and stays silent while the setting is off', () => {
    const n = notifier();
    n.onEvent(call({}));
    n.onEvent({ type: 'history-cleared' });
    enabled = false;
    n.onEvent(bad);
    vi.advanceTimersByTime(20_000);
    expect(shown).toEqual([]);
    enabled = true;
    n.onEvent(bad);
    expect(shown).toHaveLength(1);
    n.onEvent(bad);
    n.dispose(); // the held summary goes with it
    vi.advanceTimersByTime(20_000);
    expect(shown).toHaveLength(1);
  });
});
