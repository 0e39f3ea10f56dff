import type { ProjectMethods, ProjectProblem } from '../../contract/api';
import type { ProjectActions } from '../project/project-actions';

export interface ProjectDeps {
  /** The open project folder, or null. */
  projectDir: string | null;
  projectActions: ProjectActions | null;
  projectProblems: () => ProjectProblem[];
}

const NO_PROJECT = {
  ok: false,
  code: 'no-project',
  message:
    'No project folder is open: run the command in the folder that holds flowent/ (or give --project <dir>); "flowent-companion init" creates one.',
} as const;

/** The project folder: its state, and actions as code (plan, apply, pull). */
export function createProjectApi(deps: ProjectDeps): ProjectMethods {
  const actions = deps.projectActions;
  return {
    getProject: async () => ({ dir: deps.projectDir, problems: deps.projectDir ? deps.projectProblems() : [] }),
    planActions: async (prune) => (actions ? actions.plan(prune) : NO_PROJECT),
    applyActions: async (prune) => (actions ? actions.apply(prune) : NO_PROJECT),
    pullActions: async (prune) => (actions ? actions.pull(prune) : NO_PROJECT),
  };
}
