import { useEffect, useRef, useState } from 'react';
import { openPanel, openSettings } from './ui-actions';
import { useMetaStore } from './stores';
import { openReplayDialog } from '../replay/replay-ui-actions';
import { CopyButton } from '../shared/CopyButton';
import { MiddleElided } from '../shared/MiddleElided';
import { Sparkline } from './Sparkline';
import { TunnelPill } from '../tunnel/TunnelPill';

interface Command {
  label: string;
  title: string;
  run: () => void;
  className?: string;
}

const COMMANDS: Command[] = [
  { label: 'Answers', title: 'Mocks and forwarding (a)', run: () => openPanel('answers') },
  { label: 'Account', title: 'Flowent account and actions (f)', run: () => openPanel('account') },
  { label: 'Simulate', title: 'Send a Flowent call that never happened (s)', run: () => openReplayDialog('simulator') },
  { label: 'Settings', title: 'HMAC key, ngrok authtoken, history (,)', run: openSettings, className: 'settings-button' },
];

export function Header() {
  const status = useMetaStore((s) => s.status);
  const stats = useMetaStore((s) => s.stats);
  const base = status?.webhookBaseUrl ?? null;
  return (
    <header className="app-header">
      <h1 className="app-name">Flowent Companion</h1>
      <div className="webhook-url">
        <span className="muted label-wide">Webhook base URL</span>
        {base ? (
          <>
            <MiddleElided text={base} testId="webhook-base-url" />
            <CopyButton text={base} what="webhook URL" />
          </>
        ) : (
          <span className="muted">{status ? 'not listening yet' : 'connecting…'}</span>
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
      <nav className="header-commands" aria-label="Commands">
        {COMMANDS.map((c) => (
          <button key={c.label} type="button" className={c.className} onClick={c.run} title={c.title}>
            {c.label}
          </button>
        ))}
        <button type="button" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={() => openPanel('help')}>
          ?
        </button>
      </nav>
      <HeaderMenu />
    </header>
  );
}

/** The same commands behind one button, shown instead of them when the window is narrow. */
function HeaderMenu() {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);
  const run = (action: () => void) => () => {
    setOpen(false);
    action();
  };
  return (
    <div className="header-menu" ref={box}>
      <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        Menu ▾
      </button>
      {open && (
        <div className="menu-list" role="menu" aria-label="Commands">
          {COMMANDS.map((c) => (
            <button key={c.label} type="button" role="menuitem" onClick={run(c.run)} title={c.title}>
              {c.label}
            </button>
          ))}
          <button type="button" role="menuitem" onClick={run(() => openPanel('help'))}>
            Keyboard shortcuts
          </button>
        </div>
      )}
    </div>
  );
}
