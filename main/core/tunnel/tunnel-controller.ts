import type { CoreEvent, Result, ServerNotRunning, TunnelFailure } from '../../contract/api';
import type { SecretSource } from '../secret-source';
import type { TunnelProvider, TunnelStatus } from './tunnel-provider';

export interface TunnelControllerOptions {
  provider: TunnelProvider;
  authtoken: SecretSource;
  /** A reserved domain to ask for, when the user has one. */
  domain: string | null;
  /** The running webhook server's port, or null when it is not listening. */
  localPort: () => number | null;
  emit: (event: CoreEvent) => void;
}

/**
 * The tunnel as the app uses it: opened on the webhook server with the current authtoken,
 * its status and URL changes turned into core events.
 */
export class TunnelController {
  private readonly unsubscribe: (() => void)[];

  constructor(private readonly options: TunnelControllerOptions) {
    this.unsubscribe = [
      options.provider.onStatus((status) => options.emit({ type: 'tunnel-status', status })),
      options.provider.onUrlChanged((change) => options.emit({ type: 'tunnel-url-changed', ...change })),
    ];
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
    this.unsubscribe.forEach((stop) => stop());
  }
}
