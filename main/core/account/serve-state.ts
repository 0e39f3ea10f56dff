import { mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DATA_FILES } from '../data-folder';
import { isProcessAlive } from '../process-alive';

/**
 * Written by each running `serve` so `actions register --here`, `inspector rotate-token`, `send`
 * and `replay` know the companion's URLs. Any number of serves may share a data folder, so each
 * keeps its own file, named by its process id: one that stops removes its own, never another's.
 */

export interface ServeState {
  pid: number;
  /** The webhook server, e.g. http://127.0.0.1:8787. */
  webhookBaseUrl: string;
  /** The tunnel's public URL while it is online. */
  publicUrl: string | null;
  /** The browser inspector's port, when it runs (its URL needs the token besides). */
  inspectorPort: number | null;
  /** Its mark on calls sent to its webhook by this companion's own commands (`send`, `replay`), so it does not store them as Flowent's. */
  loopToken: string;
  /**
   * The project folder (`flowent/`, absolute) whose answer files this serve answers from; null
   * when it answers from the history folder's. Two serves on one data folder may answer from
   * two projects: `here`, in a project, means the one answering from it.
   */
  projectDir: string | null;
  /** When this serve started: the newest is the one a command names when it needs one. */
  startedAt: number;
  updatedAt: number;
}

const statesFolder = (dataDir: string) => join(dataDir, DATA_FILES.serveStates);
const stateFile = (dataDir: string, pid: number) => join(statesFolder(dataDir), `${pid}.json`);

/**
 * For serve to call: at start, on every tunnel status change, and with null at stop. Written
 * atomically (temp file, then rename), private like every file of the data folder.
 */
export function writeServeState(dataDir: string, state: Omit<ServeState, 'updatedAt'> | null, pid = process.pid): void {
  const file = stateFile(dataDir, pid);
  if (state === null) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(statesFolder(dataDir), { recursive: true, mode: 0o700 });
  const temp = `${file}.tmp`;
  writeFileSync(temp, JSON.stringify({ ...state, updatedAt: Date.now() }, null, 2), { mode: 0o600 });
  renameSync(temp, file);
}

/**
 * Every serve running on this data folder, the newest first. The file of a serve that is gone
 * (killed before it could remove it) is removed here.
 */
export function runningServes(dataDir: string): ServeState[] {
  let names: string[];
  try {
    names = readdirSync(statesFolder(dataDir));
  } catch {
    return [];
  }
  const running: ServeState[] = [];
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    const state = readState(join(statesFolder(dataDir), name));
    if (state === null) continue;
    if (isProcessAlive(state.pid)) running.push(state);
    else rmSync(join(statesFolder(dataDir), name), { force: true });
  }
  return running.sort((a, b) => b.startedAt - a.startedAt);
}

/**
 * The serve a command names when it needs one: one with a public URL first (what Flowent can
 * reach), else the newest; null when none runs.
 */
export function readServeState(dataDir: string): ServeState | null {
  const running = runningServes(dataDir);
  return running.find((state) => state.publicUrl !== null) ?? running[0] ?? null;
}

/** What `webhook_url: here` (or `--here`) means for a command: a serve's base URL, or why there is none to name. */
export type HereServe =
  | { ok: true; serve: ServeState }
  /** No serve answers from the project's files; `others` are the serves on the folder that answer from elsewhere. */
  | { ok: false; code: 'none'; others: ServeState[] }
  /** Several serves answer from the project's files: which one Flowent should call is not guessed. */
  | { ok: false; code: 'several'; serves: ServeState[] };

/**
 * The serve `here` means. Run in a project (`projectDir`), only a serve answering from that
 * project's files will do: another serve on the same data folder answers from another
 * project's files (or the history folder's), so pointing Flowent at it would test the wrong
 * answers. Outside a project, the serve readServeState names.
 */
export function serveForHere(dataDir: string, projectDir: string | null): HereServe {
  if (projectDir === null) {
    const state = readServeState(dataDir);
    return state ? { ok: true, serve: state } : { ok: false, code: 'none', others: [] };
  }
  const running = runningServes(dataDir);
  const fitting = running.filter((state) => state.projectDir !== null && samePath(state.projectDir, projectDir));
  const [only, ...more] = fitting;
  if (only && more.length === 0) return { ok: true, serve: only };
  if (only) return { ok: false, code: 'several', serves: fitting };
  return { ok: false, code: 'none', others: running };
}

/** The same folder, however it was spelled (a symlink, /tmp against /private/tmp). */
export function samePath(a: string, b: string): boolean {
  return realPath(a) === realPath(b);
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

function readState(file: string): ServeState | null {
  let state: ServeState;
  try {
    state = JSON.parse(readFileSync(file, 'utf8')) as ServeState;
  } catch {
    return null;
  }
  const complete =
    typeof state.pid === 'number' &&
    typeof state.webhookBaseUrl === 'string' &&
    typeof state.loopToken === 'string' &&
    typeof state.startedAt === 'number';
  // A file written before serves recorded their project answers from the history folder's.
  return complete ? { ...state, projectDir: typeof state.projectDir === 'string' ? state.projectDir : null } : null;
}
