import type { CoreEvent } from '../../../main/contract/api';

export interface EventBatcher {
  push(events: CoreEvent[]): void;
  /** Applies what is pending now (tests, and before a refetch). */
  flush(): void;
  dispose(): void;
}

/**
 * Collects core events and hands them over at most once per animation frame, or after
 * `maxWaitMs` when frames are not running (a background tab or window), so a burst of a
 * thousand calls a second costs one state update per frame, not a thousand.
 */
export function createEventBatcher(apply: (events: CoreEvent[]) => void, maxWaitMs = 50): EventBatcher {
  let pending: CoreEvent[] = [];
  let frame: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  function cancel(): void {
    if (frame !== null && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame);
    if (timer !== null) clearTimeout(timer);
    frame = null;
    timer = null;
  }

  function flush(): void {
    cancel();
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    apply(batch);
  }

  return {
    push(events) {
      if (events.length === 0) return;
      pending.push(...events);
      if (frame !== null || timer !== null) return;
      if (typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(flush);
      timer = setTimeout(flush, maxWaitMs);
    },
    flush,
    dispose() {
      cancel();
      pending = [];
    },
  };
}
