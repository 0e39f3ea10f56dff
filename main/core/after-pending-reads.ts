/**
 * Runs `callback` once the sockets that became readable meanwhile have been read. A deadline's
 * timer must decide through this: a process stalled past a deadline (a starved machine, a
 * long synchronous write) runs its expired timers before it reads its sockets in the same
 * turn of the event loop, so bytes that arrived well within the deadline would lose to it.
 * setImmediate callbacks run after that read.
 */
export function afterPendingReads(callback: () => void): void {
  setImmediate(callback);
}
