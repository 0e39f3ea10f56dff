import type { CoreEvent } from '../../contract/api';
import type { ActionRegistry } from './action-registry';
import type { FollowMode, FollowRecord } from './links';

export interface FollowOptions {
  /** Read on every change, so a setting can switch between re-pointing and asking. */
  mode: () => FollowMode;
  /** The outcome of each change (the `actions-followed` event). */
  onRecord: (record: FollowRecord) => void;
  onError?: (error: unknown) => void;
}

/**
 * Wires the core's `tunnel-url-changed` event to {@link ActionRegistry.followTunnel}: for the
 * desktop app and `serve`. Returns the unsubscribe function.
 */
export function followTunnelEvents(
  subscribe: (listener: (event: CoreEvent) => void) => () => void,
  registry: ActionRegistry,
  options: FollowOptions,
): () => void {
  return subscribe((event) => {
    if (event.type !== 'tunnel-url-changed') return;
    registry
      .followTunnel({ previous: event.previous, current: event.current }, options.mode())
      .then(options.onRecord, options.onError ?? (() => {}));
  });
}
