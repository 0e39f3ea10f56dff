import { statusNumberWords } from '../../main/contract/words';
import { describe, expect, it } from 'vitest';
import { arrivedUnderOlderPage, keepNewest, mergeByArrival, MOST_ROWS_KEPT } from '../../renderer/src/history/arrival-order';
import { groupStyles } from '../../renderer/src/calls/style-groups';
import { problemWords } from '../../main/contract/words';
import { answerFor } from '../../renderer/src/answers/answer-routes';
import { actionAnswerWords, unsetModeWords } from '../../main/contract/words';
import { differingSpan } from '../../renderer/src/shared/bytes';
import { formatBytes, formatDateTime, formatListTime, startOfToday } from '../../renderer/src/shared/format';
import { describeTimestamp } from '../../main/contract/words';
import { decodeUnicodeEscapes, type AnswerSettings, type StyleResult } from '../../main/contract/api';
import { callSummary } from './call-summary';

const at = (id: number, receivedAt: number) => callSummary({ id, receivedAt });

describe('the list order', () => {
  it('puts a call where it arrived, not where it was stored, and never reorders the rows shown', () => {
    const shown = [at(10, 1_000), at(9, 900), at(8, 800)];
    // A replay that started at 950 and was answered after call 10 was stored.
    const merged = mergeByArrival(shown, [at(12, 1_100), at(11, 950)]);
    expect(merged.map((c) => c.id)).toEqual([12, 10, 11, 9, 8]);
    expect(mergeByArrival(shown, [])).toBe(shown);
  });

  it('reads the first page again only when arrivals went below a row that page would leave out', () => {
    // Call 1 arrived last; calls 2.. were stored after it with older times (an import's).
    const imported = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => at(to - i, to - i));
    const shown = [at(1, 10_000), ...imported(2, 3)];
    const below = mergeByArrival(shown, imported(4, 5));
    expect(below.map((c) => c.id)).toEqual([1, 5, 4, 3, 2]);
    // Within one page (4 rows), a page read now holds call 1 too, above them: no reading again.
    expect(arrivedUnderOlderPage(below, 3, 5)).toBe(false);
    // One page of 3: call 1 is the fourth newest id, and a page read now leaves it out.
    expect(arrivedUnderOlderPage(below, 3, 3)).toBe(true);
    // Calls arriving as they are stored go on top: nothing a page read now would show otherwise.
    expect(arrivedUnderOlderPage(mergeByArrival(shown, [at(4, 10_001), at(5, 10_002)]), 3, 3)).toBe(false);
    // A replay answered after calls received later goes a row or two down, among the newest ids.
    const live = [at(10, 1_000), at(9, 900), at(8, 800), at(7, 700)];
    expect(arrivedUnderOlderPage(mergeByArrival(live, [at(12, 1_100), at(11, 950)]), 10, 3)).toBe(false);
  });
});

describe('the rows the list keeps while calls arrive', () => {
  // Newest first by arrival; one late-stored call (a slow forward) sits below calls numbered before it.
  const list = (count: number) => {
    const calls = Array.from({ length: count }, (_, i) => callSummary({ id: count - i }));
    const late = calls.splice(3, 1)[0]!;
    calls.splice(40, 0, { ...late, receivedAt: late.receivedAt - 60_000 });
    return calls;
  };

  it('keeps a list within the window as it is', () => {
    const calls = list(MOST_ROWS_KEPT);
    expect(keepNewest(calls, 30)).toEqual({ calls });
  });

  it('lets the oldest ids go past the window, and moves the cursor up to the oldest kept', () => {
    const calls = list(MOST_ROWS_KEPT + 700);
    const kept = keepNewest(calls, 30);
    expect(kept.calls).toHaveLength(MOST_ROWS_KEPT);
    expect(kept.nextBeforeId).toBe(701);
    expect(Math.min(...kept.calls.map((c) => c.id))).toBe(701);
    // The late-stored call stays where it arrived: cut by id, not by position.
    expect(kept.calls[40]!.id).toBe(MOST_ROWS_KEPT + 700 - 3);
    expect(kept.searchedDownTo).toBeNull();
  });

  it('keeps the rows on screen and two pages below them, however deep the user scrolled', () => {
    const calls = list(MOST_ROWS_KEPT + 2_000);
    const kept = keepNewest(calls, MOST_ROWS_KEPT + 1_000);
    expect(kept.calls).toHaveLength(MOST_ROWS_KEPT + 1_400);
    expect(kept.nextBeforeId).toBe(601);
  });
});

