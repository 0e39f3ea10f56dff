import type { ProjectMethods } from '../../contract/api';
import type { ProjectSession } from '../project/project-session';

export interface ProjectDeps {
  project: ProjectSession;
}

const NO_PROJECT = { ok: false, code: 'no-project' } as const;

/** The project folder: its state, and actions as code (plan, apply, pull). */
export function createProjectApi({ project }: ProjectDeps): ProjectMethods {
  return {
    getProject: async () => project.state(),
    planActions: async (prune) => (project.actions ? project.actions.plan(prune) : NO_PROJECT),
    applyActions: async (prune) => (project.actions ? project.actions.apply(prune) : NO_PROJECT),
    pullActions: async (prune, force) => (project.actions ? project.actions.pull(prune, force) : NO_PROJECT),
  };
}
