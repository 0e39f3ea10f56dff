import type { Result, TunnelFailure, TunnelStatus } from '../../contract/api';

/**
 * Where the public tunnel is, in a shape the UI can show as is (defined by the contract, so
 * the renderer sees exactly this).
 *
 * - `offline`: no tunnel; `reason` says why when it was not the user's choice.
 * - `connecting`: `open()` is in progress.
 * - `online`: `url` is public and reaches the local webhook server.
 * - `reconnecting`: the connection was lost, or the first open could not reach ngrok; `url`
 *   is the last known URL (null when there was none). `attempt` and `nextRetryAt` are set
 *   when the provider itself schedules a rebuild.
 */
export type { TunnelStatus } from '../../contract/api';

export interface TunnelOpenOptions {
  /** The local webhook server's port. */
  localPort: number;
  /** The local webhook server's address; 127.0.0.1 unless it listens elsewhere. */
  localHost?: string;
  /** Never blank: whoever opens the tunnel says there is no authtoken (see nonBlankSecret). */
  authtoken: string;
  /** A domain reserved on the user's account; the provider picks one when absent. */
  domain?: string;
}

/**
 * A public URL in front of the local webhook server. One tunnel at a time: `open()` while
 * open replaces it. Expected failures come back as values with a stable code; the status
 * stream carries everything that happens later (loss, retries, recovery). A first attempt
 * that failed for want of a network comes back as that failure while the provider keeps
 * retrying (status `reconnecting`, no URL) until it connects, gives up, or is closed.
 */
export interface TunnelProvider {
  open(options: TunnelOpenOptions): Promise<Result<{ url: string }, TunnelFailure>>;
  /** Closes the tunnel and stops any retry; safe to call at any time, more than once. */
  close(): Promise<void>;
  /** Called on every status change; returns the unsubscribe function. */
  onStatus(listener: (status: TunnelStatus) => void): () => void;
  readonly status: TunnelStatus;
}

export const OFFLINE: TunnelStatus = { state: 'offline', url: null, reason: null };
