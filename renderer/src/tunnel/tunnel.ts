import { hereFactsOf, type CoreStatus, type TunnelStatus } from '../../../main/contract/api';
import { tunnelRetryWords } from '../../../main/contract/words';

export const ACTION_PLACEHOLDER = '<action_name>';

/** The URL to register in Flowent for one action, on a given base. */
export function actionUrl(base: string, action: string | null): string {
  return `${base.replace(/\/+$/, '')}/actions/${action ?? ACTION_PLACEHOLDER}`;
}

/**
 * The webhook base URL to give Flowent: the tunnel's public URL while it is online (Flowent in
 * the cloud reaches nothing else), else this computer's; null while the server does not listen.
 */
export function webhookBaseToRegister(status: CoreStatus): { base: string; reach: 'public' | 'this-computer' } | null {
  const { publicUrl, webhookBaseUrl } = hereFactsOf(status);
  if (publicUrl) return { base: publicUrl, reach: 'public' };
  return webhookBaseUrl ? { base: webhookBaseUrl, reach: 'this-computer' } : null;
}

/**
 * How the URL to give Flowent is named where it is shown and copied (the header, the `c` key):
 * "Public URL" while it is the tunnel's, so that 127.0.0.1 is never the one offered then.
 */
export function webhookUrlWords(reach: 'public' | 'this-computer'): { label: string; what: string } {
  return reach === 'public' ? { label: 'Public URL', what: 'public URL' } : { label: 'Webhook base URL', what: 'webhook URL' };
}

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

/** Whole seconds until `at` (never negative), for the retry countdown. */
export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}
