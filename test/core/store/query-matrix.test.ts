import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countsAsFailure,
  decodeUnicodeEscapes,
  type CallCountQuery,
  type CallFilter,
  type CallSource,
  type CallSummary,
  type Verdict,
} from '../../../main/contract/api';
import { CallsRepository } from '../../../main/core/store/calls-repository';
import { summaryOf, type NewCall } from '../../../main/core/store/calls-insert';
import { openStore, type Store } from '../../../main/core/store/open-store';
import { filterMatrix } from '../../helpers/filter-matrix';
import { storedCall, VALID_SIGNATURE } from '../../helpers/new-call';
import { makeTempDir } from '../../helpers/temp-dir';

const NOW = 1_700_000_000_000;
const ACTIONS = ['send_email', 'lookup_order', null] as const;
const VERDICTS: Verdict[] = ['valid', 'invalid', 'missing', 'unsigned-test', 'malformed'];
const SOURCES: CallSource[] = ['flowent', 'flowent', 'flowent', 'replay', 'simulator', 'import'];
const STATUSES = [200, 200, 302, 404, 500];
const WORDS = ['Paris', 'Zürich', 'parcel', '100%', 'x_y', 'ab', '東京'];

/** A varied history: every filter's values, bodies with and without escapes, times out of id order. */
function history(count: number): NewCall[] {
  return Array.from({ length: count }, (_, i) => {
    const verdict = VERDICTS[(i * 3) % VERDICTS.length]!;
    const status = STATUSES[(i * 7) % STATUSES.length]!;
    const source = SOURCES[(i * 5) % SOURCES.length]!;
    const words = [WORDS[i % WORDS.length], WORDS[(i * 3 + 1) % WORDS.length]].join(' ');
    const json = JSON.stringify({ n: i, note: words });
    const body = i % 3 === 0 ? json.replace(/[\u0080-\uffff]/g, (u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
    const call = storedCall({
      // An imported call keeps the time it was received elsewhere: older than its id says.
      receivedAt: source === 'import' ? NOW - 30 * 86_400_000 - i : NOW - (count - i) * 60_000,
      action: ACTIONS[i % ACTIONS.length] ?? null,
      test: verdict === 'unsigned-test',
      source,
      signature: { ...VALID_SIGNATURE, verdict },
      requestBody: Buffer.from(body),
    });
    return { ...call, response: { ...call.response, status } };
  });
}

/**
 * The filter applied to every call by hand, text against each body's readable text, letter case
 * aside (the words' letters all have one lower case that JavaScript and the index agree on).
 */
function scan(calls: { summary: CallSummary; readable: string }[], filter: CallFilter): CallSummary[] {
  return calls
    .filter(({ summary: c, readable }) => {
      if (filter.action !== undefined && c.action !== filter.action) return false;
      if (filter.verdict !== undefined && c.verdict !== filter.verdict) return false;
      if (filter.statusClass !== undefined && `${Math.floor(c.status / 100)}xx` !== filter.statusClass) return false;
      if (filter.test !== undefined && c.test !== filter.test) return false;
      if (filter.source !== undefined && c.source !== filter.source) return false;
      if (filter.failures && !(c.failed && c.source === 'flowent')) return false;
      if (filter.since !== undefined && c.receivedAt < filter.since) return false;
      if (filter.until !== undefined && c.receivedAt > filter.until) return false;
      if (filter.text !== undefined && !readable.toLowerCase().includes(filter.text.toLowerCase())) return false;
      return true;
    })
    .map(({ summary }) => summary);
}

const CASES = filterMatrix({
  action: ['send_email', 'no_such_action'],
  verdict: ['invalid', 'unsigned-test', 'not-flowent'],
  statusClass: ['5xx', '3xx', '2xx'],
  test: [true, false],
  source: ['replay', 'import', 'flowent'],
  failures: [true],
  since: [NOW - 5 * 60_000, NOW - 3 * 3_600_000, NOW - 40 * 86_400_000],
  until: [NOW - 2 * 3_600_000],
  text: ['a', 'AB', 'Zü', 'zÜ', 'Paris', 'PARIS', 'Zürich', 'zürich', '100% x', '100% X', '東京', 'absent words', 'u00fc', 'U00FC'],
});

let store: Store;
let dir: { path: string; remove: () => void };
let calls: { summary: CallSummary; readable: string }[];
/** The same history through a connection whose queries stop after one window of 17 ids. */
let stepped: CallsRepository;
let steppedDb: Database.Database;

beforeAll(() => {
  dir = makeTempDir();
  const opened = openStore({ dataDir: dir.path });
  if (!opened.ok) throw new Error(JSON.stringify(opened));
  store = opened.value;
  const made = history(420);
  const ids = [...store.calls.insert(made.slice(0, 300)), ...(store.textIndex.catchUp(), store.calls.insert(made.slice(300)))];
  calls = made
    .map((call, at) => ({ summary: summaryOf(call, ids[at]!), readable: decodeUnicodeEscapes(call.requestBody.toString()) }))
    .reverse();
  steppedDb = new Database(store.file, { readonly: true });
  stepped = new CallsRepository(steppedDb, { ms: 0, firstWindow: 17 });
});
afterAll(() => {
  steppedDb.close();
  store.close();
  dir.remove();
});

/** Every page, following the cursor; how many pages stopped for time. */
function everyPage(repository: CallsRepository, filter: CallFilter, limit: number): { ids: number[]; stopped: number } {
  const ids: number[] = [];
  let stopped = 0;
  for (let beforeId: number | undefined; ;) {
    const page = repository.list({ ...filter, limit, beforeId });
    ids.push(...page.calls.map((c) => c.id));
    if (page.searchedDownTo !== null) {
      stopped++;
      expect(page.nextBeforeId).toBe(page.searchedDownTo);
      expect(page.calls.every((c) => c.id >= page.searchedDownTo!)).toBe(true);
    }
    if (page.nextBeforeId === null) return { ids, stopped };
    beforeId = page.nextBeforeId;
  }
}

/** The counts, step by step as the page asks for them. */
function everyCount(repository: CallsRepository, filter: CallCountQuery) {
  let total = 0;
  let failures = 0;
  const perAction = new Map<string, number>();
  for (let query: CallCountQuery = filter; ;) {
    const stats = repository.stats(query);
    total += stats.total;
    failures += stats.failures;
    for (const { action, count } of stats.perAction) perAction.set(action, (perAction.get(action) ?? 0) + count);
    if (stats.nextBeforeId === null) return { total, failures, perAction };
    query = { ...filter, beforeId: stats.nextBeforeId };
  }
}

/** The replayable calls a bulk replay of the filter takes (at most `limit`, newest first), step by step. */
function everyReplayable(repository: CallsRepository, filter: CallFilter, limit: number): number[] {
  const ids: number[] = [];
  for (let beforeId: number | undefined; ;) {
    const step = repository.selectReplayableIds(filter, limit - ids.length, beforeId);
    ids.push(...step.ids);
    if (ids.length >= limit || step.nextBeforeId === null) return ids;
    beforeId = step.nextBeforeId;
  }
}

describe('every query of the matrix gives what a scan of every call gives', () => {
  it('covers each filter of the contract alone and in pairs', () => {
    expect(CASES.length).toBeGreaterThan(300);
  });

  it('says where a query that ran out of time stopped, and goes on from there', () => {
    const newest = calls[0]!.summary.id;
    const first = stepped.list({ text: 'absent words', limit: 7 });
    expect(first).toEqual({ calls: [], nextBeforeId: newest + 1 - 17, searchedDownTo: newest + 1 - 17 });
    expect(stepped.list({ text: 'absent words', limit: 7, beforeId: first.nextBeforeId! }).searchedDownTo).toBe(newest + 1 - 34);
    const counts = stepped.stats({ verdict: 'invalid' });
    expect(counts.nextBeforeId).toBe(newest + 1 - 17);
    expect(counts.total).toBe(scan(calls.slice(0, 17), { verdict: 'invalid' }).length);
    // Every window of 17 is a step of its own, the calls not indexed yet and those the index holds
    // (17 bodies a step tell too little of how dense the hits are to go through the index) ...
    expect(everyPage(stepped, { text: 'absent words' }, 7).stopped).toBe(Math.ceil(420 / 17) - 1);
    // ... and with a filter that lets no call through.
    const within = everyPage(stepped, { text: 'Paris', action: 'no_such_action' }, 7);
    expect(within).toEqual({ ids: [], stopped: expect.any(Number) });
    expect(within.stopped).toBeGreaterThan(7);
  });

  it.each(CASES)('$label', ({ filter }) => {
    const expected = scan(calls, filter);
    const expectedIds = expected.map((c) => c.id);
    // In one go, and page by page.
    expect(everyPage(store.calls, filter, 500).ids).toEqual(expectedIds);
    expect(everyPage(store.calls, filter, 7).ids).toEqual(expectedIds);
    // Stopped for time after every window: the cursor still leads through the same calls.
    expect(everyPage(stepped, filter, 7).ids).toEqual(expectedIds);

    const perAction = new Map<string, number>();
    for (const c of expected) if (c.action) perAction.set(c.action, (perAction.get(c.action) ?? 0) + 1);
    const counts = { total: expected.length, failures: expected.filter(countsAsFailure).length, perAction };
    expect(everyCount(store.calls, filter)).toEqual(counts);
    expect(everyCount(stepped, filter)).toEqual(counts);
    // The totals alone, as the page counts: the same figures, without the per-action list.
    const totals = { ...counts, perAction: new Map() };
    expect(everyCount(store.calls, { ...filter, perAction: false })).toEqual(totals);
    expect(everyCount(stepped, { ...filter, perAction: false })).toEqual(totals);

    // A bulk replay's choice: Flowent's calls, received or imported, that name an action.
    const replayable = expected.filter((c) => c.action !== null && (c.source === 'flowent' || c.source === 'import')).map((c) => c.id);
    expect(everyReplayable(store.calls, filter, 1000)).toEqual(replayable);
    expect(everyReplayable(stepped, filter, 5)).toEqual(replayable.slice(0, 5));
  });
});
