import type { CoreStatus, LanAddress } from './status';

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
 * Why `here` is not a URL Flowent in the cloud reaches, for a note beside a registration; null
 * for the public URL. `who` is the companion: `serve` or the desktop app.
 */
export function hereNote(here: HereCandidate, who: 'desktop' | 'headless'): string | null {
  if (here.reach === 'public') return null;
  const company = who === 'desktop' ? 'the desktop app' : 'serve';
  const fix =
    who === 'desktop'
      ? 'Open the tunnel in the app (Public URL > Open tunnel) for a public URL.'
      : 'Run serve with --tunnel for a public URL.';
  const using =
    here.reach === 'lan'
      ? `using its LAN URL ${here.base}${here.interface ? ` (${here.interface})` : ''}, which machines on your local network reach, but not Flowent in the cloud.`
      : `using ${here.base}, which Flowent in the cloud cannot reach.`;
  return `${company} has no public URL (no tunnel open): ${using} ${fix}`;
}
