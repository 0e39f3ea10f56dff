import { describe, expect, it } from 'vitest';
import type { BulkReplayItem, ReplayFailure } from '../../../main/contract/api';
import { mockAnsweredWords, replayItemWords } from '../../../main/contract/words';

const REFUSED = 'Your handler at http://127.0.0.1:9/actions/send_email refused the connection.';
const wordRefusal = (refusal: ReplayFailure) => `refused: ${refusal.code}`;

function item(fields: Partial<BulkReplayItem>): BulkReplayItem {
  return {
    originalId: 1,
    action: 'send_email',
    replayId: 2,
    verdict: 'failed',
    answer: null,
    original: null,
    changed: null,
    violation: null,
    refusal: null,
    error: null,
    forwardTarget: null,
    ...fields,
  };
}

describe("a replay run's call in words", () => {
  it("leads with the answer's status and the first violation", () => {
    const failed = item({
      answer: { status: 500, answeredBy: 'forward', problem: null },
      violation: { code: 'not-2xx', message: 'status 500, not 2xx' },
    });
    expect(replayItemWords(failed, wordRefusal)).toEqual({ answer: '500', why: 'status 500, not 2xx' });
  });

  it('says no answer came, and why the handler could not be reached', () => {
    const none = item({
      answer: { status: 0, answeredBy: 'forward-error', problem: null },
      violation: { code: 'no-answer', message: REFUSED },
      error: REFUSED,
    });
    expect(replayItemWords(none, wordRefusal)).toEqual({ answer: 'no answer', why: REFUSED });
  });

  it("says the mock answered in the handler's place, in a single replay's words, and why forwarding failed", () => {
    const mocked = item({ verdict: 'passed', answer: { status: 200, answeredBy: 'fallback-mock', problem: null }, error: REFUSED });
    expect(replayItemWords(mocked, wordRefusal)).toEqual({
      answer: '200 from the mock: your handler gave no answer',
      why: `forwarding failed: ${REFUSED}`,
    });
  });

  it("says a companion's webhook had no target in the front end's words when it has them, else in the webhook's own", () => {
    const message =
      'Action send_email is set to forward, but no target is set: run "flowent-companion targets set send_email <url>" or start with --forward <url>.';
    const noTarget = item({
      answer: { status: 502, answeredBy: 'forward-error', problem: null },
      violation: { code: 'no-answer', message, cause: 'no-target' },
      error: message,
    });
    expect(replayItemWords(noTarget, wordRefusal, (action) => `no target for ${action} here`).why).toBe('no target for send_email here');
    // The command line keeps the webhook's words, which name its own steps.
    expect(replayItemWords(noTarget, wordRefusal).why).toBe(message);
  });

  it('says a call was not sent, in the front end’s words for why', () => {
    const refused = item({ replayId: null, refusal: { code: 'no-key', needs: 'resign' } });
    expect(replayItemWords(refused, wordRefusal)).toEqual({ answer: 'not sent', why: 'refused: no-key' });
  });

  it('has nothing more to say of a handler that passed', () => {
    expect(
      replayItemWords(item({ verdict: 'passed', answer: { status: 200, answeredBy: 'forward', problem: null } }), wordRefusal),
    ).toEqual({
      answer: '200',
      why: null,
    });
  });

  it("says a companion's refusal of the request in a call line's words, and what the answer changed from", () => {
    const original = { status: 400, answeredBy: 'error', problem: 'missing-parameters' } as const;
    const refusedAgain = item({ answer: original, original, changed: { headers: false, body: false } });
    expect(replayItemWords(refusedAgain, wordRefusal)).toEqual({ answer: '400 refused: no parameters', why: null });
    const nowAnswered = item({
      verdict: 'changed',
      answer: { status: 200, answeredBy: 'forward', problem: null },
      original,
      changed: { headers: true, body: true },
    });
    // The status's change is the news: no word of the body under it.
    expect(replayItemWords(nowAnswered, wordRefusal)).toEqual({ answer: '400 refused: no parameters → 200', why: null });
    const otherRefusal = item({ answer: { ...original, problem: 'invalid-json' }, original });
    expect(replayItemWords(otherRefusal, wordRefusal).answer).toBe('400 refused: no parameters → 400 refused: body not JSON');
  });

  it('says what changed of an answer whose status stayed', () => {
    const answer = { status: 200, answeredBy: 'forward', problem: null } as const;
    const original = { status: 200, answeredBy: 'mock', problem: null } as const;
    const changed = (parts: { headers: boolean; body: boolean }) =>
      replayItemWords(item({ verdict: 'changed', answer, original, changed: parts }), wordRefusal);
    expect(changed({ headers: false, body: true })).toEqual({ answer: '200', why: 'the body changed' });
    expect(changed({ headers: true, body: false })).toEqual({ answer: '200', why: 'the headers changed' });
    expect(changed({ headers: true, body: true })).toEqual({ answer: '200', why: 'the body and headers changed' });
  });

  it("counts the replays the mock answered in the handler's place", () => {
    const mocked = item({ answer: { status: 200, answeredBy: 'fallback-mock', problem: null } });
    expect(mockAnsweredWords([mocked, item({ answer: { status: 200, answeredBy: 'forward', problem: null } })])).toBe(
      '1 replay answered from the mock: your handler gave no answer',
    );
    expect(mockAnsweredWords([mocked, mocked])).toBe('2 replays answered from the mock: your handler gave no answer');
    expect(mockAnsweredWords([item({ answer: { status: 200, answeredBy: 'mock', problem: null } }), item({})])).toBeNull();
  });
});
