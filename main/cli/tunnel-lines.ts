import type { CoreEvent, TunnelStatus } from '../contract/api';
import { tunnelRetryWords } from '../contract/words';
import { inCliWords } from './cli-words';

/** The line the headless command prints when the tunnel changes, or null when nothing worth saying changed. */
export function tunnelLine(event: CoreEvent): string | null {
  if (event.type === 'tunnel-url-changed') {
    return `Tunnel: the public URL changed from ${event.previous} to ${event.current}: update the actions registered in Flowent.`;
  }
  if (event.type !== 'tunnel-status') return null;
  return describeTunnel(event.status);
}

export function describeTunnel(status: TunnelStatus): string {
  switch (status.state) {
    case 'connecting':
      return 'Tunnel: connecting...';
    case 'online':
      return `Tunnel: online. Public URL: ${status.url}/actions/<action_name>`;
    case 'reconnecting': {
      const retry = status.nextRetryAt
        ? `, attempt ${status.attempt ?? 1} in ${Math.max(0, Math.round((status.nextRetryAt - Date.now()) / 1000))} s`
        : '';
      return `Tunnel: ${tunnelRetryWords(status).doing}${retry}${status.reason ? ` (${inCliWords(status.reason)})` : ''}`;
    }
    case 'offline':
      return status.reason ? `Tunnel: offline: ${inCliWords(status.reason)}` : 'Tunnel: closed.';
    default: {
      const unknown: never = status.state;
      return `Tunnel: ${String(unknown)}`;
    }
  }
}
