import { openPanel, openSettings } from './ui-actions';
import { useMetaStore } from './stores';
import { openReplayDialog } from '../replay/replay-ui-actions';
import { CopyButton } from '../shared/CopyButton';
import { Sparkline } from './Sparkline';
import { TunnelPill } from '../tunnel/TunnelPill';

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
        <span className={stats && stats.failures > 0 ? 'failures' : undefined}>
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
