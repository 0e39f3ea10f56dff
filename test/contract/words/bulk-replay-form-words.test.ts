// The bulk replay's form, button and progress in the words the page said itself: the list's
// filter a run replays, why nothing can be, what the start button replays, and where a run is.
import { describe, expect, it } from 'vitest';
import {
  BULK_CONCURRENCY_WORDS,
  BULK_REPLAY_TITLE,
  bulkReplayButtonWords,
  bulkReplayCallsWords,
  CALL_SOURCE_LABEL,
  callFilterWords,
  endMissedWords,
  lastRunWords,
  nothingToReplayWords,
  RESIGNED_CHECKS_WORDS,
  runningButtonWords,
  runningRunWords,
} from '../../../main/contract/words';

describe("the list's filter a bulk replay takes", () => {
  it('says every field set, in the filter bar’s order, and every stored call when none is', () => {
    expect(callFilterWords({})).toBe('every stored call');
    expect(
      callFilterWords({
        action: 'send_email',
        verdict: 'invalid',
        statusClass: '5xx',
        test: true,
        text: 'order 42',
        since: 1,
        until: 2,
        source: 'flowent',
        failures: true,
      }),
    ).toBe(
      'action send_email, verdict invalid, status 5xx, registration checks only, bodies containing “order 42”, in the chosen time range, source: from Flowent, failures only',
    );
    expect(callFilterWords({ test: false, until: 2 })).toBe('no registration checks, in the chosen time range');
  });

  it('names the sources as the filter bar offers them', () => {
    expect(CALL_SOURCE_LABEL).toEqual({ flowent: 'from Flowent', replay: 'replay', simulator: 'simulated', import: 'imported' });
  });

  it('says which calls a run replays, the filter set apart', () => {
    const calls = bulkReplayCallsWords({ action: 'send_email' });
    expect(`${calls.before}<strong>${calls.filter}</strong>${calls.after}`).toBe(
      'The calls of the list’s filter: <strong>action send_email</strong>. They are replayed oldest first (replays, simulated calls and requests that name no action are left out).',
    );
  });

  it('says why nothing of the filter can be replayed, and what to change', () => {
    expect(nothingToReplayWords({ source: 'replay' })).toBe(
      'The list’s filter (source: replay) shows only replays, and only calls from Flowent can be replayed. Choose another Source in the list’s filter.',
    );
    expect(nothingToReplayWords({ source: 'simulator' })).toBe(
      'The list’s filter (source: simulated) shows only simulated calls, and only calls from Flowent can be replayed. Choose another Source in the list’s filter.',
    );
    expect(nothingToReplayWords({ action: 'send_email' })).toBe(
      'No calls from Flowent in the list’s filter (action send_email) to replay: only the calls Flowent sent (received or imported) are replayed, not simulated calls or replays. Change the filter, or send a call to the webhook URL first.',
    );
  });

  it('says the form’s notes', () => {
    expect(BULK_CONCURRENCY_WORDS).toBe('Replays at once: a whole number from 1 to 64 (1: one at a time, in order).');
    expect(RESIGNED_CHECKS_WORDS).toBe(
      'Registration checks Flowent sent unsigned go unsigned with a fresh timestamp, as Flowent sends them.',
    );
  });
});

describe('the bulk replay’s buttons and progress', () => {
  it('says what the start button replays', () => {
    expect(bulkReplayButtonWords(null, 0)).toBe('Counting the calls…');
    expect(bulkReplayButtonWords(1, 0)).toBe('Replay this call');
    expect(bulkReplayButtonWords(6, 0)).toBe('Replay these 6 calls');
    expect(bulkReplayButtonWords(6, 2)).toBe('Replay 4 of these 6 calls');
    expect(bulkReplayButtonWords(6, 6)).toBe('Replay these 6 calls');
  });

  it('says where a run is, on the Bulk replay button too, and the run before', () => {
    expect(runningRunWords(2, 6)).toBe('Replaying 2 of 6…');
    expect(runningButtonWords(2, 6)).toBe('Bulk replay: 2 of 6…');
    expect(endMissedWords(2, 6)).toBe('Ended, but how never reached this page (last seen: 2 of 6). Its replays are in the list.');
    expect(lastRunWords('Done: 4 of 6 calls replayed, 2 not sent.')).toBe('Last bulk replay: Done: 4 of 6 calls replayed, 2 not sent.');
    expect(BULK_REPLAY_TITLE).toBe('Replay the calls of this filter');
  });
});
