import type { CoreStatus, LanAddress, TunnelFailure, TunnelStatus } from './status';

/** Who can reach a URL of the companion: Flowent in the cloud, machines on the local network, or this computer only. */
export type HereReach = 'public' | 'lan' | 'this-computer';

export interface HereCandidate {
  base: string;
  reach: HereReach;
  /** The network interface of a LAN URL. */
  interface: string | null;
}

/** What says where a companion is reachable: its status, or what a running serve recorded of it. */
export interface HereFacts {
  publicUrl: string | null;
  /** The LAN addresses it is reachable on: none unless it listens on every interface. */
  lanAddresses: LanAddress[];
  webhookBaseUrl: string | null;
}

/**
 * Where "register here" (`--here`, `webhook_url: here`) can point Flowent, best first: the
 * tunnel's public URL while it is open, the LAN URLs while the companion listens on every
 * interface, then this computer's. The first is what `here` means; the app offers them all.
 */
export function hereCandidates(facts: HereFacts): HereCandidate[] {
  const candidates: HereCandidate[] = [];
  if (facts.publicUrl) candidates.push({ base: facts.publicUrl, reach: 'public', interface: null });
  for (const lan of facts.lanAddresses) candidates.push({ base: lan.baseUrl, reach: 'lan', interface: lan.interface });
  if (facts.webhookBaseUrl) candidates.push({ base: facts.webhookBaseUrl, reach: 'this-computer', interface: null });
  return candidates;
}

/** A status's facts for hereCandidates: a LAN address reaches the companion only while it listens on every interface. */
export function hereFactsOf(status: CoreStatus): HereFacts {
  const tunnel = status.tunnel;
  return {
    publicUrl: tunnel.state === 'online' && tunnel.url ? tunnel.url : null,
    lanAddresses: status.listeningOnAllInterfaces ? status.lanAddresses : [],
    webhookBaseUrl: status.webhookBaseUrl,
  };
}

/**
 * A running companion's tunnel as `here` needs to know it: its status, with `offline` told
 * apart by why, since each asks something else of the user. `not-opened`: no tunnel was asked
 * for in this run; `closed`: the user closed it; `offline`: it was asked for and failed
 * (`reason`), and stays so until opened again. `connecting` and `reconnecting` come online by
 * themselves.
 */
export type TunnelSeen =
  | { state: 'not-opened' }
  | { state: 'closed' }
  | { state: 'connecting' }
  | { state: 'online'; url: string }
  /** `url`: the last public URL, null when it never came up (started without a network). */
  | { state: 'reconnecting'; url: string | null; reason: TunnelFailure | null }
  | { state: 'offline'; reason: TunnelFailure };

export const TUNNEL_NOT_OPENED: TunnelSeen = { state: 'not-opened' };

/** The tunnel seen after its status changed to `status`: closed, unless it was never opened. */
export function tunnelSeenAfter(previous: TunnelSeen, status: TunnelStatus): TunnelSeen {
  switch (status.state) {
    case 'online':
      return status.url ? { state: 'online', url: status.url } : { state: 'connecting' };
    case 'connecting':
      return { state: 'connecting' };
    case 'reconnecting':
      return { state: 'reconnecting', url: status.url, reason: status.reason };
    case 'offline':
      if (status.reason) return { state: 'offline', reason: status.reason };
      return previous.state === 'not-opened' ? previous : { state: 'closed' };
    default:
      return status.state satisfies never;
  }
}

/** A tunnel that was asked for and is not online: `here` names no URL while it is so. */
export type TunnelNotOnline = Extract<TunnelSeen, { state: 'connecting' | 'reconnecting' | 'offline' }>;

/** Where `here` points for a companion, or the tunnel it waits for. */
export type HereChoice = { ok: true; here: HereCandidate } | { ok: false; tunnel: TunnelNotOnline };

/**
 * What `here` means for a companion: the best of hereCandidates (`fallback`, its own URL, when
 * it has none). While a tunnel it was asked for is not online, none: Flowent would be pointed at
 * a URL it cannot reach (loopback, the LAN) for the seconds of a reconnection, and the user asked
 * for a public one. With no tunnel asked for, or one the user closed, its other URLs will do.
 */
export function hereChoice(facts: HereFacts, tunnel: TunnelSeen, fallback: string): HereChoice {
  if (tunnel.state === 'connecting' || tunnel.state === 'reconnecting' || tunnel.state === 'offline') return { ok: false, tunnel };
  const [best] = hereCandidates(facts);
  return { ok: true, here: best ?? { base: fallback, reach: 'this-computer', interface: null } };
}
