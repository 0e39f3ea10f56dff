import type { WaitingCall } from '../../../main/contract/api';
import { useCallsStore } from './calls-store';

/**
 * Calls told of as waiting for the handler (`call-waiting`), and the ends of those waits, from
 * one batch of events: the list shows the ones still waiting, newest first, above the stored
 * calls; each one's stored row comes with the end of its wait.
 */
export function applyWaits(told: WaitingCall[], ended: number[]): void {
  if (told.length === 0 && ended.length === 0) return;
  useCallsStore.setState((s) => {
    const gone = new Set(ended);
    const waiting = [...told.reverse(), ...s.waiting].filter((call) => !gone.has(call.key));
    return { waiting };
  });
}

/**
 * The page was away from the companion: the ends of waits told meanwhile never came, and no read
 * brings waits back (they are not stored). A call still waiting is in the list once stored.
 */
export function forgetWaits(): void {
  if (useCallsStore.getState().waiting.length > 0) useCallsStore.setState({ waiting: [] });
}
