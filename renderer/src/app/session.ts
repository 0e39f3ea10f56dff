import type { CallSummary, DeliveredEvent, WaitingCall } from '../../../main/contract/api';
import { EMPTY_FILTER, matchesFilter } from '../history/filter-state';
import { SPARK_WINDOW_MS } from './sparkline';
import { hasConnection, hasPageRequests, type RendererBridge } from '../transport/connection';
import { arrivals, useMetaStore, useUiStore } from '../page/stores';
import { noteStored } from '../page/reads-in-flight';
import { listView, useCallsStore } from '../history/calls-store';
import { arrivedUnderOlderPage, idRange, keepNewest, mergeByArrival } from '../history/arrival-order';
import { forgetUnreachable, reportError, setConnection } from '../page/ui-actions';
import { loadFirstPage, PAGE_SIZE, reloadSelectedCall, setFilter } from '../history/calls-actions';
import { recountAfterPruning, withLiveCalls } from '../history/match-counts';
import { countInto, refreshStats } from '../history/call-stats';
import { countSearchArrivals } from '../history/search-arrivals';
import { currentBridge, setBridge } from '../page/bridge-holder';
import { loadAnswerSettings } from '../answers/answers-actions';
import { applyReplayEvent, resumeBulkReplay } from '../replay/replay-bulk-actions';
import { applyHarExportProgress, applyHarImportProgress } from '../replay/replay-har-actions';
import { dropDraftsOfPrunedCalls, dropEveryDraft } from '../replay/replay-drafts';
import { applyAccountEvents, isAccountEvent, loadAccount } from '../account/account-actions';
import type { AccountEvent } from '../../../main/contract/account';
import { loadProject, projectChanged } from '../project/project-actions';
import { applyProbeFinished, applyProbeProgress, loadProbes } from '../handler/probe-progress';
import { followCallInAddress } from './call-address';
import { applyWaits, loadWaitingCalls } from '../history/waiting-calls';
import { PAGE_FAILURE_WORDS } from '../../../main/contract/words';

/**
 * Connects the stores to a bridge: subscribes to events and to the connection state when the
 * transport has one, then loads status, stats and the first page. Returns the function that
 * disconnects.
 *
 * Each batch is applied as it arrives, with no batching of its own: the transports batch by
 * the core's one policy (at most one batch per 50 ms, main/core/event-batcher.ts), a batch
 * makes one update per store, and React renders the updates of one task together. So a burst
 * of calls already costs about 20 renders a second; waiting for an animation frame on top
 * would only add latency.
 */
export function startSession(b: RendererBridge): () => void {
  setBridge(b);
  // A refusal was the previous bridge's (its token): a new one, with a new token, starts unrefused.
  setConnection('open');
  const offEvents = b.onEvents(applyEvents);
  const offConnection = hasConnection(b)
    ? b.onConnection((event) => {
        if (event.type === 'reconnecting' || event.type === 'denied' || event.type === 'rotated') {
          setConnection(event.type);
          return;
        }
        setConnection('open');
        // What failed only because the companion was away is read again below; saying it failed would be stale.
        forgetUnreachable();
        void refreshAll();
      })
    : () => {};
  // A clicked failure notification: every failed call, whatever the list was filtered to before,
  // so the one notified is among them (the header's "failures" button, with no other filter).
  const offShowFailed = hasPageRequests(b) ? b.onShowFailedCalls(() => void setFilter({ ...EMPTY_FILTER, failures: true })) : () => {};
  // After setBridge: the call the address names is read through it.
  const offAddress = followCallInAddress();
  void refreshAll();
  return () => {
    offEvents();
    offConnection();
    offShowFailed();
    offAddress();
    if (currentBridge() === b) setBridge(null);
  };
}

/** Everything the page shows, read again: after a reconnection (the core may have restarted) or a resync. */
export async function refreshAll(): Promise<void> {
  // Read again when shown, or when the Answers dialog waits for them (opened while the companion was down).
  const answersWanted = useMetaStore.getState().answers !== null || useUiStore.getState().panel === 'answers';
  const answers = answersWanted ? [loadAnswerSettings()] : [];
  await Promise.all([
    refreshStatus(),
    refreshStats(),
    loadFirstPage(),
    loadAccount(),
    loadProject(),
    resumeBulkReplay(),
    loadProbes(),
    loadWaitingCalls(),
    reloadSelectedCall(),
    ...answers,
  ]);
}

/**
 * Counts every change of the status in the store (events, results of actions, snapshots). A
 * snapshot asked for before a newer change arrived is older than what is shown: applying it
 * would undo that change (a tunnel just online shown as connecting again, with no event left
 * to correct it).
 */
let statusChanges = 0;
useMetaStore.subscribe((state, previous) => {
  if (state.status !== previous.status) statusChanges += 1;
});

export async function refreshStatus(): Promise<void> {
  const b = currentBridge();
  if (!b) return;
  const asked = statusChanges;
  try {
    const status = await b.getStatus();
    if (statusChanges === asked) useMetaStore.setState({ status });
  } catch (error) {
    reportError(PAGE_FAILURE_WORDS.loadStatus, error);
  }
}

