import { useSyncExternalStore } from 'react';
import { startOfToday } from '../shared/format';

/** A timer can fire a little before the moment it was set for: look again just after midnight. */
const AFTER_MIDNIGHT_MS = 50;

function subscribe(onChange: () => void): () => void {
  let timer: ReturnType<typeof setTimeout>;
  const untilMidnight = () => {
    const now = Date.now();
    const tomorrow = new Date(startOfToday(now));
    tomorrow.setDate(tomorrow.getDate() + 1);
    timer = setTimeout(
      () => {
        onChange();
        untilMidnight();
      },
      tomorrow.getTime() - now + AFTER_MIDNIGHT_MS,
    );
  };
  untilMidnight();
  // A computer asleep over midnight may run the timer late: look again when the page is back.
  document.addEventListener('visibilitychange', onChange);
  window.addEventListener('focus', onChange);
  return () => {
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', onChange);
    window.removeEventListener('focus', onChange);
  };
}

/**
 * Midnight today, local time, moving on at midnight: a page left open overnight dates
 * yesterday's rows, though no call arrives to draw the list again.
 */
export function useToday(): number {
  return useSyncExternalStore(subscribe, () => startOfToday());
}
