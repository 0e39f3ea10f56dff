import type { CallCountQuery, CallFilter, CallStats, CallSummary } from '../../../main/contract/api';
import { currentBridge } from '../page/bridge-holder';
import { onReset } from '../page/stores';
import { reportError } from '../page/ui-actions';
import type { RendererBridge } from '../transport/connection';
import { useCallsStore, type ActionCounts, type CallsState } from './calls-store';
import { matchesFilter, withoutAction } from './filter-state';
import { watchStored, withStoredMeanwhile, type StoredMeanwhile } from '../page/reads-in-flight';
import { PAGE_FAILURE_WORDS } from '../../../main/contract/words';

/** Counts started since the page loaded: a count goes on only while it is the newest. */
let countsStarted = 0;

/**
 * How often at most the counts are read again after the history's limits deleted old calls: the
 * counts still include those calls (and grow with every arrival), but with calls arriving the
 * limits delete a slice every second or so, and a count of a search reads every body.
 */
const RECOUNT_AFTER_PRUNING_MS = 10_000;
let lastRecount = 0;
let recountTimer: ReturnType<typeof setTimeout> | null = null;
onReset(() => {
  if (recountTimer) clearTimeout(recountTimer);
  recountTimer = null;
  lastRecount = 0;
});

/**
 * The history's limits deleted its oldest calls, which the counts of the filter still include:
 * counts them again (recount), at once the first time and then at most every
 * RECOUNT_AFTER_PRUNING_MS.
 */
export function recountAfterPruning(): void {
  if (recountTimer) return;
  recountTimer = setTimeout(
    () => {
      recountTimer = null;
      lastRecount = Date.now();
      const b = currentBridge();
      const { generation, activeQuery, matchCount, actionCounts } = useCallsStore.getState();
      if (b && (matchCount || actionCounts)) void recount(b, generation, activeQuery);
    },
    Math.max(0, lastRecount + RECOUNT_AFTER_PRUNING_MS - Date.now()),
  );
}

/** What one count feeds: the header's total, the filter bar's counts per action, or both. */
interface Feeds {
  total: boolean;
  actions: boolean;
}

/**
 * Counts how many calls match the filter, for the header, and how many of each action match
 * the filter's other conditions, for the filter bar's action list (what choosing an action
 * there would show). With no action chosen both are one count; with one, the filter bar's
 * count leaves it out, so it is a second count, read after the header's: the header's first
 * figures come first, then the filter bar's, then the header's exact count, then the filter
 * bar's. A filter of an action alone needs no count for the filter bar: the history's own
 * per-action counts are that. A new filter abandons every count (`gen`), and so does a newer
 * count of the same filter (recount).
 */
export async function countMatches(b: RendererBridge, gen: number, query: CallFilter): Promise<void> {
  const mine = ++countsStarted;
  const current = () => useCallsStore.getState().generation === gen && countsStarted === mine;
  const others = withoutAction(query);
  const byAction = Object.keys(others).length > 0;
  if (byAction && query.action === undefined) {
    const both = stepCounter(b, current, { ...query, perAction: true }, { total: true, actions: true });
    if (await both.firstFigures()) await both.toTheEnd();
    return;
  }
  const header = stepCounter(b, current, { ...query, perAction: false }, { total: true, actions: false });
  const headerGoesOn = await header.firstFigures();
  const bar = byAction ? stepCounter(b, current, { ...others, perAction: true }, { total: false, actions: true }) : null;
  const barGoesOn = bar ? await bar.firstFigures() : false;
  if (headerGoesOn) await header.toTheEnd();
  if (bar && barGoesOn) await bar.toTheEnd();
}

/**
 * One count in steps: each `getStats` reads as much as the core allows one query and says where
 * it stopped, and the next goes on from there, so the figures grow ("at least ...") until they
 * are exact. When the first step was not the whole count, the core's estimate comes next, so
 * the figures say "about ..." from the start of a count that takes seconds.
 */
