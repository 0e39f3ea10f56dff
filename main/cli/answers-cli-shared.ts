import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isActionName, type ApiFailure, type CompanionApi, type ProjectProblem, type Result } from '../contract/api';
import { UsageError } from './args';
import type { CliIo } from './cli-io';
import { inCliWords } from './cli-words';
import { exitCodeOf } from './exit-codes';
import { serveNamed, type AnswerTarget, type AnswersPlace } from '../contract/words';
import { runningServes, samePath, type ServeState } from '../core';
import { dataDirOf, projectDirOf, withCore } from './open-core';
import { projectProblemLines } from './project-lines';

/** Which action a subcommand is about, from its argument and flags: a name, the default (`--default`), or every one (`--all`). */
export function parseTarget(
  command: string,
  positional: string | undefined,
  flags: { default?: boolean; all?: boolean },
  allowAll: boolean,
): AnswerTarget {
  const given = [positional !== undefined, flags.default === true, flags.all === true].filter(Boolean).length;
  const choices = allowAll ? '<action>, --default or --all' : '<action> or --default';
  if (given !== 1) throw new UsageError(`${command} needs exactly one of ${choices}.`);
  if (flags.default) return { kind: 'default' };
  if (flags.all) {
    if (!allowAll) throw new UsageError(`${command} takes ${choices}, not --all.`);
    return { kind: 'all' };
  }
  const action = positional ?? '';
  if (!isActionName(action)) throw new UsageError(inCliWords({ code: 'invalid-action', action }));
  return { kind: 'action', action };
}

export function targetKey(target: AnswerTarget): string | null {
  return target.kind === 'action' ? target.action : null;
}

/**
 * The project whose answer files `mocks` and `targets` work on: flowent/ in the current folder,
 * what `serve` run there answers from, read and written as the app's Answers dialog does; null
 * elsewhere, where they work on the history folder's answers.
 */
function answersProjectDir(io: CliIo): string | null {
  return projectDirOf(undefined, io);
}

/** Whose answers a `mocks` or `targets` subcommand reads or changes, how its lines name them, and what a change of them needs. */
export interface AnswersAt {
  /** The project's folder, whose answers/ files the command uses; null: the history folder's answers. */
  project: string | null;
  place: AnswersPlace;
  changing: AnswersChangeContext;
}

/**
 * Where a `mocks` or `targets` subcommand runs (see AnswersAt); for one that `changes` the
 * answers where the project folder a serve answers from was removed, the exit code of its
 * refusal, said (see refuseWhereProjectRemoved).
 */
export function answersAt(
  command: 'mocks' | 'targets',
  changes: boolean,
  dataDirFlag: string | undefined,
  io: CliIo,
): AnswersAt | { refused: number } {
  const project = answersProjectDir(io);
  const refused = changes ? refuseWhereProjectRemoved(command, project, io, dataDirFlag) : null;
  if (refused !== null) return { refused };
  return { project, place: answersPlace(project), changing: { command, dataDirFlag, io, project } };
}

/** Where the answers of `projectDir` are, as the lines saying a change name it (see AnswersPlace). */
function answersPlace(projectDir: string | null): AnswersPlace {
  return projectDir === null ? null : basename(projectDir);
}

/**
 * Refuses a `mocks`/`targets` subcommand that writes answers, run outside a project where the
 * project folder of the current folder that a running serve (or the app) on this data folder
 * answers from was removed (a branch switch, say): the change would go to the history folder's
 * answers, which that serve does not answer from. Says why and returns the exit code; null when
 * the command may go on.
 */
function refuseWhereProjectRemoved(
  command: 'mocks' | 'targets',
  projectDir: string | null,
  io: CliIo,
  dataDirFlag: string | undefined,
): number | null {
  if (projectDir !== null) return null;
  const here = join(io.cwd ?? process.cwd(), 'flowent');
  if (!removedServedProject(here, io, dataDirFlag)) return null;
  const refused = { code: 'project-folder-removed', folder: here } as const;
  io.stderr.write(`flowent-companion ${command}: ${inCliWords(refused)}\n`);
  return exitCodeOf(refused);
}

/** Whether the project folder `dir` is not there while a running serve (or the app) on this data folder answers from it: it was removed. */
export function removedServedProject(dir: string, io: CliIo, dataDirFlag: string | undefined): boolean {
  if (existsSync(dir)) return false;
  return runningServes(dataDirOf(dataDirFlag, io)).some((one) => one.projectDir !== null && samePath(one.projectDir, dir));
}

/** Opens the project's answers for a command that writes them: made if it was removed, as a first saved answer needs it. */
export function writableAnswers(projectDir: string | null): { projectDir: string | null } {
  if (projectDir !== null) mkdirSync(join(projectDir, 'answers'), { recursive: true });
  return { projectDir };
}

/** Where a `mocks` or `targets` change runs: the command, its --data-dir, and whose answers it changes (a project's; null: the history folder's). */
export interface AnswersChangeContext {
  command: 'mocks' | 'targets';
  dataDirFlag: string | undefined;
  io: CliIo;
  project: string | null;
}

/**
 * Makes one change to the answers through a core on the data folder and says it: a refusal under
 * the command's prefix, with its exit code; or what changed (`said` prints it, and whatever else
 * the change calls for), then which running serves answer from other answers than these.
 */
