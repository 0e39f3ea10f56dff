import { join } from 'node:path';

/** The folder name under the OS's application-data folder; matches Electron's `userData`. */
export const APP_FOLDER_NAME = 'flowent-companion';

export const DATA_DIR_ENV = 'FLOWENT_COMPANION_DATA_DIR';

export interface DataDirInput {
  /** `--data-dir` from the command line, if given. */
  flag?: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  home: string;
}

/**
 * Where history is kept: `--data-dir`, then `FLOWENT_COMPANION_DATA_DIR`, then the same
 * folder Electron's `app.getPath('userData')` gives the desktop app, so the desktop app and
 * the headless command share one history.
 */
export function resolveDataDir(input: DataDirInput): string {
  if (input.flag) return input.flag;
  const fromEnv = input.env[DATA_DIR_ENV];
  if (fromEnv) return fromEnv;
  return join(appDataFolder(input), APP_FOLDER_NAME);
}

function appDataFolder({ env, platform, home }: DataDirInput): string {
  switch (platform) {
    case 'win32':
      return env.APPDATA || join(home, 'AppData', 'Roaming');
    case 'darwin':
      return join(home, 'Library', 'Application Support');
    default:
      return env.XDG_CONFIG_HOME || join(home, '.config');
  }
}
