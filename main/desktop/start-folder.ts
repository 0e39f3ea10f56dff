import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
// The core's parts it needs, not its index (which loads SQLite and the tunnel): this file runs
// alone then, as its tests run it, bundled, as another user.
import { APP_FOLDER_NAME, DATA_DIR_VARIABLE_EMPTY, resolveDataDir } from '../core/paths';
import { dataDirRefusal, secureDataFolder, type DataDirRefusal } from '../core/data-folder';
import { inDesktopWords } from './desktop-words';

/** Chromium's profile inside the data folder: its files, and the single-instance lock. */
export const DESKTOP_PROFILE_FOLDER = 'desktop-profile';

export interface StartFolderInput {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  home: string;
  /** Where the app was started: a relative FLOWENT_COMPANION_DATA_DIR is taken from there, as the commands take it. */
  cwd: string;
  /** Electron's application-data folder: the default data folder is the app's folder in it. */
  appData: string;
}

export type StartFolders = { ok: true; dataDir: string; profileDir: string } | { ok: false; message: string };

/**
 * The data folder the app starts on, made and checked before anything is put in it: the same
 * folder the commands would use (an empty variable refused in their words), and the profile
 * folder inside it, so that a folder this user cannot write is said so, in the words the core
 * uses for it, rather than ending in a refused lock and a silent quit.
 */
export function settleDataFolder(input: StartFolderInput): StartFolders {
  const resolved = resolveDataDir({ ...input, defaultDir: join(input.appData, APP_FOLDER_NAME) });
  if (!resolved.ok) return { ok: false, message: DATA_DIR_VARIABLE_EMPTY };
  const dataDir = resolved.value;
  const profileDir = join(dataDir, DESKTOP_PROFILE_FOLDER);
  const refusal = dataFolderRefusal(dataDir) ?? profileRefusal(dataDir, profileDir);
  return refusal === null ? { ok: true, dataDir, profileDir } : { ok: false, message: inDesktopWords(refusal) };
}

/** Why the data folder cannot be made private, or made at all. */
function dataFolderRefusal(dataDir: string): DataDirRefusal | null {
  try {
    secureDataFolder(dataDir);
    return null;
  } catch (error) {
    return dataDirRefusal(dataDir, errorCode(error));
  }
}

/**
 * Why the profile folder cannot be made or used, naming the folder at fault: the data folder
 * when the profile cannot be made in it (this user may not write there); the profile folder
 * when what is there is a file, or a folder this user may not use (another user's, left by the
 * app once run with sudo), though the data folder around it is this user's to write.
 */
function profileRefusal(dataDir: string, profileDir: string): DataDirRefusal | null {
  try {
    mkdirSync(profileDir, { mode: 0o700 });
    return null;
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') return dataDirRefusal(dataDir, errorCode(error));
  }
  try {
    // EEXIST: dataDirRefusal tells a file from a folder by what is at the path.
    if (!statSync(profileDir).isDirectory()) return dataDirRefusal(profileDir, 'EEXIST');
    accessSync(profileDir, constants.R_OK | constants.W_OK | constants.X_OK);
    return null;
  } catch (error) {
    return dataDirRefusal(profileDir, errorCode(error));
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'unknown';
}
