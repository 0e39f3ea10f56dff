import { countsAsFailure, type CallStats, type CallSummary } from '../../../main/contract/api';
import { currentBridge } from '../page/bridge-holder';
import { withStoredMeanwhile } from '../page/reads-in-flight';
import { useMetaStore } from '../page/stores';
import { forgetError, reportError } from '../page/ui-actions';
import { PAGE_FAILURE_WORDS } from '../../../main/contract/words';

/** The history's counts (the header's calls and failures, the action list's per action), read again. */
export async function refreshStats(): Promise<void> {
  const b = currentBridge();
  if (!b) return;
  try {
    const { value: stats, meanwhile } = await withStoredMeanwhile(() => b.getStats({}));
    useMetaStore.setState({ stats: countInto(stats, meanwhile.stored) });
    forgetError(PAGE_FAILURE_WORDS.loadStats);
  } catch (error) {
    reportError(PAGE_FAILURE_WORDS.loadStats, error);
  }
}

/**
 * Adds live calls to the counts the core gave, by the contract's own rule (`countsAsFailure`),
 * so the header shows what a reload would. Calls the counts already include are skipped.
 */
export function countInto(stats: CallStats, calls: CallSummary[]): CallStats {
  const fresh = calls.filter((call) => call.id > stats.countedUpTo);
  if (fresh.length === 0) return stats;
  const perAction = new Map(stats.perAction.map((a) => [a.action, a.count]));
  let failures = stats.failures;
  for (const call of fresh) {
    if (countsAsFailure(call)) failures += 1;
    if (call.action) perAction.set(call.action, (perAction.get(call.action) ?? 0) + 1);
  }
  return {
    total: stats.total + fresh.length,
    failures,
    perAction: [...perAction].map(([action, count]) => ({ action, count })).sort(byCountThenName),
    countedUpTo: fresh.reduce((newest, call) => Math.max(newest, call.id), stats.countedUpTo),
    nextBeforeId: stats.nextBeforeId,
  };
}

/**
 * The core's order of the actions (call-stats.ts: `ORDER BY total DESC, action`, names compared
 * as stored): most calls first, ties by name. Sorting by the count alone kept ties in the order
 * the calls happened to be told in, so two actions that passed each other and tied showed in
 * another order than a reload, depending on how the calls were batched.
 */
function byCountThenName(a: { action: string; count: number }, b: { action: string; count: number }): number {
  return b.count - a.count || (a.action < b.action ? -1 : a.action > b.action ? 1 : 0);
}
