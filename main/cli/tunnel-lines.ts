import { readFileSync } from 'node:fs';
import type { CoreEvent, TunnelStatus } from '../contract/api';
import { NgrokTunnel } from '../core/tunnel/ngrok-tunnel';

/**
 * Test hooks, not user settings: point the embedded agent at a stand-in for ngrok's edge
 * (address and the PEM file of the CA that signed its certificate).
 */
const EDGE_ADDR_ENV = 'FLOWENT_COMPANION_NGROK_SERVER_ADDR';
const EDGE_CA_ENV = 'FLOWENT_COMPANION_NGROK_CA_FILE';

export function tunnelProviderFor(env: NodeJS.ProcessEnv): NgrokTunnel {
  const serverAddr = env[EDGE_ADDR_ENV];
  const caFile = env[EDGE_CA_ENV];
  return new NgrokTunnel(serverAddr && caFile ? { serverAddr, caCert: readFileSync(caFile, 'utf8') } : {});
}

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
      return `Tunnel: reconnecting${retry}${status.reason ? ` (${status.reason.message})` : ''}`;
    }
    case 'offline':
      return status.reason ? `Tunnel: offline: ${status.reason.message}` : 'Tunnel: closed.';
    default: {
      const unknown: never = status.state;
      return `Tunnel: ${String(unknown)}`;
    }
  }
}
