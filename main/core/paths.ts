import { isAbsolute, join, resolve } from 'node:path';
import type { Result } from '../contract/result';

/** The folder name under the OS's application-data folder; matches Electron's `userData`. */
export const APP_FOLDER_NAME = 'flowent-companion';

export const DATA_DIR_ENV = 'FLOWENT_COMPANION_DATA_DIR';

export interface DataDirInput {
  /** `--data-dir` from the command line, if given. */
  flag?: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  home: string;
  /** The folder the command or the app was started in: a relative folder is taken from there. */
  cwd: string;
  /** The default folder, when the caller knows it better (the desktop app asks Electron). */
  defaultDir?: string;
}

/** FLOWENT_COMPANION_DATA_DIR is set but empty (`FLOWENT_COMPANION_DATA_DIR="$DIR"` with no DIR). */
export interface DataDirVariableEmpty {
  code: 'data-dir-variable-empty';
}

/** The command and the app refuse an empty FLOWENT_COMPANION_DATA_DIR in these words. */
export const DATA_DIR_VARIABLE_EMPTY = `${DATA_DIR_ENV} is set but empty: set it to a folder, or unset it to use the default one.`;

/**
 * Where history is kept, as an absolute path: `--data-dir`, then `FLOWENT_COMPANION_DATA_DIR`,
 * then the same folder Electron's `app.getPath('userData')` gives the desktop app, so the
 * desktop app and the headless command share one history. A relative folder is taken from
 * where the command or the app was started, once, so the path it shows is the one it uses. An
 * empty variable is refused: taken as unset, it would quietly open the default folder, the
 * app's own history, when the user meant another.
 */
export function resolveDataDir(input: DataDirInput): Result<string, DataDirVariableEmpty> {
  if (input.flag) return { ok: true, value: resolve(input.cwd, input.flag) };
  const fromEnv = input.env[DATA_DIR_ENV];
  if (fromEnv === '') return { ok: false, code: 'data-dir-variable-empty' };
  if (fromEnv !== undefined) return { ok: true, value: resolve(input.cwd, fromEnv) };
  return { ok: true, value: input.defaultDir ?? defaultDataDir(input) };
}

/**
 * The folder history is kept in when neither `--data-dir` nor FLOWENT_COMPANION_DATA_DIR names
 * one: the one a command opens when given none, and the desktop app's.
 */
export function defaultDataDir(input: Pick<DataDirInput, 'env' | 'platform' | 'home'>): string {
  return join(appDataFolder(input), APP_FOLDER_NAME);
}

function appDataFolder({ env, platform, home }: Pick<DataDirInput, 'env' | 'platform' | 'home'>): string {
  switch (platform) {
    case 'win32':
      return env.APPDATA || join(home, 'AppData', 'Roaming');
    case 'darwin':
      return join(home, 'Library', 'Application Support');
    default:
      return env.XDG_CONFIG_HOME || join(home, '.config');
  }
}

/**
 * The user's own folder for what the companion keeps between runs that is neither history nor
 * settings (which serves answer from which project): `$XDG_STATE_HOME`, else `~/.local/state`
 * (Linux; a relative `XDG_STATE_HOME` is ignored, as the XDG spec says), `~/Library/Application
 * Support` (macOS), `%LOCALAPPDATA%` (Windows). In the user's home, unlike the temporary folder,
 * which other users share.
 */
export function userStateFolder({ env, platform, home }: Pick<DataDirInput, 'env' | 'platform' | 'home'>): string {
  switch (platform) {
    case 'win32':
      return env.LOCALAPPDATA || join(home, 'AppData', 'Local');
    case 'darwin':
      return join(home, 'Library', 'Application Support');
    default:
      return env.XDG_STATE_HOME && isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : join(home, '.local', 'state');
  }
}
