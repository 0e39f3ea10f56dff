import type { CoreEvent, Result, ServerNotRunning, TunnelFailure } from '../../contract/api';
import type { SecretSource } from '../secret-source';
import type { TunnelProvider, TunnelStatus } from './tunnel-provider';

/** The tunnel's part of the settings: `tunnel.public-urls`. */
const TUNNEL_SETTINGS_SCOPE = 'tunnel';
const PUBLIC_URLS_KEY = 'public-urls';
/** How many public URLs the data folder keeps: the last, and a few behind it held by other serves. */
const PUBLIC_URLS_KEPT = 10;

/** The history's settings, as far as the tunnel uses them (the store is a floor above). */
interface KeptSettings {
  scope(name: string): { read<T>(key: string, fallback: T): T; write(key: string, value: unknown): void };
}

/** The public URLs the data folder's tunnels had, newest first (see publicUrls): none while the history is closed. */
export function publicUrlsKeptIn(settings: () => KeptSettings | null): TunnelControllerOptions['publicUrls'] {
  return {
    read: () => settings()?.scope(TUNNEL_SETTINGS_SCOPE).read<string[]>(PUBLIC_URLS_KEY, []) ?? [],
    write: (urls) => settings()?.scope(TUNNEL_SETTINGS_SCOPE).write(PUBLIC_URLS_KEY, urls),
  };
}

export interface TunnelControllerOptions {
  provider: TunnelProvider;
  authtoken: SecretSource;
  /** A reserved domain to ask for, when the user has one. */
  domain: string | null;
  /** The running webhook server's port, or null when it is not listening. */
  localPort: () => number | null;
  /**
   * The tunnel's public URLs kept in the data folder, newest first (an empty list while the
   * history is closed), so that a restart knows the URL the tunnel had before.
   */
  publicUrls: { read(): string[]; write(urls: string[]): void };
  /** The public URLs of the other companions running on the data folder: theirs, not one this tunnel had. */
  heldElsewhere: () => string[];
  emit: (event: CoreEvent) => void;
}

/**
 * The tunnel as the app uses it: opened on the webhook server with the current authtoken,
 * its status turned into core events. Every public URL it comes online at goes through one
 * place: when it is not the one the tunnel last had (after an outage, a close and an open, or
 * a restart), `tunnel-url-changed` says so, and linked actions follow it (or are listed).
 */
export class TunnelController {
  private readonly unsubscribe: () => void;
  /** The public URL this tunnel last had, in this run; before its first, the data folder's say. */
  private lastUrl: string | null = null;

  constructor(private readonly options: TunnelControllerOptions) {
    this.unsubscribe = options.provider.onStatus((status) => {
      options.emit({ type: 'tunnel-status', status });
      if (status.state === 'online' && status.url !== null) this.cameOnline(status.url);
    });
  }

  get status(): TunnelStatus {
    return this.options.provider.status;
  }

  async open(): Promise<Result<{ url: string }, TunnelFailure | ServerNotRunning>> {
    const port = this.options.localPort();
    if (port === null) return { ok: false, code: 'server-not-running' };
    const authtoken = this.options.authtoken.get();
    if (!authtoken) return { ok: false, code: 'tunnel-no-authtoken' };
    return this.options.provider.open({
      localPort: port,
      authtoken,
      ...(this.options.domain ? { domain: this.options.domain } : {}),
    });
  }

  async close(): Promise<void> {
    await this.options.provider.close();
  }

  /** Closes the tunnel and stops listening to it; for shutting the core down. */
  async dispose(): Promise<void> {
    // Close first, so listeners still hear that the tunnel went offline.
    await this.close();
    this.unsubscribe();
  }

  private cameOnline(url: string): void {
    const kept = this.options.publicUrls.read();
    // Another serve on the folder may have opened a tunnel since: its URL is not this one's past.
    const held = new Set(this.options.heldElsewhere());
    const previous = this.lastUrl ?? kept.find((known) => !held.has(known)) ?? null;
    this.lastUrl = url;
    this.options.publicUrls.write([url, ...kept.filter((known) => known !== url)].slice(0, PUBLIC_URLS_KEPT));
    if (previous !== null && previous !== url) this.options.emit({ type: 'tunnel-url-changed', previous, current: url });
  }
}
