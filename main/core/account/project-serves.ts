import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import type { ServeSeen } from '../../contract/api';
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
 * a folder of this user's outside every data folder, so that serves on different data folders see
 * each other. Not in the project: `flowent/` is meant for git.
 */
function projectFolder(projectDir: string): string | null {
  let path = resolve(projectDir);
  try {
    path = realpathSync(path);
  } catch {
    // Gone since: its path names it still.
  }
  const key = createHash('sha256').update(path).digest('hex').slice(0, 24);
  // Windows gives each user a temporary folder of their own; elsewhere it is shared, and the user id tells them apart.
  const user = process.getuid?.() ?? userInfo().username;
  const own = join(tmpdir(), `flowent-companion-${user}`);
  return isOwnPrivateFolder(own) ? join(own, 'projects', key) : null;
}

/**
 * The temporary folder is shared: a folder of that name made by another user (or a link in its
 * place) could read or steer what serves write there, so it is used only if it is this user's own
 * real folder that nobody else can open. Made if missing.
 */
function isOwnPrivateFolder(folder: string): boolean {
  try {
    mkdirSync(folder, { mode: 0o700 });
  } catch {
    // There already (checked below), or cannot be made (then lstat fails too).
  }
  try {
    const stats = lstatSync(folder);
    const ownUid = process.getuid?.();
    if (!stats.isDirectory()) return false;
    // Windows has no uid and gives each user a temporary folder of their own.
    return ownUid === undefined || (stats.uid === ownUid && (stats.mode & 0o077) === 0);
  } catch {
    return false;
  }
}

/** Says that this process answers from the project's files; the function returned takes it back. */
export function announceProjectServe(projectDir: string, serve: Omit<ProjectServe, 'pid'>): () => void {
  const folder = projectFolder(projectDir);
  if (folder === null) return () => {};
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
  if (folder === null) return [];
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
