import { lazy, useEffect } from 'react';
import { LazyPart } from '../shared/LazyPart';
import { startSession } from './session';
import { useUiStore } from '../page/stores';
import type { RendererBridge } from '../transport/connection';
import { AccessDenied } from './AccessDenied';
import { AccountBanners } from '../account/AccountBanners';
import { Banners, Toasts } from './Banners';
import { CallList } from '../calls/CallList';
import { DetailPane } from '../calls/DetailPane';
import { FilterBar } from '../calls/FilterBar';
import { HelpPopover } from './HelpPopover';
import { ReplayDialogs } from '../replay/ReplayDialogs';
import { Header } from './Header';
import { SplitView } from './SplitView';
import { SettingsDialog } from '../settings/SettingsDialog';
import { TunnelPanel } from '../tunnel/TunnelPanel';
import { useKeyboard } from './use-keyboard';

// The Answers dialog carries the mock editor: load it when first opened, not at first paint.
const AnswersDialog = lazy(() => import('../answers/AnswersDialog').then((m) => ({ default: m.AnswersDialog })));
const ProjectDialog = lazy(() => import('../project/ProjectDialog').then((m) => ({ default: m.ProjectDialog })));
const AccountDialog = lazy(() => import('../account/AccountDialog').then((m) => ({ default: m.AccountDialog })));

/** The inspector. It never knows whether the bridge is IPC or HTTP. */
export function App({ bridge }: { bridge: RendererBridge }) {
  const settingsOpen = useUiStore((s) => s.settingsOpen);
  const panel = useUiStore((s) => s.panel);
  const connection = useUiStore((s) => s.connection);
  useEffect(() => startSession(bridge), [bridge]);
  useKeyboard();
  if (connection === 'denied' || connection === 'rotated') return <AccessDenied rotated={connection === 'rotated'} />;
  return (
    <div className="app">
      <Header />
      <Banners />
      <AccountBanners />
      <FilterBar />
      <SplitView left={<CallList />} right={<DetailPane />} />
      {settingsOpen && <SettingsDialog />}
      {panel === 'tunnel' && <TunnelPanel />}
      {panel === 'answers' && (
        <LazyPart what="the Answers dialog">
          <AnswersDialog />
        </LazyPart>
      )}
      {panel === 'account' && (
        <LazyPart what="the Flowent account dialog">
          <AccountDialog />
        </LazyPart>
      )}
      {panel === 'project' && (
        <LazyPart what="the Project dialog">
          <ProjectDialog />
        </LazyPart>
      )}
      {panel === 'help' && <HelpPopover />}
      <ReplayDialogs />
      <Toasts />
    </div>
  );
}
