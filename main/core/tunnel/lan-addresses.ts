import type { NetworkInterfaceInfo } from 'node:os';

export interface LanAddress {
  /** The interface name, e.g. `en0`, `eth0`, `Wi-Fi`. */
  interface: string;
  address: string;
  /** `http://<address>:<port>`, the base to call from another device on the same network. */
  baseUrl: string;
  /** `baseUrl + /actions/<name>` when an action name was given. */
  webhookUrl: string | null;
}

/**
 * Non-internal IPv4 addresses of this machine with the webhook URL on each, for calls from
 * another device on the same network (only useful when the server listens on 0.0.0.0).
 * Pure: pass `os.networkInterfaces()`.
 */
export function lanAddresses(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>, port: number, action?: string): LanAddress[] {
  const found: LanAddress[] = [];
  for (const [name, infos] of Object.entries(interfaces)) {
    for (const info of infos ?? []) {
      // Node 18.0-18.3 reported family as a number; accept both.
      const family: unknown = info.family;
      const ipv4 = family === 'IPv4' || family === 4;
      if (!ipv4 || info.internal || info.address.startsWith('169.254.')) continue;
      const baseUrl = `http://${info.address}:${port}`;
      const webhookUrl = action ? `${baseUrl}/actions/${encodeURIComponent(action)}` : null;
      found.push({ interface: name, address: info.address, baseUrl, webhookUrl });
    }
  }
  return found;
}
