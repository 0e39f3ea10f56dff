import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import {
  countWords,
  failureCountTitle,
  HEADER_COMMAND_TITLES,
  nounFor,
  projectTroubleShort,
  webhookUrlWords,
} from '../../../main/contract/words';
import { openPanel, openSettings } from '../page/ui-actions';
import { useMetaStore } from '../page/stores';
import { openReplayDialog } from '../replay/replay-ui-actions';
import { CopyButton } from '../shared/CopyButton';
import { MiddleElided } from '../shared/MiddleElided';
import { Sparkline } from './Sparkline';
import { TunnelPill } from '../tunnel/TunnelPill';
import { webhookBaseToRegister } from '../tunnel/tunnel';
import { withKey } from './shortcuts';
import { useCallsStore } from '../history/calls-store';
import { setFilter } from '../history/calls-actions';
import { useProjectTrouble } from '../project/project-store';

interface Command {
  label: string;
  title: string;
  run: () => void;
  className?: string;
  /** Marked while the open project has trouble (ProjectTroubleBanner says which). */
  project?: true;
}

const COMMANDS: Command[] = [
  { label: 'Answers', title: withKey(HEADER_COMMAND_TITLES.answers, 'answers'), run: () => openPanel('answers') },
  { label: 'Account', title: withKey(HEADER_COMMAND_TITLES.account, 'account'), run: () => openPanel('account') },
  {
    label: 'Project',
    title: HEADER_COMMAND_TITLES.project,
    run: () => openPanel('project'),
    project: true,
  },
  { label: 'Simulate', title: withKey(HEADER_COMMAND_TITLES.simulate, 'simulate'), run: () => openReplayDialog('simulator') },
  { label: 'Settings', title: withKey(HEADER_COMMAND_TITLES.settings, 'settings'), run: openSettings, className: 'settings-button' },
];

export function Header() {
  const stats = useMetaStore((s) => s.stats);
  const failuresOnly = useCallsStore((s) => s.filter.failures);
  return (
    <header className="app-header">
      <h1 className="app-name">Flowent Companion</h1>
      <WebhookUrl />
      <div className="counts" aria-label="Call counts">
        <span>
          <strong>{stats ? countWords(stats.total) : '–'}</strong> {nounFor(stats?.total ?? 0, 'call')}
        </span>
        {/* The count lists what it counts: the list's "Failures only" filter, on and off. */}
        <button
          type="button"
          className={`count-button${stats && stats.failures > 0 ? ' failures' : ''}`}
          aria-pressed={failuresOnly}
          title={failureCountTitle(failuresOnly)}
          data-testid="failure-count"
          onClick={() => void setFilter({ failures: !failuresOnly })}
        >
          <strong>{stats ? countWords(stats.failures) : '–'}</strong> {nounFor(stats?.failures ?? 0, 'failure')}
        </button>
      </div>
      <Sparkline />
      <TunnelPill />
      <nav className="header-commands" aria-label="Commands">
        {COMMANDS.map((c) => (
          <CommandButton key={c.label} command={c} />
        ))}
        <button
          type="button"
          aria-label="Keyboard shortcuts"
          title={withKey('Keyboard shortcuts', 'help')}
          onClick={() => openPanel('help')}
        >
          ?
        </button>
      </nav>
      <HeaderMenu />
    </header>
  );
}

/**
 * A header command, in the header or its narrow window's menu. The Project entry is marked while
 * the folder is gone, a file has a mistake or a file set to forward has no target; its name stays "Project" and the mark is said as its
 * description, so it reads "Project, a project file has a mistake".
 */
function CommandButton({ command, menuItem }: { command: Command; menuItem?: { onClick: () => void } }) {
  const trouble = useProjectTrouble();
  const noteId = useId();
  const note = command.project && trouble ? projectTroubleShort(trouble) : null;
  return (
    <button
      type="button"
      className={command.className}
      onClick={menuItem ? menuItem.onClick : command.run}
      title={note ? `${command.title}. ${note}` : command.title}
      aria-describedby={note ? noteId : undefined}
      {...(menuItem ? { role: 'menuitem', tabIndex: -1 } : {})}
    >
      {command.label}
      {note && (
        <>
          <span className="command-mark" aria-hidden="true">
            !
          </span>
          <span id={noteId} hidden>
            {note}
          </span>
        </>
      )}
    </button>
  );
}

/**
 * The webhook base URL to give Flowent, the one the `c` key copies: the tunnel's public URL
 * while it is online, named so (this computer's is in the Public URL panel then); else this
 * computer's.
 */
function WebhookUrl() {
  const status = useMetaStore((s) => s.status);
  const toRegister = status ? webhookBaseToRegister(status) : null;
  const words = webhookUrlWords(toRegister?.reach ?? 'this-computer');
  return (
    <div className="webhook-url">
      <span className="muted label-wide" data-testid="webhook-url-label">
        {words.label}
      </span>
      {toRegister ? (
        <>
          <MiddleElided text={toRegister.base} testId="webhook-base-url" />
          <CopyButton text={toRegister.base} what={words.what} />
        </>
      ) : (
        <span className="muted">{status ? 'not listening yet' : 'connecting…'}</span>
      )}
    </div>
  );
}

/** The same commands behind one button, shown instead of them when the window is narrow. */
function HeaderMenu() {
  const [open, setOpen] = useState(false);
  const trouble = useProjectTrouble() !== null;
  const box = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    box.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const closeOutside = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', closeOutside);
    return () => document.removeEventListener('mousedown', closeOutside);
  }, [open]);
  // The item goes with the menu: the keyboard is put on the menu's button first, so a dialog the
  // item opens gives it back there when it closes (not to the page's body).
  const run = (action: () => void) => () => {
    toggle.current?.focus();
    setOpen(false);
    action();
  };
  // The menu pattern: arrows move between items, Esc closes and gives the focus back.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(box.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const step = e.key === 'ArrowDown' ? 1 : -1;
      items[(at + step + items.length) % items.length]?.focus();
    } else if (e.key === 'Escape') {
      setOpen(false);
      toggle.current?.focus();
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <div className="header-menu" ref={box}>
      <button type="button" ref={toggle} aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        Menu ▾{/* In a narrow window the Project entry is inside: the menu's button carries its mark (the entry says why). */}
        {trouble && (
          <span className="command-mark" aria-hidden="true">
            !
          </span>
        )}
      </button>
      {open && (
        <div className="menu-list" role="menu" aria-label="Commands" onKeyDown={onKeyDown}>
          {COMMANDS.map((c) => (
            <CommandButton key={c.label} command={c} menuItem={{ onClick: run(c.run) }} />
          ))}
          <button type="button" role="menuitem" tabIndex={-1} onClick={run(() => openPanel('help'))}>
            Keyboard shortcuts
          </button>
        </div>
      )}
    </div>
  );
}
