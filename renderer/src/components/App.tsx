import { lazy, Suspense, useEffect } from 'react';
import { startSession } from '../store/session';
import { useUiStore } from '../store/stores';
import type { RendererBridge } from '../transport/connection';
import { AccountBanners } from './AccountBanners';
import { Banners, Toasts } from './Banners';
import { CallList } from './CallList';
import { DetailPane } from './DetailPane';
import { FilterBar } from './FilterBar';
import { HelpPopover } from './HelpPopover';
import { ReplayDialogs } from './ReplayDialogs';
import { Header } from './Header';
import { SettingsDialog } from './SettingsDialog';
import { TunnelPanel } from './TunnelPanel';
import { useKeyboard } from './use-keyboard';

// The Answers dialog carries the mock editor: load it when first opened, not at first paint.
const AnswersDialog = lazy(() => import('./AnswersDialog').then((m) => ({ default: m.AnswersDialog })));
const AccountDialog = lazy(() => import('./AccountDialog').then((m) => ({ default: m.AccountDialog })));

/** The inspector. It never knows whether the bridge is IPC or HTTP. */
export function App({ bridge }: { bridge: RendererBridge }) {
  const settingsOpen = useUiStore((s) => s.settingsOpen);
  const panel = useUiStore((s) => s.panel);
  useEffect(() => startSession(bridge), [bridge]);
  useKeyboard();
  return (
    <div className="app">
      <Header />
      <Banners />
      <AccountBanners />
      <FilterBar />
      <main className="workspace">
        <CallList />
        <DetailPane />
      </main>
      {settingsOpen && <SettingsDialog />}
      {panel === 'tunnel' && <TunnelPanel />}
      {panel === 'answers' && (
        <Suspense fallback={null}>
          <AnswersDialog />
        </Suspense>
      )}
      {panel === 'account' && (
        <Suspense fallback={null}>
          <AccountDialog />
        </Suspense>
      )}
      {panel === 'help' && <HelpPopover />}
      <ReplayDialogs />
      <Toasts />
    </div>
  );
}