function stepCounter(b: RendererBridge, current: () => boolean, query: CallCountQuery, feeds: Feeds) {
  let beforeId: number | undefined;
  /** One step; true when there is more to count. */
  const step = async () => {
    const first = beforeId === undefined;
    // The first step fixes what the count covers (`countedUpTo`); live calls are added from then on.
    const { value: stats, meanwhile } = first
      ? await withStoredMeanwhile(() => b.getStats(query))
      : { value: await b.getStats({ ...query, beforeId }), meanwhile: NOTHING_MEANWHILE };
    if (!current()) return false;
    const after = uncounted(meanwhile, stats.countedUpTo, query);
    useCallsStore.setState((s) => addStep(s, stats, feeds, after));
    beforeId = stats.nextBeforeId ?? undefined;
    return stats.nextBeforeId !== null;
  };
  const failed = (error: unknown) => {
    if (current()) reportError(PAGE_FAILURE_WORDS.countMatches, error);
    return false;
  };
  return {
    /** The first step, and the estimate when that was not the whole count; false when there is no more to count. */
    firstFigures: async (): Promise<boolean> => {
      try {
        if (!(await step())) return false;
        await estimate(b, current, query, feeds);
        return current();
      } catch (error) {
        return failed(error);
      }
    },
    toTheEnd: async (): Promise<void> => {
      try {
        while (await step());
      } catch (error) {
        failed(error);
      }
    },
  };
}

/**
 * Adds one step's counts to what the step's count feeds, with the matching calls stored after the
 * first step's read (`after`) that the page heard of before its answer.
 */
function addStep(s: CallsState, stats: CallStats, feeds: Feeds, after: CallSummary[]): Partial<CallsState> {
  const complete = stats.nextBeforeId === null;
  const next: Partial<CallsState> = {};
  if (feeds.total) {
    const count = s.matchCount;
    next.matchCount = {
      total: (count?.total ?? 0) + stats.total + after.length,
      complete,
      countedUpTo: count?.countedUpTo ?? stats.countedUpTo,
      about: count?.about ?? null,
    };
  }
  if (feeds.actions) {
    const counts = s.actionCounts;
    const counted = { ...counts?.counted };
    for (const { action, count } of stats.perAction) counted[action] = (counted[action] ?? 0) + count;
    next.actionCounts = {
      counted: withCalls(counted, after),
      complete,
      countedUpTo: counts?.countedUpTo ?? stats.countedUpTo,
      about: counts?.about ?? {},
    };
  }
  return next;
}

/**
 * Counts the filter again while the figures shown stay as they are (with the calls that keep
 * arriving added to them), then puts the new counts in their place at once, with the calls stored
 * meanwhile: a recount every few seconds must not turn an exact figure back into "at least ...".
 * The same counts as countMatches, each to the end, without estimates.
 */
async function recount(b: RendererBridge, gen: number, query: CallFilter): Promise<void> {
  const mine = ++countsStarted;
  const current = () => useCallsStore.getState().generation === gen && countsStarted === mine;
  const others = withoutAction(query);
  const byAction = Object.keys(others).length > 0;
  const watch = watchStored();
  try {
    const header = await countToTheEnd(b, current, { ...query, perAction: byAction && query.action === undefined });
    const bar = byAction && query.action !== undefined ? await countToTheEnd(b, current, { ...others, perAction: true }) : header;
    if (!header || !bar || !current()) return;
    const headerAfter = uncounted(watch, header.countedUpTo, query);
    const barAfter = uncounted(watch, bar.countedUpTo, others);
    useCallsStore.setState({
      matchCount: { total: header.total + headerAfter.length, complete: true, countedUpTo: header.countedUpTo, about: null },
      actionCounts: byAction
        ? { counted: withCalls(bar.perAction, barAfter), complete: true, countedUpTo: bar.countedUpTo, about: {} }
        : null,
    });
  } catch (error) {
    if (current()) reportError(PAGE_FAILURE_WORDS.countMatches, error);
  } finally {
    watch.stop();
  }
}

interface WholeCount {
  total: number;
  perAction: Record<string, number>;
  countedUpTo: number;
}

/** One count read to the end, step after step, showing nothing; null when a newer count took over. */
async function countToTheEnd(b: RendererBridge, current: () => boolean, query: CallCountQuery): Promise<WholeCount | null> {
  const whole: WholeCount = { total: 0, perAction: {}, countedUpTo: 0 };
  for (let beforeId: number | undefined; ;) {
    const stats = await b.getStats(beforeId === undefined ? query : { ...query, beforeId });
    if (!current()) return null;
    if (beforeId === undefined) whole.countedUpTo = stats.countedUpTo;
    whole.total += stats.total;
    for (const { action, count } of stats.perAction) whole.perAction[action] = (whole.perAction[action] ?? 0) + count;
    if (stats.nextBeforeId === null) return whole;
    beforeId = stats.nextBeforeId;
  }
}

/**
 * Live calls added to the filter's counts, the header's and the Action list's (the calls of
 * each that the count's reads did not cover), as a reload would count them.
 */
