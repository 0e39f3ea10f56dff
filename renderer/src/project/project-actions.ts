import type { ProjectState } from '../../../main/contract/api';
import { currentBridge } from '../page/bridge-holder';
import { inPageWords } from '../page/page-words';
import { reportError } from '../page/ui-actions';
import { useProjectStore } from './project-store';

export async function loadProject(): Promise<void> {
  const bridge = currentBridge();
  if (!bridge) return;
  try {
    useProjectStore.setState({ project: await bridge.getProject() });
  } catch (error) {
    reportError('Could not read the project folder', error);
  }
}

/** A file changed, broke or was fixed, or another folder was opened. */
export function projectChanged(project: ProjectState): void {
  useProjectStore.setState((s) => ({
    project,
    planStale: s.plan !== null,
    // Another folder: its plan is another plan.
    ...(s.project?.dir !== project.dir ? { plan: null, applied: null, planStale: false } : {}),
  }));
}

export async function planProject(): Promise<void> {
  const bridge = currentBridge();
  if (!bridge) return;
  useProjectStore.setState({ busy: 'plan', error: null, applied: null });
  try {
    const planned = await bridge.planActions(useProjectStore.getState().prune);
    useProjectStore.setState(planned.ok ? { plan: planned.value, planStale: false } : { plan: null, error: inPageWords(planned) });
  } catch (error) {
    reportError('Could not plan', error);
  } finally {
    useProjectStore.setState({ busy: null });
  }
}

/** Applies, then plans again so what is shown is what Flowent has now. */
export async function applyProject(): Promise<void> {
  const bridge = currentBridge();
  if (!bridge) return;
  useProjectStore.setState({ busy: 'apply', error: null });
  try {
    const applied = await bridge.applyActions(useProjectStore.getState().prune);
    if (!applied.ok) {
      useProjectStore.setState({ error: inPageWords(applied) });
      return;
    }
    const again = await bridge.planActions(useProjectStore.getState().prune);
    useProjectStore.setState({ applied: applied.value, plan: again.ok ? again.value : applied.value.plan, planStale: false });
  } catch (error) {
    reportError('Could not apply', error);
  } finally {
    useProjectStore.setState({ busy: null });
  }
}
