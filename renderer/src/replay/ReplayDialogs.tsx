import { useEffect } from 'react';
import { useReplayStore } from './replay-store';
import { closeReplayDialog } from './replay-ui-actions';
import { useUiStore } from '../page/stores';
import { BulkReplayDialog } from './BulkReplayDialog';
import { SimulatorDialog } from './SimulatorDialog';

/** The bulk replay and simulator dialogs; another dialog opening closes them (one dialog at a time). */
export function ReplayDialogs() {
  const dialog = useReplayStore((s) => s.dialog);
  const otherOpen = useUiStore((s) => s.panel !== null || s.settingsOpen);
  useEffect(() => {
    if (otherOpen) closeReplayDialog();
  }, [otherOpen]);
  if (otherOpen) return null;
  if (dialog === 'bulk') return <BulkReplayDialog />;
  if (dialog === 'simulator') return <SimulatorDialog />;
  return null;
}
