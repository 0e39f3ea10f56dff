import { useCallback, useSyncExternalStore } from 'react';

/**
 * The current time to the `ms`, refreshed every `ms` while `active` (a countdown's clock). Read
 * from the clock at each render: a countdown that starts now counts from now, not from when its
 * component was mounted.
 */
export function useNow(active: boolean, ms = 1000): number {
  const subscribe = useCallback(
    (onTick: () => void) => {
      if (!active) return () => {};
      const timer = setInterval(onTick, ms);
      return () => clearInterval(timer);
    },
    [active, ms],
  );
  // Rounded, so that two reads within one tick agree (React checks that a snapshot is stable).
  return useSyncExternalStore(subscribe, () => Math.floor(Date.now() / ms) * ms);
}
