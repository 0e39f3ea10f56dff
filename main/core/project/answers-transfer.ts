import { mkdirSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { AnswerRoute, AnswerSettings, ProjectProblem, StoredMock } from '../../contract/api';
import { ProjectAnswers } from './project-answers';

/**
 * Writes answers into a folder of answer files (`<action>.yaml`, `_default.yaml`), the format of
 * `flowent/answers/`: files already there are updated in place, keeping their comments.
 */
export function exportAnswersFolder(
  folder: string,
  settings: Pick<AnswerSettings, 'mocks' | 'routes'>,
): { ok: true; written: string[] } | { ok: false; problems: ProjectProblem[] } {
  const absolute = resolve(folder);
  mkdirSync(absolute, { recursive: true });
  const files = new ProjectAnswers(dirname(absolute), () => {}, basename(absolute));
  // A file with a mistake may be an edit in progress: never overwrite it.
  const problems = files.currentProblems();
  if (problems.length > 0) {
    files.close();
    return { ok: false, problems };
  }
  const written = new Set<string>();
  const name = (action: string | null) => `${action ?? '_default'}.yaml`;
  for (const mock of settings.mocks) {
    files.setMock(mock.action, mock.definition);
    written.add(name(mock.action));
  }
  for (const route of settings.routes) {
    files.setRoute(route.action, { mode: route.mode, target: route.target });
    written.add(name(route.action));
  }
  files.close();
  return { ok: true, written: [...written].sort() };
}

/** Reads a folder of answer files: every mock and route in it, or every mistake (nothing is half read). */
export function readAnswersFolder(
  folder: string,
): { ok: true; mocks: StoredMock[]; routes: AnswerRoute[] } | { ok: false; problems: ProjectProblem[] } {
  const absolute = resolve(folder);
  const files = new ProjectAnswers(dirname(absolute), () => {}, basename(absolute));
  const problems = files.currentProblems();
  files.close();
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, mocks: files.listMocks(), routes: files.listRoutes() };
}
