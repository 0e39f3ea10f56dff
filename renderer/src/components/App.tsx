import { useEffect } from 'react';
import { startSession } from '../store/session';
import { useUiStore } from '../store/stores';
import type { RendererBridge } from '../transport/connection';
import { Banners, Toasts } from './Banners';
import { CallList } from './CallList';
import { DetailPane } from './DetailPane';
import { FilterBar } from './FilterBar';
import { Header } from './Header';
import { SettingsDialog } from './SettingsDialog';
import { useKeyboard } from './use-keyboard';

/** The inspector. It never knows whether the bridge is IPC or HTTP. */
export function App({ bridge }: { bridge: RendererBridge }) {
  const settingsOpen = useUiStore((s) => s.settingsOpen);
  useEffect(() => startSession(bridge), [bridge]);
  useKeyboard();
  return (
    <div className="app">
      <Header />
      <Banners />
      <FilterBar />
      <main className="workspace">
        <CallList />
        <DetailPane />
      </main>
      {settingsOpen && <SettingsDialog />}
      <Toasts />
    </div>
  );
}
