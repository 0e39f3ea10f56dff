import { create } from 'zustand';
import type { ActionPlan, ApplyOutcome, ProjectState } from '../../../main/contract/api';
import { onReset } from '../page/stores';

export interface ProjectViewState {
  /** The open project folder and its files' mistakes; null until read. */
  project: ProjectState | null;
  plan: ActionPlan | null;
  /** The files changed since the plan was made: it may no longer be what Apply would do. */
  planStale: boolean;
  applied: ApplyOutcome | null;
  prune: boolean;
  busy: 'plan' | 'apply' | null;
  error: string | null;
}

const initial = (): ProjectViewState => ({
  project: null,
  plan: null,
  planStale: false,
  applied: null,
  prune: false,
  busy: null,
  error: null,
});

export const useProjectStore = create<ProjectViewState>()(initial);
onReset(() => useProjectStore.setState(initial(), true));
