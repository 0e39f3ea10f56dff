import { useEffect } from 'react';
import { LazyPart, retryableLazy } from '../shared/LazyPart';
import { closePanel } from '../page/ui-actions';
import { startSession } from './session';
import { useUiStore } from '../page/stores';
import type { RendererBridge } from '../transport/connection';
import { AccessDenied } from './AccessDenied';
import { AccountBanners } from '../account/AccountBanners';
import { Banners, Toasts } from './Banners';
import { ProjectTroubleBanner } from '../project/ProjectTroubleBanner';
import { CallList } from '../calls/CallList';
import { DetailPane } from '../calls/DetailPane';
import { FilterBar } from '../calls/FilterBar';
import { HelpPopover } from './HelpPopover';
import { ReplayDialogs } from '../replay/ReplayDialogs';
import { Header } from './Header';
import { SplitView } from './SplitView';
import { StorageFaultBanner } from './StorageFaultBanner';
import { SettingsDialog } from '../settings/SettingsDialog';
import { TunnelPanel } from '../tunnel/TunnelPanel';
import { useKeyboard } from './use-keyboard';
import { useProjectStore } from '../project/project-store';

// The Answers dialog carries the mock editor: load it when first opened, not at first paint.
const AnswersDialog = retryableLazy(async () => ({ default: (await import('../answers/AnswersDialog')).AnswersDialog }));
const ProjectDialog = retryableLazy(async () => ({ default: (await import('../project/ProjectDialog')).ProjectDialog }));
const AccountDialog = retryableLazy(async () => ({ default: (await import('../account/AccountDialog')).AccountDialog }));

/** The inspector. It never knows whether the bridge is IPC or HTTP. */
export function App({ bridge }: { bridge: RendererBridge }) {
  const settingsOpen = useUiStore((s) => s.settingsOpen);
  const panel = useUiStore((s) => s.panel);
  const connection = useUiStore((s) => s.connection);
  const project = useProjectStore((s) => s.project);
  useEffect(() => {
    return startSession(bridge);
  }, [bridge]);
  useKeyboard();
  if (connection === 'denied' || connection === 'rotated') return <AccessDenied rotated={connection === 'rotated'} />;
  return (
    <div className="app">
      <Header />
      <StorageFaultBanner />
      <Banners />
      <AccountBanners />
      <ProjectTroubleBanner />
      <FilterBar />
      <SplitView left={<CallList />} right={<DetailPane />} />
      {settingsOpen && <SettingsDialog />}
      {panel === 'tunnel' && <TunnelPanel />}
      {panel === 'answers' && (
        <LazyPart
          part="answers"
          retry={AnswersDialog.retry}
          dialog={{ title: 'Answers', closeLabel: 'Close answers', onClose: closePanel }}
        >
          <AnswersDialog project={project} />
        </LazyPart>
      )}
      {panel === 'account' && (
        <LazyPart
          part="account"
          retry={AccountDialog.retry}
          dialog={{ title: 'Flowent account', closeLabel: 'Close Flowent account', onClose: closePanel }}
        >
          <AccountDialog />
        </LazyPart>
      )}
      {panel === 'project' && (
        <LazyPart
          part="project"
          retry={ProjectDialog.retry}
          dialog={{ title: 'Project', closeLabel: 'Close project', onClose: closePanel }}
        >
          <ProjectDialog />
        </LazyPart>
      )}
      {panel === 'help' && <HelpPopover />}
      <ReplayDialogs />
      <Toasts />
    </div>
  );
}