describe('folded signature styles', () => {
  const style = (name: string, canonical: string | undefined, expected: string | null, matched = false): StyleResult => ({
    style: name,
    label: name,
    expected,
    matched,
    ...(canonical === undefined ? {} : { canonical }),
  });
  it('folds styles that signed the same bytes, keeping their order', () => {
    const groups = groupStyles([style('a', 'X', '1'), style('b', 'Y', '2', true), style('c', 'X', '1'), style('d', undefined, null)]);
    expect(groups.map((g) => g.styles.map((s) => s.style))).toEqual([['a', 'c'], ['b'], ['d']]);
    expect(groups.map((g) => g.matched)).toEqual([false, true, false]);
  });
  it('without the bytes, folds by the expected digest', () => {
    expect(groupStyles([style('a', undefined, '1'), style('b', undefined, '1')]).map((g) => g.styles.length)).toEqual([2]);
  });
});

describe('words for the screen', () => {
  it('says in a word why a request is not a Flowent call', () => {
    expect(problemWords('invalid-json')).toBe('body not JSON');
    expect(problemWords('unsupported-content-type')).toBe('media type');
    expect(problemWords('not-found')).toBe('no route');
    expect(problemWords('invalid-parameters')).toBe('parameters not an object');
    expect(problemWords('some-new-code')).toBe('some new code');
    expect(problemWords(null)).toBeNull();
  });
  it('says "no answer" for status 0, and the date for calls not from today', () => {
    expect(statusNumberWords(0)).toBe('no answer');
    expect(statusNumberWords(502)).toBe('502');
    const today = startOfToday(new Date(2026, 2, 14, 15).getTime());
    expect(formatListTime(new Date(2026, 2, 14, 9, 5, 7, 12).getTime(), today)).toBe('09:05:07.012');
    expect(formatListTime(new Date(2026, 2, 10, 9, 5).getTime(), today)).toMatch(/10.*09:05$/);
    // About a year away or more: the date with its year, in the column's 12 characters, not cut off in its minute.
    const lastYear = new Date(2025, 0, 2, 9, 5).getTime();
    expect(formatListTime(lastYear, today)).toBe(
      new Date(lastYear).toLocaleDateString(undefined, { month: 'short', day: 'numeric', year: 'numeric' }),
    );
    expect(formatListTime(lastYear, today).length).toBeLessThanOrEqual(12);
  });
  it("tells today's calls by the calendar, also on the day the clocks go back (25 hours)", () => {
    const zone = process.env.TZ;
    process.env.TZ = 'Europe/Berlin';
    try {
      const today = startOfToday(new Date(2026, 9, 25, 12).getTime());
      // 23:30 on the day summer time ends is 24.5 hours after its midnight, and still that day.
      expect(formatListTime(new Date(2026, 9, 25, 23, 30, 1, 2).getTime(), today)).toBe('23:30:01.002');
      // The next day's first hour is not today's. (Its date is in the zone the formatter was made in.)
      expect(formatListTime(new Date(2026, 9, 26, 0, 30).getTime(), today)).toMatch(/^\D.* 00:30$/);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
  it("shows a call's date as the locale writes it and its time once, to the millisecond as the list shows it", () => {
    const ms = new Date(2026, 2, 14, 21, 5, 7, 12).getTime();
    expect(formatDateTime(ms)).toBe(`${new Date(ms).toLocaleDateString()}, 21:05:07.012`);
    expect(formatDateTime(ms).match(/21:05/g)).toHaveLength(1);
  });
  it('marks only the part where two texts differ', () => {
    expect(differingSpan('{"a":1,"b":2}', '{"a":1, "b":2}')).toEqual({ start: 7, endA: 7, endB: 8 });
    expect(differingSpan('same', 'same')).toBeNull();
  });
  it('decodes \\u escapes for reading, but not the ones that would read as something else', () => {
    expect(decodeUnicodeEscapes('"S\\u00e3o Paulo"')).toBe('"São Paulo"');
    expect(decodeUnicodeEscapes('"\\ud83d\\ude00 \\u6771"')).toBe('"😀 東"');
    expect(decodeUnicodeEscapes('"\\\\u00fc"')).toBe('"\\\\u00fc"');
    expect(decodeUnicodeEscapes('"\\u0022\\u005c\\u000a"')).toBe('"\\u0022\\u005c\\u000a"');
    expect(decodeUnicodeEscapes('"\\ud83d alone"')).toBe('"\\ud83d alone"');
    expect(decodeUnicodeEscapes('"\\ude00\\ud83d"')).toBe('"\\ude00\\ud83d"');
    expect(decodeUnicodeEscapes('{"a":"Z\\u00FCrich","b":"\\\\","c":"\\u4eac"}')).toBe('{"a":"Zürich","b":"\\\\","c":"京"}');
  });
});

describe("a call's timestamp in words", () => {
  it('says "just now" for an age under 2 s, the clocks\' and the network\'s grain, not "0 s before it arrived"', () => {
    expect(describeTimestamp({ flag: 'ok', ageSeconds: 0 })).toBe('sent just now');
    expect(describeTimestamp({ flag: 'ok', ageSeconds: 1.6 })).toBe('sent just now');
    expect(describeTimestamp({ flag: 'ok', ageSeconds: -1 })).toBe('sent just now');
    expect(describeTimestamp({ flag: 'ok', ageSeconds: 2 })).toBe('sent 2 s before it arrived');
    expect(describeTimestamp({ flag: 'ok', ageSeconds: -3 })).toBe('stamped 3 s after it arrived (in the future)');
    expect(describeTimestamp({ flag: 'missing', ageSeconds: null })).toBe('no timestamp in the body');
  });
});

describe('what answers an action', () => {
  const settings = (patch: Partial<AnswerSettings>): AnswerSettings => ({
    mocks: [],
    routes: [],
    startupForwardTarget: null,
    forwardTimeoutMs: 30_000,
    fallbackToMock: false,
    ...patch,
  });
  const mock = (action: string | null) => ({
    action,
    updatedAt: 1,
    text: '{}',
    format: 'json' as const,
    definition: { selection: 'rules' as const, responses: [], fallback: null, answerRegistrationCheck: false },
  });
  it('follows the core: own route, else the default, else the startup target; own mock, else the default, else built-in', () => {
    const none = settings({});
    expect(actionAnswerWords(answerFor(none, 'a'), 'a')).toBe('the built-in answer {"result":"ok","error":""}');
    const withDefault = settings({ mocks: [mock(null)] });
    expect(actionAnswerWords(answerFor(withDefault, 'a'), 'a')).toBe('the default mock');
    const own = settings({ mocks: [mock(null), mock('a')] });
    expect(actionAnswerWords(answerFor(own, 'a'), 'a')).toBe('its own mock');
    const startup = settings({ startupForwardTarget: 'http://localhost:8000/actions/{action_name}' });
    expect(actionAnswerWords(answerFor(startup, 'a'), 'a')).toBe('your handler (http://localhost:8000/actions/{action_name})');
    const mockMode = settings({ ...startup, routes: [{ action: 'a', mode: 'mock', target: null, updatedAt: 1 }] });
    expect(answerFor(mockMode, 'a').mode).toBe('mock');
    expect(answerFor(mockMode, 'b').mode).toBe('forward');
  });
  it('says what "not set" means', () => {
    expect(unsetModeWords(settings({}), null)).toBe('Not set: mock, as no forward target is set');
    expect(unsetModeWords(settings({ startupForwardTarget: 'http://h/x' }), null)).toBe(
      'Not set: forward, as a target is set (http://h/x)',
    );
    expect(unsetModeWords(settings({ startupForwardTarget: 'http://h/x' }), 'a')).toBe('Same as the default: forward, as a target is set');
    // The action's own target counts, as in the core: only its mode is unset.
    const ownTarget = settings({ routes: [{ action: 'a', mode: 'forward', target: 'http://h/a', updatedAt: 1 }] });
    expect(unsetModeWords(ownTarget, 'a')).toBe('Same as the default: forward, as a target is set');
    expect(unsetModeWords(settings({}), 'a')).toBe('Same as the default: mock, as no forward target is set');
    const defaultMock = settings({
      ...ownTarget,
      routes: [...ownTarget.routes, { action: null, mode: 'mock', target: null, updatedAt: 1 }],
    });
    expect(unsetModeWords(defaultMock, 'a')).toBe('Same as the default: mock');
  });
});

describe('sizes', () => {
  it("fit the list's size column (8 characters) at every size, the unit changing before the figure outgrows it", () => {
    const cases: [number, string][] = [
      [0, '0 B'],
      [1023, '1023 B'],
      [2048, '2.0 KB'],
      [1000 * 1024 - 52, '999.9 KB'],
      [1000 * 1024 - 51, '0.98 MB'], // rounds to 1000.0 KB
      [1024 * 1024 - 1, '1.00 MB'],
      [1_100_000, '1.05 MB'],
      [99.9 * 1024 * 1024, '99.90 MB'],
      [512 * 1024 * 1024, '512.0 MB'],
      [2.5 * 1024 * 1024 * 1024, '2.50 GB'],
    ];
    for (const [bytes, said] of cases) expect(formatBytes(bytes)).toBe(said);
    for (let bytes = 1; bytes < 2 ** 34; bytes = Math.ceil(bytes * 1.013)) expect(formatBytes(bytes).length).toBeLessThanOrEqual(8);
  });
});
