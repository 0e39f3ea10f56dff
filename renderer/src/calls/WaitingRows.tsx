import { useEffect, useState } from 'react';
import type { WaitingCall } from '../../../main/contract/api';
import { WAITING_FOR_HANDLER, waitingExplained } from '../../../main/contract/words/waiting-words';
import { useCallsStore } from '../history/calls-store';
import { ListTime } from './ListTime';
import { useToday } from './use-today';
import { CALL_LIST_WORDS } from '../../../main/contract/words';

/**
 * The calls forwarded to the developer's handler that it keeps waiting, above the list: a call
 * is stored (and listed) only once the handler answers or the forward's limit ends the wait,
 * and a hung handler would otherwise leave no sign that Flowent called at all. Shown whatever
 * the filter, since they are not stored yet; each gives way to its stored row.
 */
export function WaitingRows() {
  const waiting = useCallsStore((s) => s.waiting);
  return waiting.length > 0 ? <WaitingList waiting={waiting} /> : null;
}

/** Mounted only while calls wait: its clock ticks then, and only then. */
function WaitingList({ waiting }: { waiting: WaitingCall[] }) {
  const today = useToday();
  const now = useSecondsClock();
  return (
    <ul className="waiting-calls" aria-label={CALL_LIST_WORDS.waiting}>
      {waiting.map((call) => (
        <li key={call.key} className="call-row waiting-row" data-waiting-key={call.key} title={waitingExplained(call.target)}>
          <ListTime ms={call.receivedAt} today={today} />
          <span className="col-action">{call.action}</span>
          <span className="col-waiting">
            {WAITING_FOR_HANDLER} ({Math.max(0, Math.floor((now - call.receivedAt) / 1000))} s)
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The time now, moving on every second. */
function useSecondsClock(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
