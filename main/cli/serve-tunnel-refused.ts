import type { CoreEvent } from '../contract/api';

/** Said after the tunnel's reason when `serve --tunnel` stops for it. */
export const TUNNEL_REFUSED_LINE =
  'Tunnel: serve stops: --tunnel asks for a public URL, and this tunnel will not open until that is fixed. ' +
  'Start without --tunnel to serve on this machine only.';

/**
 * The tunnel `serve --tunnel` opened, until ngrok refuses it for good: `--tunnel` promises a
 * public URL or an exit code, so a script or CI step that needs the URL never goes on with a
 * local one. The tunnel says offline with a reason only once nothing retries (a rejected
 * authtoken, a taken domain, an agent ngrok no longer supports), at its first open or when it
 * is rebuilt after a loss; what can heal (no network, no answer) is retried, and no refusal.
 * Once the tunnel is closed (from the inspector, or to be opened again there) it is the
 * inspector's, and a refusal of it leaves serve running.
 */
export class OwnTunnel {
  private own = true;
  private refuse: () => void = () => {};
  /** Resolves when ngrok refused the tunnel for good. */
  readonly refused = new Promise<void>((resolve) => (this.refuse = resolve));

  /** Hears each core event; true for the one that says the tunnel was refused for good. */
  refusedBy(event: CoreEvent): boolean {
    if (!this.own || event.type !== 'tunnel-status' || event.status.state !== 'offline') return false;
    this.own = false;
    if (event.status.reason === null) return false;
    this.refuse();
    return true;
  }
}