export function changeAnswers<T>(
  { command, dataDirFlag, io, project }: AnswersChangeContext,
  change: (api: CompanionApi) => Promise<Result<T, ApiFailure>>,
  said: (value: T, api: CompanionApi) => unknown,
): Promise<number> {
  return withCore(
    command,
    dataDirFlag,
    io,
    async (api) => {
      const changed = await change(api);
      if (!changed.ok) {
        io.stderr.write(`flowent-companion ${command}: ${inCliWords(changed)}\n`);
        return exitCodeOf(changed);
      }
      await said(changed.value, api);
      noteProjectAnswers(io, dataDirFlag, project);
      return 0;
    },
    writableAnswers(project),
  );
}

/**
 * Said after `mocks`/`targets` changed (or listed) the answers of `projectDir` (a project's
 * files, or the history folder's with null) while a serve (or the desktop app) on this data
 * folder answers from other ones, so the change does not reach it (or the list is not what it
 * answers): one note per place it answers from, naming every companion answering from there.
 */
export function noteProjectAnswers(
  io: CliIo,
  dataDirFlag: string | undefined,
  projectDir: string | null,
  did: 'changed' | 'listed' = 'changed',
): void {
  const these = projectDir === null ? "the history folder's answers" : `the answers in ${join(projectDir, 'answers')}`;
  const places: { dir: string | null; serves: ServeState[] }[] = [];
  for (const serve of runningServes(dataDirOf(dataDirFlag, io)).reverse()) {
    const known = places.find((place) => samePlace(place.dir, serve.projectDir));
    if (known) known.serves.push(serve);
    else places.push({ dir: serve.projectDir, serves: [serve] });
  }
  for (const place of places) {
    if (samePlace(place.dir, projectDir)) continue;
    const answers = place.dir === null ? "the history folder's answers" : join(place.dir, 'answers');
    const what =
      did === 'listed'
        ? place.dir === null
          ? ''
          : ': its files say what each action gets'
        : place.dir === null
          ? ': run the command outside a project folder to change those'
          : `: edit the files there (or run the command in ${dirname(place.dir)}) to change what it answers`;
    io.stderr.write(
      `Note: ${did === 'changed' ? 'this changed' : 'these are'} ${these}; ${answering(place.serves)} answers from ${answers} instead${what}.\n`,
    );
  }
}

/** Two places answers come from: the same project folder, or both the history folder (null). */
function samePlace(a: string | null, b: string | null): boolean {
  return a === null || b === null ? a === b : samePath(a, b);
}

/** `the serve at <url> and <url>`, `the desktop app at <url>`, or both, the app first. */
function answering(serves: ServeState[]): string {
  const app = serves
    .filter((serve) => serve.mode === 'desktop')
    .map((serve) => serveNamed({ mode: serve.mode, baseUrl: serve.webhookBaseUrl }));
  const headless = serves.filter((serve) => serve.mode === 'headless').map((serve) => serve.webhookBaseUrl);
  return [...app, ...(headless.length > 0 ? [`the serve at ${headless.join(' and ')}`] : [])].join(' and ');
}

/**
 * The project's answer files with a mistake (`only`: just these files, relative to the project
 * folder), said in serve's words at its start: each file, what answers meanwhile, and each mistake
 * at its line and column. Nothing outside a project. A listing leaves such a file out (nothing of
 * it answers), and the user who wrote it learns here why. This command reads the files afresh, so
 * no file with a mistake has a good version here; a serve answering from them may have read one.
 */
export async function answerFileMistakes(
  api: CompanionApi,
  io: CliIo,
  dataDirFlag: string | undefined,
  projectDir: string | null,
  only?: readonly string[],
): Promise<string[]> {
  if (projectDir === null) return [];
  const project = await api.getProject();
  // Mistakes only: a file in use that cannot answer as it says (a forward with no target) is listed, and serve says it.
  const answerFile = (problem: ProjectProblem) =>
    problem.warning === undefined && problem.file.startsWith('answers/') && (only === undefined || only.includes(problem.file));
  const lines = projectProblemLines()(
    { type: 'start', project: { ...project, problems: project.problems.filter(answerFile), contractWarnings: [] } },
    await api.getAnswerSettings(),
  );
  const serving = runningServes(dataDirOf(dataDirFlag, io)).filter(
    (one) => one.projectDir !== null && samePath(one.projectDir, projectDir),
  );
  if (lines.length === 0 || serving.length === 0) return lines;
  return [
    ...lines,
    `Note: ${answering(serving)} also answers from these files: there, a file it read good before its mistake keeps answering in that version.`,
  ];
}

/**
 * What the project's answer files in use (`only`: just these) break of Flowent's contract, in
 * serve's words: warnings, not mistakes (the files answer as they say). Nothing outside a project.
 */
export async function answerFileWarnings(api: CompanionApi, projectDir: string | null, only?: readonly string[]): Promise<string[]> {
  if (projectDir === null) return [];
  const project = await api.getProject();
  const contractWarnings = project.contractWarnings.filter((warning) => only === undefined || only.includes(warning.file));
  return projectProblemLines()({ type: 'start', project: { ...project, problems: [], contractWarnings } }, await api.getAnswerSettings());
}

/** The answer file of an action (null: the default), relative to the project folder as its mistakes name it. */
export function answerFileOf(action: string | null): string {
  return `answers/${action ?? '_default'}.yaml`;
}
