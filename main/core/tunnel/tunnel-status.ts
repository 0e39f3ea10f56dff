import type { TunnelFailure } from '../../contract/api';
import type { TunnelStatus } from './tunnel-provider';

/** What can happen to a tunnel; the provider feeds these to `nextStatus`. */
export type TunnelEvent =
  | { type: 'open' }
  | { type: 'opened'; url: string }
  | { type: 'open-failed'; reason: TunnelFailure }
  /** The first attempt failed in a way that can heal (no network): retries follow, as after a loss. */
  | { type: 'open-retrying'; attempt: number; at: number; reason: TunnelFailure }
  /** The agent reported the connection lost. */
  | { type: 'lost'; reason: TunnelFailure }
  | { type: 'retry-scheduled'; attempt: number; at: number; reason: TunnelFailure }
  | { type: 'rebuilt'; url: string }
  /** A rebuild failed in a way retrying cannot fix (e.g. the authtoken was revoked). */
  | { type: 'gave-up'; reason: TunnelFailure }
  | { type: 'closed' };

/**
 * The tunnel's status machine, pure so it can be tested without a tunnel. Events that make
 * no sense in the current state (a late `rebuilt` after the user closed) leave it unchanged.
 */
export function nextStatus(status: TunnelStatus, event: TunnelEvent): TunnelStatus {
  switch (event.type) {
    case 'open':
      return { state: 'connecting', url: null, reason: null };
    case 'opened':
      return status.state === 'connecting' ? { state: 'online', url: event.url, reason: null } : status;
    case 'open-failed':
      return status.state === 'connecting' ? { state: 'offline', url: null, reason: event.reason } : status;
    case 'open-retrying':
      return status.state === 'connecting'
        ? { state: 'reconnecting', url: null, reason: event.reason, attempt: event.attempt, nextRetryAt: event.at }
        : status;
    case 'lost':
      return status.state === 'online' ? { state: 'reconnecting', url: status.url, reason: event.reason } : status;
    case 'retry-scheduled':
      return status.state === 'reconnecting'
        ? { state: 'reconnecting', url: status.url, reason: event.reason, attempt: event.attempt, nextRetryAt: event.at }
        : status;
    case 'rebuilt':
      return status.state === 'reconnecting' ? { state: 'online', url: event.url, reason: null } : status;
    case 'gave-up':
      return status.state === 'reconnecting' ? { state: 'offline', url: null, reason: event.reason } : status;
    case 'closed':
      return status.state === 'offline' && status.reason === null ? status : { state: 'offline', url: null, reason: null };
    default: {
      const unknown: never = event;
      throw new Error(`unknown tunnel event ${JSON.stringify(unknown)}`);
    }
  }
}

/** Delay before rebuild attempt `attempt` (1-based): base, 2×base, 4×base… capped at max. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30));
  return Math.min(maxMs, baseMs * 2 ** exponent);
}
