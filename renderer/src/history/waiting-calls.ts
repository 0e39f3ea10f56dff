import type { WaitingCall } from '../../../main/contract/api';
import { currentBridge } from '../page/bridge-holder';
import { reportError } from '../page/ui-actions';
import { useCallsStore } from './calls-store';
import { PAGE_FAILURE_WORDS } from '../../../main/contract/words';

/** Keys an event told of (a wait begun or ended) since each listWaitingCalls read was asked for: the read is older for them. */
const toldSince = new Set<Set<number>>();

/**
 * Calls told of as waiting for the handler (`call-waiting`), and the ends of those waits, from
 * one batch of events: the list shows the ones still waiting, newest first, above the stored
 * calls; each one's stored row comes with the end of its wait.
 */
export function applyWaits(told: WaitingCall[], ended: number[]): void {
  if (told.length === 0 && ended.length === 0) return;
  for (const keys of toldSince) for (const key of [...told.map((call) => call.key), ...ended]) keys.add(key);
  useCallsStore.setState((s) => {
    const gone = new Set(ended);
    const waiting = [...told.reverse(), ...s.waiting].filter((call) => !gone.has(call.key));
    return { waiting };
  });
}

/**
 * Reads the calls waiting for the handler now: on opening, after a reconnection or a resync. A
 * call kept waiting is not stored, so without this a page opened meanwhile would not show it
 * until it is. The read replaces what the page held (a wait that ended while the page was away
 * never had its end told), except the waits whose events arrived meanwhile: they are newer.
 * The list is not emptied first: a wait still going would blink out until the read came back.
 */
export async function loadWaitingCalls(): Promise<void> {
  const b = currentBridge();
  if (!b) return;
  const since = new Set<number>();
  toldSince.add(since);
  try {
    const waitingNow = await b.listWaitingCalls();
    useCallsStore.setState((s) => {
      const byEvents = s.waiting.filter((call) => since.has(call.key));
      const read = waitingNow.filter((call) => !since.has(call.key)).reverse();
      return { waiting: [...byEvents, ...read].sort((a, b) => b.key - a.key) };
    });
  } catch (error) {
    // Unknown which of the held waits still go on: only those told since are known to.
    useCallsStore.setState((s) => ({ waiting: s.waiting.filter((call) => since.has(call.key)) }));
    reportError(PAGE_FAILURE_WORDS.readWaitingCalls, error);
  } finally {
    toldSince.delete(since);
  }
}
