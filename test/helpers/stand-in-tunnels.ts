/**
 * Tunnels that stand for ngrok where a test needs a public URL Flowent can reach: the real agent
 * cannot bring Flowent's registration check from ngrok's cloud, so these URLs are the companion's
 * own under another host name, and the Gateway stand-in reaches them for real.
 */
import type { TunnelStatus } from '../../main/contract/api';
import type { TunnelProvider } from '../../main/core/tunnel/tunnel-provider';

/** The same companion under another host name: a URL that reaches it, but is not its own. */
export const otherName = (baseUrl: string) => baseUrl.replace('127.0.0.1', 'localhost');

/**
 * A tunnel the test moves from one public URL to another (online at `previous`, then at
 * `current`), so that the core raises its real `tunnel-url-changed` event.
 */
export function urlChangingTunnel(): TunnelProvider & { change(change: { previous: string; current: string }): void } {
  const listeners = new Set<(status: TunnelStatus) => void>();
  let status: TunnelStatus = { state: 'offline', url: null, reason: null };
  const goOnline = (url: string) => {
    status = { state: 'online', url, reason: null };
    listeners.forEach((listener) => listener(status));
  };
  return {
    open: async () => ({ ok: false, code: 'tunnel-unavailable', reason: 'This tunnel only moves where the test says.' }),
    close: async () => {},
    onStatus: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get status() {
      return status;
    },
    change: ({ previous, current }) => {
      if (status.url !== previous) goOnline(previous);
      goOnline(current);
    },
  };
}

/**
 * Stands for ngrok here: a public URL that reaches this companion through the tunnel's own way in
 * (under another host name), so that Flowent's registration check, sent by the Gateway stand-in,
 * arrives for real, as a call through the tunnel.
 */
export function reachableTunnel(): TunnelProvider & { loseConnection(): void } {
  const listeners = new Set<(status: TunnelStatus) => void>();
  const tunnel = {
    status: { state: 'offline', url: null, reason: null } as TunnelStatus,
    async open(options: { localPort: number }) {
      const url = `http://localhost:${options.localPort}`;
      tunnel.status = { state: 'online', url, reason: null };
      listeners.forEach((listener) => listener(tunnel.status));
      return { ok: true as const, value: { url } };
    },
    async close() {
      tunnel.status = { state: 'offline', url: null, reason: null };
      listeners.forEach((listener) => listener(tunnel.status));
    },
    onStatus: (listener: (status: TunnelStatus) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** As the agent says a lost connection to ngrok: reconnecting at its last URL, the next try scheduled. */
    loseConnection() {
      tunnel.status = {
        state: 'reconnecting',
        url: tunnel.status.url,
        reason: { code: 'tunnel-connection-lost' },
        attempt: 1,
        nextRetryAt: Date.now() + 30_000,
      };
      listeners.forEach((listener) => listener(tunnel.status));
    },
  };
  return tunnel;
}
