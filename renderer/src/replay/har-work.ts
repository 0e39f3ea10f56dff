import { exportHar } from './replay-har-actions';
import { currentSelectionFilter } from './replay-ui-actions';
import { useReplayStore, type ReplayState } from './replay-store';
import { showToast } from '../page/ui-actions';

type HarWork = NonNullable<ReplayState['harWork']>;

/** Why an export asked for meanwhile does not start (the busy buttons ignore presses: this is for the `e` key). */
const RUNNING: Record<HarWork, string> = {
  export: 'A HAR export is running: one export at a time.',
  import: 'A HAR import is running: export once it has ended.',
};

/**
 * Runs a HAR export or import unless one already runs in this window, which it says instead
 * (null). Two exports at once would download the same file twice.
 */
export async function oneHarWorkAtATime<T>(kind: HarWork, work: () => Promise<T>): Promise<T | null> {
  const running = useReplayStore.getState().harWork;
  if (running) {
    showToast(RUNNING[running], 4000);
    return null;
  }
  useReplayStore.setState({ harWork: kind });
  try {
    return await work();
  } finally {
    useReplayStore.setState({ harWork: null });
  }
}

/** Exports the list's calls as HAR (the Export HAR button, the `e` key), and says what came of it. */
export async function exportFilteredCalls(): Promise<void> {
  const outcome = await oneHarWorkAtATime('export', () => exportHar({ filter: currentSelectionFilter() }));
  if (outcome) showToast(outcome.message, outcome.ok ? 4000 : null, outcome.ok ? 'info' : 'error');
}