export function withLiveCalls(s: CallsState, stored: CallSummary[]): Pick<CallsState, 'matchCount' | 'actionCounts'> {
  return withCallsTold(s, { stored, searchMatches: [] });
}

/**
 * Calls told while a search is active that the core said contain the text (search-arrivals.ts
 * checks them against the search without the action chosen), added to the counts as
 * withLiveCalls adds other filters' calls, the ones the counts' reads did not cover: the
 * header's count takes those of the chosen action, the Action list's all of them (it counts the
 * search without the action). So the header grows with what the new-calls pill offers, and
 * "N of M" stays honest as M grows.
 */
export function withSearchArrivals(s: CallsState, searchMatches: CallSummary[]): Pick<CallsState, 'matchCount' | 'actionCounts'> {
  return withCallsTold(s, { stored: [], searchMatches });
}

function withCallsTold(s: CallsState, told: StoredMeanwhile): Pick<CallsState, 'matchCount' | 'actionCounts'> {
  const { matchCount: count, actionCounts: counts, activeQuery } = s;
  const total = count ? uncounted(told, count.countedUpTo, activeQuery) : [];
  const byAction = counts ? uncounted(told, counts.countedUpTo, withoutAction(activeQuery)) : [];
  return countsWith(s, total, byAction);
}

/** The header's count with `total` added, and the Action list's with `byAction`. */
function countsWith(s: CallsState, total: CallSummary[], byAction: CallSummary[]): Pick<CallsState, 'matchCount' | 'actionCounts'> {
  const { matchCount: count, actionCounts: counts } = s;
  return {
    matchCount:
      count && total.length
        ? { ...count, total: count.total + total.length, about: count.about === null ? null : count.about + total.length }
        : count,
    actionCounts:
      counts && byAction.length
        ? { ...counts, counted: withCalls(counts.counted, byAction), about: estimatesWithCalls(counts.about, byAction) }
        : counts,
  };
}

/**
 * The calls told that a count of `filter` covering the history up to `countedUpTo` would count
 * and has not. For a search, only those the core said contain the text: a summary has no body.
 * A call told before the count's read was stored before it, so the read covers it (its id is
 * not above `countedUpTo`): nothing is counted twice.
 */
function uncounted(told: StoredMeanwhile, countedUpTo: number, filter: CallFilter): CallSummary[] {
  const calls = filter.text ? told.searchMatches : told.stored;
  return calls.filter((call) => call.id > countedUpTo && matchesFilter(call, filter));
}

const NOTHING_MEANWHILE: StoredMeanwhile = { stored: [], searchMatches: [] };

/** The estimates per action, each that there is one more for each call's action. */
function estimatesWithCalls(about: ActionCounts['about'], calls: CallSummary[]): ActionCounts['about'] {
  const more = { ...about };
  for (const { action } of calls) {
    if (action === null) continue;
    const estimate = more[action];
    if (estimate != null) more[action] = estimate + 1;
  }
  return more;
}

/** Counts per action with one more for each call's action. */
function withCalls(counted: Record<string, number>, calls: CallSummary[]): Record<string, number> {
  const more = { ...counted };
  for (const { action } of calls) if (action !== null) more[action] = (more[action] ?? 0) + 1;
  return more;
}

/**
 * Adds the core's estimate for the count's own query to the count that goes on. One that fails
 * is reported and the exact count goes on without it.
 */
async function estimate(b: RendererBridge, current: () => boolean, query: CallCountQuery, feeds: Feeds): Promise<void> {
  try {
    const estimate = await b.estimateCount(query);
    useCallsStore.setState((s) => {
      if (!current()) return s;
      const next: Partial<CallsState> = {};
      if (feeds.total && s.matchCount && !s.matchCount.complete) next.matchCount = { ...s.matchCount, about: estimate.about };
      if (feeds.actions && s.actionCounts && !s.actionCounts.complete) {
        const about: ActionCounts['about'] = {};
        for (const action of estimate.perAction) about[action.action] = action.about;
        next.actionCounts = { ...s.actionCounts, about };
      }
      return next;
    });
  } catch (error) {
    if (current()) reportError(PAGE_FAILURE_WORDS.estimateMatches, error);
  }
}

/**
 * A count as the page says it: exact once counted; while the count goes on, "about" the core's
 * estimate when it has one above what is counted so far, "at least" what is counted otherwise.
 */
export function countInWords(counted: number, complete: boolean, about: number | null | undefined): string {
  if (complete) return counted.toLocaleString();
  if (about != null && about > counted) return `about ${about.toLocaleString()}`;
  return `at least ${counted.toLocaleString()}`;
}