/** Applies one batch of core events to the stores in a single update per store. */
export function applyEvents(events: DeliveredEvent[]): void {
  let stored: CallSummary[] = [];
  let cleared = false;
  let answersChanged = false;
  let resync = false;
  /** Calls arrived that were not told one by one (an import): the list and counts are read again. */
  let historyGrew = false;
  let prunedUpTo = 0;
  const waitsTold: WaitingCall[] = [];
  const waitsEnded: number[] = [];
  const account: AccountEvent[] = [];
  for (const event of events) {
    if (isAccountEvent(event)) {
      account.push(event);
      continue;
    }
    switch (event.type) {
      case 'call-stored':
        stored.push(event.call);
        break;
      case 'call-waiting':
        waitsTold.push(event.call);
        break;
      case 'call-wait-ended':
        waitsEnded.push(event.key);
        break;
      case 'calls-stored-elsewhere':
        historyGrew = true;
        break;
      case 'history-cleared':
        cleared = true;
        stored = [];
        break;
      case 'status-changed':
        useMetaStore.setState({ status: event.status });
        break;
      case 'answers-changed':
        answersChanged = true;
        break;
      case 'project-changed':
        projectChanged(event.project);
        break;
      case 'tunnel-status': {
        const tunnel = event.status;
        useMetaStore.setState((s) => (s.status ? { status: { ...s.status, tunnel } } : s));
        break;
      }
      case 'tunnel-url-changed':
        useUiStore.setState({ urlChange: { previous: event.previous, current: event.current } });
        break;
      case 'replay-progress':
      case 'replay-finished':
        applyReplayEvent(event);
        break;
      case 'har-import-progress':
        applyHarImportProgress(event);
        if (event.stage === 'entries' && event.done === event.total && event.imported > 0) historyGrew = true;
        break;
      case 'har-export-progress':
        applyHarExportProgress(event);
        break;
      case 'probe-progress':
        applyProbeProgress(event);
        break;
      case 'probe-finished':
        applyProbeFinished(event.callId);
        break;
      case 'history-pruned':
        prunedUpTo = Math.max(prunedUpTo, event.upToId);
        break;
      case 'resync':
        // The transport dropped events this page never saw: what it shows may be stale.
        resync = true;
        break;
      default: {
        const never: never = event;
        void never;
      }
    }
  }
  if (account.length) applyAccountEvents(account);
  applyWaits(waitsTold, waitsEnded);
  // Only a loaded copy is kept fresh; the Answers dialog loads its own when it opens.
  if (answersChanged && useMetaStore.getState().answers) void loadAnswerSettings();
  if (cleared) dropEveryDraft();
  else if (prunedUpTo > 0) void dropDraftsOfPrunedCalls(prunedUpTo);
  if (cleared) {
    arrivals.times = [];
    useCallsStore.setState((s) => ({
      calls: [],
      nextBeforeId: null,
      searchedDownTo: null,
      pendingNew: 0,
      selectedId: null,
      detail: null,
      matchCount: s.matchCount ? { total: 0, complete: true, countedUpTo: 0, about: null } : null,
      actionCounts: s.actionCounts ? { counted: {}, complete: true, countedUpTo: 0, about: {} } : null,
    }));
    useMetaStore.setState((s) => ({
      stats: s.stats ? { total: 0, failures: 0, perAction: [], countedUpTo: 0, nextBeforeId: null } : s.stats,
    }));
  }
  // Before the calls below are applied: the reads it starts must see them arrive (reads-in-flight.ts).
  if (resync) void refreshAll();
  else if (historyGrew) void Promise.all([refreshStats(), loadFirstPage()]);
  else if (prunedUpTo > 0) afterPruning(prunedUpTo);
  if (stored.length === 0) return;
  noteStored(stored);

  const now = Date.now();
  for (const call of stored) arrivals.times.push({ id: call.id, at: call.receivedAt });
  const cutoff = now - SPARK_WINDOW_MS;
  const firstKept = arrivals.times.findIndex((a) => a.at >= cutoff);
  arrivals.times = firstKept < 0 ? [] : arrivals.times.slice(firstKept);

  useMetaStore.setState((s) => (s.stats ? { stats: countInto(s.stats, stored) } : s));

  const { activeQuery, generation } = useCallsStore.getState();
  // Summaries carry no body: the core says which of the calls match the search (search-arrivals.ts).
  if (activeQuery.text) {
    void countSearchArrivals(generation, activeQuery, stored);
    return;
  }
  let readFirstPageAgain = false;
  useCallsStore.setState((s) => {
    const matching = stored.filter((c) => matchesFilter(c, s.activeQuery));
    const { newest } = idRange(s.calls);
    const fresh = matching.filter((c) => c.id > newest);
    // The counts grow with the calls they match, once their first step has counted up to somewhere.
    const { matchCount, actionCounts } = withLiveCalls(s, stored);
    if (matchCount === s.matchCount && actionCounts === s.actionCounts && fresh.length === 0) return s;
    if (!fresh.length) return { matchCount, actionCounts };
    const calls = mergeByArrival(s.calls, fresh);
    // A first page on its way checks this itself when it comes, with these calls (loadFirstPage).
    readFirstPageAgain = s.loading !== 'first' && arrivedUnderOlderPage(calls, newest, PAGE_SIZE);
    return { ...keepNewest(calls, listView.lastVisibleIndex), matchCount, actionCounts };
  });
  if (readFirstPageAgain) void loadFirstPage();
}

/**
 * The oldest calls went (the history's limits): the counts are read again (the filter's too),
 * and the list only when it shows some of them (it usually shows the newest, far above).
 */
function afterPruning(upToId: number): void {
  void refreshStats();
  const { oldest } = idRange(useCallsStore.getState().calls);
  if (oldest <= upToId) void loadFirstPage();
  else recountAfterPruning();
}
