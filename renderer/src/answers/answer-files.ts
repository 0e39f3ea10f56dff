import type { ProjectState } from '../../../main/contract/api';
import type { ActionAnswer } from './answer-routes';

/** The open project as the Answers dialog needs it: its folder and the answer files that answer now. */
export type AnswersProject = Pick<ProjectState, 'dir' | 'answers'>;

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
