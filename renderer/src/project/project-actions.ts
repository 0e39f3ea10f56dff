import type { ApiFailure, ProjectState } from '../../../main/contract/api';
import { currentBridge } from '../page/bridge-holder';
import { inPageWords } from '../page/page-words';
import { reportError } from '../page/ui-actions';
import { useProjectStore, type ProjectViewState } from './project-store';
import { PAGE_FAILURE_WORDS } from '../../../main/contract/words';

export async function loadProject(): Promise<void> {
  const bridge = currentBridge();
  if (!bridge) return;
  try {
    useProjectStore.setState({ project: await bridge.getProject() });
  } catch (error) {
    reportError(PAGE_FAILURE_WORDS.readProject, error);
  }
}

/** A file changed, broke or was fixed, or another folder was opened: its forward targets are read again too. */
export function projectChanged(project: ProjectState): void {
  useProjectStore.setState((s) => ({
    project,
    planStale: s.plan !== null,
    // Another folder: its plan is another plan.
    ...(s.project?.dir !== project.dir ? { plan: null, applied: null, planStale: false } : {}),
  }));
  // Read while the Project dialog shows them (it reads them when it opens, and drops them when it closes).
  if (useProjectStore.getState().answers !== null) void loadProjectTargets();
}

/** Where the answers send calls, for the Project dialog: a target may hold a password this machine does not keep. */
export async function loadProjectTargets(): Promise<void> {
  const bridge = currentBridge();
  if (!bridge) return;
  try {
    useProjectStore.setState({ answers: await bridge.getAnswerSettings() });
  } catch (error) {
    reportError(PAGE_FAILURE_WORDS.readProject, error);
  }
}

/**
 * A refusal as the dialog shows it: mistakes in the action files go with the files' list (as a
 * list, not the command line's lines run together in one paragraph); any other in the page's words.
 */
function refusal(by: 'Plan' | 'Apply' | 'Pull', failure: ApiFailure): Pick<ProjectViewState, 'error' | 'blocking'> {
  return failure.code === 'project-invalid'
    ? { error: null, blocking: { by, problems: failure.problems } }
    : { error: inPageWords(failure), blocking: null };
}

const NOTHING_REFUSED = { error: null, blocking: null };

export async function planProject(): Promise<void> {
  const bridge = currentBridge();
  if (!bridge) return;
  useProjectStore.setState({ busy: 'plan', ...NOTHING_REFUSED, applied: null, pulled: null });
  try {
    const planned = await bridge.planActions(useProjectStore.getState().prune);
    useProjectStore.setState(planned.ok ? { plan: planned.value, planStale: false } : { plan: null, ...refusal('Plan', planned) });
  } catch (error) {
    reportError(PAGE_FAILURE_WORDS.plan, error);
  } finally {
    useProjectStore.setState({ busy: null });
  }
}

/** Applies, then plans again so what is shown is what Flowent has now. */
export async function applyProject(): Promise<void> {
  const bridge = currentBridge();
  if (!bridge) return;
  useProjectStore.setState({ busy: 'apply', ...NOTHING_REFUSED, pulled: null });
  try {
    const applied = await bridge.applyActions(useProjectStore.getState().prune);
    if (!applied.ok) {
      useProjectStore.setState(refusal('Apply', applied));
      return;
    }
    const again = await bridge.planActions(useProjectStore.getState().prune);
    useProjectStore.setState({ applied: applied.value, plan: again.ok ? again.value : applied.value.plan, planStale: false });
  } catch (error) {
    reportError(PAGE_FAILURE_WORDS.apply, error);
  } finally {
    useProjectStore.setState({ busy: null });
  }
}

/**
 * Writes Flowent's actions into the files (never prune: the dialog's prune is Apply's, deleting
 * on Flowent). The plan shown is dropped, not made again: the files' change is reported after
 * the pull returns, and would mark a plan made meanwhile as stale.
 */
export async function pullProject(): Promise<void> {
  const bridge = currentBridge();
  if (!bridge) return;
  useProjectStore.setState({ busy: 'pull', ...NOTHING_REFUSED, applied: null, pulled: null });
  try {
    const pulled = await bridge.pullActions(false, false);
    useProjectStore.setState(pulled.ok ? { pulled: pulled.value, plan: null, planStale: false } : refusal('Pull', pulled));
  } catch (error) {
    reportError(PAGE_FAILURE_WORDS.pull, error);
  } finally {
    useProjectStore.setState({ busy: null });
  }
}
