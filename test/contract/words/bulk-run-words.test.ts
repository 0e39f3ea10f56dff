import { describe, expect, it } from 'vitest';
import type { BulkReplayItem, BulkReplaySummary } from '../../../main/contract/api';
import { endedRunToast, endedRunWords, runCountsWords } from '../../../main/contract/words';

const ANSWERED = { original: { status: 200, answeredBy: 'forward', problem: null }, changed: { headers: false, body: false } } as const;

function item(overrides: Partial<BulkReplayItem>): BulkReplayItem {
  return {
    originalId: 1,
    action: 'send_email',
    replayId: 2,
    verdict: 'passed',
    answer: { status: 200, answeredBy: 'forward', problem: null },
    ...ANSWERED,
    violation: null,
    refusal: null,
    error: null,
    forwardTarget: null,
    ...overrides,
  };
}

const passed = item({});
const failed500 = item({
  verdict: 'failed',
  answer: { status: 500, answeredBy: 'forward', problem: null },
  violation: { code: 'not-2xx', message: 'Your handler answered 500.' },
});
const refused = item({
  verdict: 'failed',
  answer: { status: 0, answeredBy: 'forward-error', problem: null },
  violation: { code: 'no-answer', message: 'Your handler refused the connection.', cause: 'refused' },
  error: 'Your handler refused the connection.',
});
const notSent = item({
  replayId: null,
  verdict: 'notSent',
  answer: null,
  original: null,
  changed: null,
  refusal: { code: 'no-key', needs: 'resign' },
});

function summary(items: BulkReplayItem[], rest: Partial<BulkReplaySummary> = {}): BulkReplaySummary {
  const count = (verdict: BulkReplayItem['verdict']) => items.filter((one) => one.verdict === verdict).length;
  return {
    total: items.length,
    done: items.length,
    passed: count('passed'),
    changed: count('changed'),
    failed: count('failed'),
    notSent: count('notSent'),
    cancelled: false,
    stopped: null,
    noAnswer: null,
    items,
    ...rest,
  };
}

describe("a bulk run's calls, counted one way by the page and the command line", () => {
  it('replayed means reached a handler: those that found nobody there and those not sent are said apart', () => {
    const run = summary([passed, passed, failed500, refused, notSent]);
    expect(endedRunWords(run)).toBe('Done: 3 of 5 calls replayed, 1 reached nobody, 1 not sent.');
    expect(endedRunToast(run)).toBe('Bulk replay done: 3 calls replayed, 1 reached nobody, 1 not sent');
    // The verdicts are of the three that reached a handler: the refused connection is no handler's failure.
    expect(runCountsWords(run)).toBe('3 replayed: 2 passed, 0 passed with a changed answer, 1 failed; 1 reached nobody, 1 not sent');
  });

  it('a run that stopped for nobody there replayed nothing, whichever front end says it', () => {
    const run = summary([refused, refused, refused, ...Array.from({ length: 10 }, () => notSent)], { stopped: { sent: 3, left: 10 } });
    expect(endedRunWords(run)).toBe('Stopped: 0 of 13 calls replayed, 3 reached nobody, 10 not sent.');
    expect(runCountsWords(run)).toBe('0 replayed: 0 passed, 0 passed with a changed answer, 0 failed; 3 reached nobody, 10 not sent');
  });

  it('says nothing apart when every call reached a handler', () => {
    const run = summary([passed, failed500]);
    expect(endedRunWords(run)).toBe('Done: 2 of 2 calls replayed.');
    expect(runCountsWords(run)).toBe('2 replayed: 1 passed, 0 passed with a changed answer, 1 failed');
  });
});
