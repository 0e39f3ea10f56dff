import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { checkProjectDir, findProjectDir } from '../core';
import { NothingToWorkOn, UsageError } from './args';
import type { CompanionApi, CoreEvent } from '../contract/api';
import { createCore, DATA_DIR_ENV, DATA_DIR_VARIABLE_EMPTY, HistoryWriteFault, resolveDataDir, type Core, type CoreOptions } from '../core';
import type { CliIo } from './cli-io';
import { inCliWords, startInCliWords } from './cli-words';

/**
 * The history folder a command works on: `--data-dir`, else FLOWENT_COMPANION_DATA_DIR, else the
 * app's. An empty variable is refused as a usage error, as an empty --data-dir is (parseFlags).
 */
export function dataDirOf(flag: string | undefined, io: CliIo): string {
  const dir = resolveDataDir({ flag, env: io.env, platform: process.platform, home: homedir(), cwd: io.cwd ?? process.cwd() });
  if (!dir.ok) throw new UsageError(DATA_DIR_VARIABLE_EMPTY);
  return dir.value;
}

/** Where the history folder a command looked in came from. */
export function dataDirOrigin(flag: string | undefined, io: CliIo): string {
  if (flag) return 'That folder is the one --data-dir gives.';
  if (io.env[DATA_DIR_ENV]) return `That folder is the one ${DATA_DIR_ENV} gives.`;
  return `That folder is the default one: neither --data-dir nor ${DATA_DIR_ENV} is set.`;
}

/** The open project folder for a command: `--project <dir>`, else `flowent/` in the current folder, else null. */
export function projectDirOf(flag: string | undefined, io: CliIo): string | null {
  return findProjectDir(flag, io.cwd ?? process.cwd());
}

/**
 * A --project that names a file is said to be one: looked for inside it, flowent/ would be
 * "no project folder at <file>/flowent", a path that sends the user looking for a folder.
 */
function refuseFileAsProject(flag: string | undefined, io: CliIo): void {
  if (flag === undefined) return;
  const given = resolve(io.cwd ?? process.cwd(), flag);
  if (isFile(given))
    throw new UsageError(`--project: ${given} is a file, not a folder: name the folder that holds flowent/ (or flowent/ itself).`);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The project a command answers from (`serve`, `send`, `replay`): the one --project names, which
 * must be there, else flowent/ in the current folder, if any.
 */
export function answeringProjectDir(flag: string | undefined, io: CliIo): string | null {
  refuseFileAsProject(flag, io);
  const dir = projectDirOf(flag, io);
  if (dir !== null && flag !== undefined) refuseMissingProject(dir, flag, io);
  return dir;
}

/** The project folder a command cannot work without (`actions plan`, `apply`, `pull`): --project's, else flowent/ here. */
export function actionsProjectDir(flag: string | undefined, io: CliIo): string {
  refuseFileAsProject(flag, io);
  const dir = projectDirOf(flag, io) ?? findProjectDir('.', io.cwd ?? process.cwd())!;
  refuseMissingProject(dir, flag ?? '.', io);
  return dir;
}

/**
 * No flowent/ in the folder named (by --project, or by running there) is nothing to work on, a
 * failure at run time however the folder was named, as `mocks import` of a folder with no answer
 * files is: "flowent-companion init" makes it, and the same command then works. A --project path
 * that is not there at all is a bad value, as `mocks import` of a folder that is not there is.
 */
function refuseMissingProject(dir: string, named: string, io: CliIo): void {
  const missing = checkProjectDir(dir);
  if (missing === null) return;
  if (isFolder(resolve(io.cwd ?? process.cwd(), named))) throw new NothingToWorkOn(inCliWords(missing));
  throw new UsageError(`--project: ${inCliWords(missing)}`);
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Whether a command that writes must find its data folder: not when the folder is the default
 * (the app's own, created as serve creates it), but a folder --data-dir or
 * FLOWENT_COMPANION_DATA_DIR names that is not there is a mistyped name, refused in the words
 * `calls` uses rather than given a new, empty history. In a folder that exists (one made for
 * it) a history is started.
 */
function namedFolderMustExist(flag: string | undefined, io: CliIo): CoreOptions['mustExist'] {
  return flag || io.env[DATA_DIR_ENV] ? 'folder' : undefined;
}

/** How a command opens the core; `createsFolder`: a named data folder that is not there is made (init). */
type CommandOptions = Partial<Omit<CoreOptions, 'dataDir' | 'mode' | 'env' | 'oneShot'>> & { createsFolder?: boolean };

/** What a one-shot command gets of the core: the contract's API and its events. */
export interface CoreSession {
  api: CompanionApi;
  subscribe(listener: (event: CoreEvent) => void): () => void;
  /** Tells, as events, the calls other processes store in the history from now on. */
  follow(): void;
  writeHar: Core['writeHar'];
}

/**
 * A one-shot command's core: built like the app's and `serve`'s, opened without a server,
 * used through the contract by `work`, and stopped again whatever happens. It deletes no calls
 * by limits of its own (CoreOptions.oneShot). A command that only reads passes `readOnly`: it
 * then creates no folder or history, and says where it looked.
 */
export async function withCore(
  command: string,
  dataDirFlag: string | undefined,
  io: CliIo,
  work: (api: CompanionApi, session: CoreSession) => Promise<number>,
  commandOptions: CommandOptions = {},
): Promise<number> {
  const { createsFolder, ...options } = commandOptions;
  const mustExist = options.mustExist ?? (options.readOnly || createsFolder ? undefined : namedFolderMustExist(dataDirFlag, io));
  const core = createCore({
    mode: 'headless',
    dataDir: dataDirOf(dataDirFlag, io),
    env: io.env,
    onInternalError: (error) => io.stderr.write(internalErrorLine(error)),
    ...options,
    mustExist,
    oneShot: true,
  });
  const opened = await core.open();
  if (!opened.ok) {
    io.stderr.write(`flowent-companion ${command}: ${startInCliWords(opened)}\n`);
    if (opened.code === 'no-history') {
      io.stderr.write(`${dataDirOrigin(dataDirFlag, io)}\n`);
      if (mustExist === 'folder') io.stderr.write('To start a new history there, create the folder first.\n');
    }
    return 1;
  }
  try {
    return await work(core.api, core);
  } finally {
    await core.stop();
  }
}

/**
 * The line for what the core reports as an error: a write the history refused in the background
 * (a full disk) is said in its own words, which say what to do; anything else is a bug, said so.
 */
export function internalErrorLine(error: unknown): string {
  if (error instanceof HistoryWriteFault) return `flowent-companion: ${error.message}\n`;
  return `flowent-companion: internal error: ${String(error)}\n`;
}
