import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ServeSeen } from '../../contract/api';
import { APP_FOLDER_NAME, userStateFolder } from '../paths';
import { isProcessAlive } from '../process-alive';

/** A serve (or the desktop app) answering from a project's files, on whichever data folder. */
export interface ProjectServe {
  pid: number;
  /** Which companion: `serve` (headless) or the desktop app. */
  mode: ServeSeen['mode'];
  dataDir: string;
  webhookBaseUrl: string;
}

/**
 * Where the serves answering from a project say so: a folder per project (named by its path), in
 * this user's state folder, outside every data folder, so that serves on different data folders
 * see each other. Not in the project: `flowent/` is meant for git.
 */
function projectFolder(projectDir: string): string {
  let path = resolve(projectDir);
  try {
    path = realpathSync(path);
  } catch {
    // Gone since: its path names it still.
  }
  const key = createHash('sha256').update(path).digest('hex').slice(0, 24);
  const state = userStateFolder({ env: process.env, platform: process.platform, home: homedir() });
  return join(state, APP_FOLDER_NAME, 'project-serves', key);
}

/** Says that this process answers from the project's files; the function returned takes it back. */
export function announceProjectServe(projectDir: string, serve: Omit<ProjectServe, 'pid'>): () => void {
  const folder = projectFolder(projectDir);
  const file = join(folder, `${process.pid}.json`);
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    writeFileSync(file, JSON.stringify({ ...serve, pid: process.pid }), { mode: 0o600 });
  } catch {
    // Only a note at another serve's start depends on it: serving goes on without.
    return () => {};
  }
  return () => rmSync(file, { force: true });
}

/** The other running serves answering from the project's files, whatever their data folder; a dead one's file is removed. */
export function otherProjectServes(projectDir: string): ProjectServe[] {
  const folder = projectFolder(projectDir);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const running: ProjectServe[] = [];
  for (const name of names.filter((entry) => entry.endsWith('.json'))) {
    let serve: ProjectServe;
    try {
      serve = JSON.parse(readFileSync(join(folder, name), 'utf8')) as ProjectServe;
    } catch {
      continue;
    }
    if (serve.pid === process.pid) continue;
    if (isProcessAlive(serve.pid)) running.push(serve);
    else rmSync(join(folder, name), { force: true });
  }
  return running;
}
