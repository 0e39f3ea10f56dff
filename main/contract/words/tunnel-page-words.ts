/**
 * The page's labels for the tunnel: its state in the pill and the panel's badge, how the URL to
 * give Flowent is named, and what the pill and the offline panel say with no reason to quote.
 */
import type { TunnelStatus } from '../api';
import { tunnelRetryWords } from './status-words';

const TUNNEL_STATE_LABEL: Record<TunnelStatus['state'], string> = {
  offline: 'offline',
  connecting: 'connecting',
  online: 'online',
  reconnecting: 'reconnecting',
};

/** The tunnel's state in a word or two (the pill, the panel's badge): a retry before it ever came up is "not connected yet". */
export function tunnelStateLabel(tunnel: Pick<TunnelStatus, 'state' | 'url'>): string {
  return tunnel.state === 'reconnecting' ? tunnelRetryWords(tunnel).short : TUNNEL_STATE_LABEL[tunnel.state];
}

/**
 * How the URL to give Flowent is named where it is shown and copied (the header, the `c` key):
 * "Public URL" while it is the tunnel's, so that 127.0.0.1 is never the one offered then.
 */
export function webhookUrlWords(reach: 'public' | 'this-computer'): { label: string; what: string } {
  return reach === 'public' ? { label: 'Public URL', what: 'public URL' } : { label: 'Webhook base URL', what: 'webhook URL' };
}

/** The pill's title while the tunnel has no URL and no reason to show. */
export const OPEN_PUBLIC_URL_PANEL = 'Open the Public URL panel';

/** The panel's line for a tunnel that is offline for no reason it was given (never opened, or closed). */
export const TUNNEL_OFFLINE_HINT = 'Offline: open the tunnel to get a public URL Flowent can call.';
