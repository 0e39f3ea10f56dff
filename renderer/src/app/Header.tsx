import { openPanel, openSettings } from './ui-actions';
import { useMetaStore } from './stores';
import { openReplayDialog } from '../replay/replay-ui-actions';
import { CopyButton } from '../shared/CopyButton';
import { Sparkline } from './Sparkline';
import { TunnelPill } from '../tunnel/TunnelPill';

/** The failure rule (isFailedCall and countsAsFailure in the contract) in words. */
const FAILURES_EXPLAINED =
  'What counts as a failure: a call from Flowent whose answer was not 2xx (or that got no answer), whose signature is invalid, ' +
  "missing or malformed or that was not a Flowent call at all, or whose answer breaks Flowent's contract. " +
  'Without an HMAC key signatures cannot be checked, and that alone is not a failure. ' +
  'Replays, simulated and imported calls are never counted.';

export function Header() {
  const status = useMetaStore((s) => s.status);
  const stats = useMetaStore((s) => s.stats);
  const base = status?.webhookBaseUrl ?? null;
  return (
    <header className="app-header">
      <h1 className="app-name">Flowent Companion</h1>
      <div className="webhook-url">
        <span className="muted">Webhook base URL</span>
        {base ? (
          <>
            <code data-testid="webhook-base-url">{base}</code>
            <CopyButton text={base} what="webhook URL" />
          </>
        ) : (
          <span className="muted">not listening yet</span>
        )}
      </div>
      <div className="counts" aria-label="Call counts">
        <span>
          <strong>{stats?.total ?? '–'}</strong> calls
        </span>
        <span className={stats && stats.failures > 0 ? 'failures' : undefined} title={FAILURES_EXPLAINED} data-testid="failure-count">
          <strong>{stats?.failures ?? '–'}</strong> failures
        </span>
      </div>
      <Sparkline />
      <TunnelPill />
      <button type="button" onClick={() => openPanel('answers')} title="Mocks and forwarding (Ctrl/Cmd+M)">
        Answers
      </button>
      <button type="button" onClick={() => openPanel('account')} title="Flowent account and actions (Ctrl/Cmd+Shift+F)">
        Account
      </button>
      <button
        type="button"
        onClick={() => openReplayDialog('simulator')}
        title="Send a Flowent call that never happened (Ctrl/Cmd+Shift+S)"
      >
        Simulate
      </button>
      <button type="button" className="settings-button" onClick={openSettings}>
        Settings
      </button>
      <button type="button" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={() => openPanel('help')}>
        ?
      </button>
    </header>
  );
}
