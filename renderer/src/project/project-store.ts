import { create } from 'zustand';
import type { ActionPlan, AnswerSettings, ApplyOutcome, ProjectProblem, ProjectState, PullOutcome } from '../../../main/contract/api';
import { projectTrouble, type ProjectTrouble } from '../../../main/contract/words';
import { onReset } from '../page/stores';

export interface ProjectViewState {
  /** The open project folder and its files' mistakes; null until read. */
  project: ProjectState | null;
  /** Where the answers send calls, read while the Project dialog is open: a forward target may hold a password this machine does not keep. */
  answers: AnswerSettings | null;
  plan: ActionPlan | null;
  /** The files changed since the plan was made: it may no longer be what Apply would do. */
  planStale: boolean;
  applied: ApplyOutcome | null;
  pulled: PullOutcome | null;
  prune: boolean;
  busy: 'plan' | 'apply' | 'pull' | null;
  error: string | null;
  /** The mistakes under actions/ that stopped the last Plan, Apply or Pull (`by`): shown with the files' list, not as a paragraph. */
  blocking: { by: 'Plan' | 'Apply' | 'Pull'; problems: ProjectProblem[] } | null;
}

const initial = (): ProjectViewState => ({
  project: null,
  answers: null,
  plan: null,
  planStale: false,
  applied: null,
  pulled: null,
  prune: false,
  busy: null,
  error: null,
  blocking: null,
});

export const useProjectStore = create<ProjectViewState>()(initial);
onReset(() => useProjectStore.setState(initial(), true));

/** The open project's trouble, as the store holds it (read at start, then told by `project-changed`). */
export function useProjectTrouble(): ProjectTrouble | null {
  return projectTrouble(useProjectStore((s) => s.project));
}
