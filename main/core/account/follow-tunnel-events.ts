import type { CoreEvent } from '../../contract/api';
import type { FlowentService } from './flowent-service';
import type { FollowMode, FollowRecord } from './links';

export interface FollowOptions {
  /** Read on every change, so a setting can switch between re-pointing and asking. */
  mode: () => FollowMode;
  /** The outcome of each change (for a core event such as `flowent-actions-followed`). */
  onRecord: (record: FollowRecord) => void;
  onError?: (error: unknown) => void;
}

/**
 * Wires the core's `tunnel-url-changed` event to {@link FlowentService.followTunnel}: for the
 * desktop app and `serve`. Returns the unsubscribe function.
 */
export function followTunnelEvents(
  subscribe: (listener: (event: CoreEvent) => void) => () => void,
  flowent: FlowentService,
  options: FollowOptions,
): () => void {
  return subscribe((event) => {
    if (event.type !== 'tunnel-url-changed') return;
    flowent
      .followTunnel({ previous: event.previous, current: event.current }, options.mode())
      .then(options.onRecord, options.onError ?? (() => {}));
  });
}
