import type { ProjectProblem, ProjectState } from '../../../main/contract/api';
import { fileMistakeHeading, problemPlace } from '../../../main/contract/words';
import { useProjectStore } from './project-store';

/**
 * What is wrong with the open project that calls do not show: its folder is gone (a branch
 * switch: its last version keeps answering), or files have mistakes (their last good version
 * answers, or nothing of them). A file set to forward with no target yet is in use as it says,
 * and a target may be on its way: the Project dialog lists it, the main screen leaves it be.
 */
export type ProjectTrouble =
  { kind: 'folder-gone'; dir: string; problem: ProjectProblem } | { kind: 'mistakes'; mistakes: ProjectProblem[]; stale: string[] };

export function projectTrouble(project: ProjectState | null): ProjectTrouble | null {
  if (!project?.dir) return null;
  const gone = project.problems.find((problem) => problem.warning === 'folder-removed');
  if (gone) return { kind: 'folder-gone', dir: project.dir, problem: gone };
  const mistakes = project.problems.filter((problem) => problem.warning === undefined);
  return mistakes.length === 0 ? null : { kind: 'mistakes', mistakes, stale: project.stale };
}

/** The open project's trouble, as the store holds it (read at start, then told by `project-changed`). */
export function useProjectTrouble(): ProjectTrouble | null {
  return projectTrouble(useProjectStore((s) => s.project));
}

/** The trouble in a few words, for the header's Project entry. */
export function projectTroubleShort(trouble: ProjectTrouble): string {
  if (trouble.kind === 'folder-gone') return 'The project folder is gone.';
  const count = trouble.mistakes.length;
  return count === 1 ? 'A project file has a mistake.' : `${count} project files have mistakes.`;
}

/** The files the banner names before "and N more": the dialog lists them all. */
const NAMED = 3;

/**
 * Each mistake where it is and what answers meanwhile, in serve's and the dialog's words
 * ("answers/x.yaml:2:9 has a mistake; its last good version keeps answering").
 */
export function mistakesInWords(mistakes: ProjectProblem[], stale: readonly string[]): string {
  const said = mistakes.slice(0, NAMED).map((problem) => fileMistakeHeading(problem.file, stale, problemPlace(problem)));
  const more = mistakes.length - said.length;
  return `${said.join('; ')}${more > 0 ? `; and ${more} more` : ''}.`;
}
