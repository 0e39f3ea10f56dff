import type { CoreEvent } from '../../contract/api';

export interface EventRelayOptions {
  /** Delivers one batch; returns false when there is nobody to deliver to (the batch is kept). */
  send(events: CoreEvent[]): boolean;
  flushMs?: number;
  maxBatch?: number;
  maxQueue?: number;
}

export interface EventRelay {
  push(event: CoreEvent): void;
  /** The renderer's listener is in place: deliver everything queued, then batch live. */
  markReady(): void;
  /** The renderer went away (window closed, page reloading): queue until it is ready again. */
  markNotReady(): void;
  /** How many events were dropped because the queue was full. */
  readonly dropped: number;
  dispose(): void;
}

/**
 * Batches core events for the renderer: a batch goes out 50 ms after its first event or as
 * soon as it holds 500, whichever comes first, so a burst of calls costs a few IPC messages
 * and a few renders rather than thousands.
 *
 * Before the renderer is ready, events are queued, not lost. The queue is bounded (10,000):
 * when full, the oldest `call-stored` event is dropped. That loses nothing the renderer
 * needs, because it loads the history with `listCalls` after subscribing, and the dropped
 * calls are in the database. `status-changed` events are snapshots, so only the latest one
 * is kept; `history-cleared` is kept in order.
 */
export function createEventRelay(options: EventRelayOptions): EventRelay {
  const flushMs = options.flushMs ?? 50;
  const maxBatch = options.maxBatch ?? 500;
  const maxQueue = options.maxQueue ?? 10_000;
  let queue: CoreEvent[] = [];
  let ready = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let dropped = 0;

  function cancelTimer(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  }

  function flush(): void {
    cancelTimer();
    while (ready && queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      if (!options.send(batch)) {
        ready = false;
        return;
      }
      queue = queue.slice(batch.length);
    }
  }

  function enqueue(event: CoreEvent): void {
    if (event.type === 'status-changed') {
      queue = queue.filter((queued) => queued.type !== 'status-changed');
    }
    queue.push(event);
    if (queue.length > maxQueue) {
      const oldest = queue.findIndex((queued) => queued.type === 'call-stored');
      queue.splice(oldest === -1 ? 0 : oldest, 1);
      dropped += 1;
    }
  }

  return {
    push(event) {
      enqueue(event);
      if (!ready) return;
      if (queue.length >= maxBatch) flush();
      else if (timer === null) timer = setTimeout(flush, flushMs);
    },
    markReady() {
      ready = true;
      flush();
    },
    markNotReady() {
      ready = false;
      cancelTimer();
    },
    get dropped() {
      return dropped;
    },
    dispose() {
      ready = false;
      cancelTimer();
      queue = [];
    },
  };
}
