import { useState } from 'react';
import type { TunnelStatus } from '../../../main/contract/api';
import { tunnelRetryWords, CONNECTING_TO_NGROK, TUNNEL_OFFLINE_HINT, tunnelStateLabel, DIALOG_WORDS } from '../../../main/contract/words';
import { cap } from '../../../main/contract/words/said';
import { actionUrl, secondsUntil } from './tunnel';
import { closeTunnel, openTunnel } from './tunnel-actions';
import { ActionPicker, useActionPick } from './ActionPicker';
import { closePanel, openSettings } from '../page/ui-actions';
import { useMetaStore } from '../page/stores';
import { CopyButton } from '../shared/CopyButton';
import { Dialog } from '../shared/Dialog';
import { LanSection } from './LanSection';
import { useNow } from '../shared/use-now';
import { inPageWords } from '../page/page-words';
import { ErrorLine } from '../shared/ErrorLine';
import { BusyButton } from '../shared/BusyButton';

/** The public URL (ngrok tunnel) and the LAN addresses: where Flowent can reach this machine. */
export function TunnelPanel() {
  const pick = useActionPick();
  return (
    <Dialog {...DIALOG_WORDS.publicUrl} onClose={closePanel} className="wide">
      <ActionPicker pick={pick} listId="tunnel-panel-actions" />
      <TunnelSection action={pick.action} />
      <LanSection action={pick.action} />
    </Dialog>
  );
}

function TunnelSection({ action }: { action: string | null }) {
  const status = useMetaStore((s) => s.status);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const tunnel: TunnelStatus = status?.tunnel ?? { state: 'offline', url: null, reason: null };
  const hasToken = status?.ngrokAuthtoken.set ?? false;

  async function run(action: () => Promise<string | null>) {
    setBusy(true);
    setError(await action());
    setBusy(false);
  }

  return (
    <section aria-label="Tunnel" className="tunnel-section">
      <h3>
        Tunnel{' '}
        <span className={`badge tunnel-${tunnel.state}`} data-testid="tunnel-state">
          {tunnelStateLabel(tunnel)}
        </span>
      </h3>
      <TunnelState tunnel={tunnel} action={action} />
      {status?.tunnelDomain && (
        <p className="muted">
          Reserved domain: <code>{status.tunnelDomain}</code>
        </p>
      )}
      {!hasToken && tunnel.state === 'offline' && (
        <p className="explain-box" data-testid="tunnel-no-token">
          Set your ngrok authtoken in Settings (or NGROK_AUTHTOKEN).{' '}
          <button type="button" onClick={openSettings}>
            Open Settings
          </button>
        </p>
      )}
      <div className="button-row">
        {tunnel.state === 'offline' ? (
          <BusyButton busy={busy} onClick={() => void run(openTunnel)}>
            Open tunnel
          </BusyButton>
        ) : (
          <BusyButton busy={busy} onClick={() => void run(closeTunnel)}>
            Close tunnel
          </BusyButton>
        )}
      </div>
      <ErrorLine message={error} />
    </section>
  );
}

function TunnelState({ tunnel, action }: { tunnel: TunnelStatus; action: string | null }) {
  const now = useNow(tunnel.state === 'reconnecting' && tunnel.nextRetryAt !== undefined);
  switch (tunnel.state) {
    case 'connecting':
      return <p data-testid="tunnel-detail">{CONNECTING_TO_NGROK}</p>;
    case 'online':
      return tunnel.url ? <OnlineUrls url={tunnel.url} action={action} /> : <p data-testid="tunnel-detail">Online.</p>;
    case 'reconnecting':
      return (
        <div data-testid="tunnel-detail">
          <p>
            {/* With no URL it never came up: still trying to connect, not reconnecting (the command line's words too). */}
            {cap(tunnelRetryWords(tunnel).doing)}
            {tunnel.attempt !== undefined ? ` (attempt ${tunnel.attempt})` : ''}
            {tunnel.nextRetryAt !== undefined && (
              <span data-testid="tunnel-retry">: next try in {secondsUntil(tunnel.nextRetryAt, now)} s</span>
            )}
            .
          </p>
          {tunnel.reason && <p className="muted">{inPageWords(tunnel.reason)}</p>}
          {tunnel.url && (
            <p className="muted">
              Last public URL: <code>{tunnel.url}</code>
            </p>
          )}
        </div>
      );
    case 'offline':
      return (
        <p data-testid="tunnel-detail">
          {tunnel.reason ? (
            <>
              Offline: <span data-testid="tunnel-reason">{inPageWords(tunnel.reason)}</span>
            </>
          ) : (
            TUNNEL_OFFLINE_HINT
          )}
        </p>
      );
    default: {
      const never: never = tunnel.state;
      return never;
    }
  }
}

/** The public URL, the one to register, and this computer's own, which the header gives way to while the tunnel is online. */
function OnlineUrls({ url, action }: { url: string; action: string | null }) {
  const local = useMetaStore((s) => s.status?.webhookBaseUrl ?? null);
  const full = action === null ? null : actionUrl(url, action);
  return (
    <div data-testid="tunnel-detail" className="url-lines">
      <div className="code-line">
        <span className="muted">Public URL</span> <code data-testid="tunnel-url">{url}</code>
        <CopyButton text={url} what="public URL" />
      </div>
      <div className="code-line">
        <span className="muted">Register in Flowent</span>{' '}
        {full ? (
          <>
            <code data-testid="tunnel-action-url">{full}</code>
            <CopyButton text={full} what="public action URL" />
          </>
        ) : (
          <span data-testid="tunnel-action-url-missing">type the action&apos;s name above for its URL.</span>
        )}
      </div>
      {local && (
        <div className="code-line">
          <span className="muted">Local URL (this computer only)</span> <code data-testid="tunnel-local-url">{local}</code>
          <CopyButton text={local} what="local URL" />
        </div>
      )}
    </div>
  );
}
