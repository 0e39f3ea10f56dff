import type { CoreEvent, CoreEventType, DeliveredEvent } from '../contract/api';

/**
 * The one event policy, for every receiver of core events (the desktop window over IPC, each
 * browser inspector over server-sent events):
 *
 * - **How often.** A batch goes out 50 ms after the first event that waits, so a burst of
 *   calls costs a receiver about 20 messages (and renders) a second, not one per call.
 * - **How many.** At most 500 events a batch: when 500 wait, they go at once.
 * - **Coalesced.** Events that state what something is now (status, tunnel, "answers
 *   changed", "account changed", a bulk replay's progress) keep only the latest of each
 *   while they wait: an older one says nothing the latest does not.
 * - **Held.** While a receiver is not ready (a window still loading) or too slow (its
 *   socket's buffer is full), events wait for it, in order.
 * - **Dropped.** At most 10,000 events wait. When one more arrives, every waiting event whose
 *   content the page can read again (calls, counts, status, settings, progress) is dropped,
 *   and one `resync` marker takes their place. Events that tell of something that happened
 *   once (a new public URL, actions re-pointed, a registration or a bulk replay finished) are
 *   kept: a reload cannot bring them back. Only if those alone fill the queue do the oldest
 *   of them go.
 * - **Resync.** A page that gets `resync` knows it missed events: it reads again everything
 *   it shows (status, counts, the list, the account, bulk replays), as after a reconnection.
 */
export interface BatchPolicy {
  /** How long the first waiting event waits for others, in milliseconds. */
  flushMs: number;
  maxBatch: number;
  maxQueue: number;
}

export const EVENT_BATCH_POLICY: BatchPolicy = { flushMs: 50, maxBatch: 500, maxQueue: 10_000 };

type Handling =
  /** Part of what the page reads again on a resync: may be dropped for the marker. */
  | 'state'
  /** State too, and only the latest one matters. */
  | 'snapshot'
  /** Something that happened once: never replaced by the marker. */
  | 'notice';

/** Every event type's place in the policy; a new type does not compile until it has one. */
const HANDLING: Record<CoreEventType, Handling> = {
  'call-stored': 'state',
  'calls-stored-elsewhere': 'state',
  'history-cleared': 'state',
  'history-pruned': 'state',
  'status-changed': 'snapshot',
  'tunnel-status': 'snapshot',
  'answers-changed': 'snapshot',
  'account-changed': 'snapshot',
  'project-changed': 'snapshot',
  'replay-progress': 'snapshot',
  'har-import-progress': 'snapshot',
  'har-export-progress': 'snapshot',
  'probe-progress': 'snapshot',
  'tunnel-url-changed': 'notice',
  // Not stored, so not read again on a resync: a page that missed them would keep a row waiting, or never show one.
  'call-waiting': 'notice',
  'call-wait-ended': 'notice',
  'actions-followed': 'notice',
  'registration-finished': 'notice',
  'replay-finished': 'notice',
  // Held for a page that missed it: a progress bar would otherwise stay up.
  'probe-finished': 'notice',
};

const RESYNC: DeliveredEvent = { type: 'resync' };

/** Which waiting event a snapshot replaces; null for events that are not snapshots. */
function snapshotKey(event: DeliveredEvent): string | null {
  if (event.type === 'resync' || HANDLING[event.type] !== 'snapshot') return null;
  if (event.type === 'replay-progress') return `${event.type}:${event.runId}`;
  // Two probes (of two calls) at once: each one's latest step is kept.
  return event.type === 'probe-progress' ? `${event.type}:${event.callId}` : event.type;
}

const isNotice = (event: DeliveredEvent) => event.type !== 'resync' && HANDLING[event.type] === 'notice';

export interface EventBatcher {
  push(event: CoreEvent): void;
  /** The receiver cannot take batches now (not ready, or full): hold events until `resume`. */
  pause(): void;
  /** The receiver can take batches (again): everything waiting goes at once, then batching is live. */
  resume(): void;
  /** How many events were dropped for a resync marker so far. */
  readonly dropped: number;
  dispose(): void;
}

export interface EventBatcherOptions {
  /**
   * Hands one batch to the receiver. Returns false when nobody took it: the batch is kept and
   * the batcher waits for `resume`. A receiver that took a batch but is now full calls
   * `pause` itself (and `resume` once it has drained).
   */
  deliver(events: DeliveredEvent[]): boolean;
  /** Start paused, for a receiver that says when it is ready. */
  paused?: boolean;
  /** Overrides of EVENT_BATCH_POLICY, for tests that need small numbers. */
  policy?: Partial<BatchPolicy>;
}

/** Batches core events for one receiver by the policy above. */
export function createEventBatcher(options: EventBatcherOptions): EventBatcher {
  const { flushMs, maxBatch, maxQueue } = { ...EVENT_BATCH_POLICY, ...options.policy };
  let queue: DeliveredEvent[] = [];
  let paused = options.paused ?? false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let dropped = 0;

  function cancelTimer(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  }

  function flush(): void {
    cancelTimer();
    while (!paused && queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      if (!options.deliver(batch)) {
        paused = true;
        return;
      }
      queue = queue.slice(batch.length);
    }
  }

  function enqueue(event: CoreEvent): void {
    const key = snapshotKey(event);
    if (key !== null) queue = queue.filter((waiting) => snapshotKey(waiting) !== key);
    queue.push(event);
    if (queue.length > maxQueue) overflow();
  }

  function overflow(): void {
    // A marker already waiting is always first: only this function adds one, at the front,
    // and batches leave from the front.
    const marked = queue[0] === RESYNC ? 1 : 0;
    const room = maxQueue - 1;
    const notices = room > 0 ? queue.filter(isNotice).slice(-room) : [];
    dropped += queue.length - marked - notices.length;
    queue = [RESYNC, ...notices];
  }

  return {
    push(event) {
      enqueue(event);
      if (paused) return;
      if (queue.length >= maxBatch) flush();
      else timer ??= setTimeout(flush, flushMs);
    },
    pause() {
      paused = true;
      cancelTimer();
    },
    resume() {
      paused = false;
      flush();
    },
    get dropped() {
      return dropped;
    },
    dispose() {
      paused = true;
      cancelTimer();
      queue = [];
    },
  };
}
