import { mkdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import {
  hasLeftOutCredentials,
  hasUrlCredentials,
  redactUrlCredentials,
  type AnswerRoute,
  type AnswerSettings,
  type AnswersFolderFailure,
  type ProjectProblem,
  type Refused,
} from '../../contract/api';
import { ProjectAnswers, type MockOfFile } from './project-answers';
import { projectFiles } from './project-folder';

/**
 * Writes answers into a folder of answer files (`<action>.yaml`, `_default.yaml`), the format of
 * `flowent/answers/`: files already there are updated in place, keeping their comments.
 */
export function exportAnswersFolder(
  folder: string,
  settings: Pick<AnswerSettings, 'mocks' | 'routes'>,
): { ok: true; written: string[]; redacted: string[] } | Refused<AnswersFolderFailure> {
  const absolute = resolve(folder);
  const files = new ProjectAnswers(dirname(absolute), () => {}, basename(absolute));
  const written = new Set<string>();
  const redacted = new Set<string>();
  try {
    mkdirSync(absolute, { recursive: true });
    // A file with a mistake may be an edit in progress: never overwrite it.
    const problems = files.currentProblems();
    if (problems.length > 0) return { ok: false, code: 'project-invalid', problems: asGiven(folder, problems) };
    const name = (action: string | null) => `${action ?? '_default'}.yaml`;
    for (const mock of settings.mocks) {
      files.setMock(mock.action, mock.definition);
      written.add(name(mock.action));
    }
    for (const route of settings.routes) {
      // Answer files are meant for git: a target's user and password stay in the history only.
      const target = route.target === null ? null : redactUrlCredentials(route.target);
      if (route.target !== null && hasUrlCredentials(route.target)) redacted.add(name(route.action));
      files.setRoute(route.action, { mode: route.mode, target });
      written.add(name(route.action));
    }
  } catch (error) {
    const reason = fileSystemCode(error);
    if (reason === null) throw error;
    return { ok: false, code: 'answers-folder-unwritable', path: folder, reason };
  } finally {
    files.close();
  }
  return { ok: true, written: [...written].sort(), redacted: [...redacted].sort() };
}

/**
 * Reads a folder of answer files: every mock and route in it, or every mistake (nothing is half
 * read). Each mock names its file, with what it breaks of Flowent's contract at its line there.
 */
export function readAnswersFolder(
  folder: string,
): { ok: true; mocks: MockOfFile[]; routes: AnswerRoute[] } | Refused<AnswersFolderFailure> {
  const absolute = resolve(folder);
  const unusable = unusableFolder(folder, absolute);
  if (unusable) return { ok: false, ...unusable };
  const files = new ProjectAnswers(dirname(absolute), () => {}, basename(absolute));
  const problems = files.currentProblems();
  files.close();
  if (problems.length > 0) return { ok: false, code: 'project-invalid', problems: asGiven(folder, problems) };
  return { ok: true, mocks: files.mocksOfFiles(), routes: files.listRoutes() };
}

/**
 * Mistakes named by the folder as the command was given it (`../answers/x.yaml`,
 * `/tmp/answers/x.yaml`), as its warnings are, not by the folder's name alone (`answers/x.yaml`),
 * which is no path from where the command runs and no file an editor can open from there.
 */
function asGiven(folder: string, problems: ProjectProblem[]): ProjectProblem[] {
  // Each file is named from the folder's parent: `<folder's name>/x.yaml`.
  const name = basename(resolve(folder));
  return problems.map((problem) => ({ ...problem, file: join(folder, relative(name, problem.file)) }));
}

/**
 * The imported routes with each password an export left out (`***`) taken back from the stored
 * target it was exported from: the same URL with its real password. The actions (null for the
 * default) whose password has no such target to come from, if any: an import stores none of it
 * then, as it stores nothing of a folder with a mistake, since calls would be forwarded with
 * "***" as the password.
 */
export function restoreLeftOutPasswords(
  imported: AnswerRoute[],
  stored: AnswerRoute[],
): { ok: true; routes: AnswerRoute[] } | { ok: false; missing: (string | null)[] } {
  const missing: (string | null)[] = [];
  const routes = imported.map((route) => {
    if (route.target === null || !hasLeftOutCredentials(route.target)) return route;
    const storedTarget = stored.find((candidate) => candidate.action === route.action)?.target ?? null;
    const exportedFrom =
      storedTarget !== null && !hasLeftOutCredentials(storedTarget) && redactUrlCredentials(storedTarget) === route.target;
    if (exportedFrom) return { ...route, target: storedTarget };
    missing.push(route.action);
    return route;
  });
  return missing.length === 0 ? { ok: true, routes } : { ok: false, missing };
}

/**
 * Why `folder` cannot be imported from, if it cannot: the answers' reader takes a missing
 * folder for one without answers (a project may have none), which an import must not.
 */
function unusableFolder(folder: string, absolute: string): AnswersFolderFailure | null {
  try {
    if (!statSync(absolute).isDirectory()) return { code: 'answers-folder-not-a-folder', path: folder };
    if (projectFiles(absolute).length === 0) return { code: 'answers-folder-empty', path: folder };
  } catch (error) {
    const reason = fileSystemCode(error);
    if (reason === null) throw error;
    // ENOTDIR: a file where a folder on the way should be, so there is no such folder either.
    if (reason === 'ENOENT' || reason === 'ENOTDIR') return { code: 'answers-folder-missing', path: folder };
    return { code: 'answers-folder-unreadable', path: folder, reason };
  }
  return null;
}

/**
 * The code of what the file system said (EACCES, EEXIST...), or null for any other error: only
 * those are the path's fault, anything else is a bug and goes on being thrown.
 */
function fileSystemCode(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  const { code, syscall } = error as NodeJS.ErrnoException;
  return typeof code === 'string' && typeof syscall === 'string' ? code : null;
}
