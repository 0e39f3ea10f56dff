import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_FILES } from '../data-folder';

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
    if (isRunning(state.pid)) running.push(state);
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
  return complete ? state : null;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive but another user's; anything else means it is gone.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
