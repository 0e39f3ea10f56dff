import { isActionName, type ProjectProblem, type ProjectState } from '../../../main/contract/api';
import type { ActionAnswer } from './answer-routes';

/**
 * The open project as the Answers dialog needs it: its folder, the answer files that answer now,
 * and the mistakes in its files with the answer files whose last good version answers meanwhile.
 */
export type AnswersProject = Pick<ProjectState, 'dir' | 'answers' | 'problems' | 'stale'>;

/** An action's answer file (null: _default.yaml) relative to the project folder, as ProjectState lists them. */
const fileOf = (action: string | null) => `answers/${action ?? '_default'}.yaml`;

/** A project file as serve's banner names it: `flowent/answers/send_email.yaml`. */
function named(dir: string, file: string): string {
  return `${dir.split(/[\\/]/).filter(Boolean).pop() ?? 'flowent'}/${file}`;
}

/** The file the dialog's changes for `action` are written into, whether or not it exists yet. */
export function editedFile(project: AnswersProject | null, action: string | null): { file: string; exists: boolean } | null {
  if (!project?.dir) return null;
  const file = fileOf(action);
  return { file: named(project.dir, file), exists: project.answers.includes(file) };
}

/**
 * The file an action's answer comes from now: its own, else `_default.yaml` when it answers by
 * the default's settings; null with no project open, or when the built-in answer answers.
 */
export function answeringFile(project: AnswersProject | null, action: string | null, answer: ActionAnswer): string | null {
  if (!project?.dir) return null;
  if (project.answers.includes(fileOf(action))) return named(project.dir, fileOf(action));
  const byDefault = answer.mode === 'forward' || answer.mock === 'default';
  return byDefault && project.answers.includes(fileOf(null)) ? named(project.dir, fileOf(null)) : null;
}

/** The mistakes of the project's answer files, file by file in name order (a file in use that cannot answer as it says is no mistake). */
export function answerFileMistakes(project: AnswersProject | null): Map<string, ProjectProblem[]> {
  const byFile = new Map<string, ProjectProblem[]>();
  if (!project?.dir) return byFile;
  const byName = [...project.problems].sort((a, b) => a.file.localeCompare(b.file));
  for (const problem of byName)
    if (problem.warning === undefined && problem.file.startsWith('answers/'))
      byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), problem]);
  return byFile;
}

/** The actions whose own answer file has a mistake: listed with the others, though nothing of the file may answer. */
export function actionsOfMistakenFiles(project: AnswersProject | null): string[] {
  return [...answerFileMistakes(project).keys()].flatMap((file) => {
    const name = /^answers\/(.+)\.yaml$/.exec(file)?.[1];
    return name !== undefined && isActionName(name) ? [name] : [];
  });
}

/** Whether the file `action`'s changes are written into (null: _default.yaml) has a mistake: saving is refused until it is fixed. */
export function editedFileHasMistake(project: AnswersProject | null, action: string | null): boolean {
  return answerFileMistakes(project).has(fileOf(action));
}
