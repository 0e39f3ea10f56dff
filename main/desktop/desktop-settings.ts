import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DATA_FILES, PRIVATE_FILE } from '../core/data-folder';

export interface WindowBounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** The window's normal (not maximized) bounds. */
  bounds: WindowBounds;
  maximized: boolean;
}

/** The desktop shell's own settings: nothing secret (secrets live in secrets.json, encrypted). */
export interface DesktopSettings {
  /** Desktop notifications for failed calls; off until the user turns them on. */
  notifyOnFailures: boolean;
  window: WindowState | null;
  /** The person was told, once ever, that closing the window leaves the companion running in the tray. */
  toldKeepsRunning: boolean;
}

export const DEFAULT_DESKTOP_SETTINGS: DesktopSettings = { notifyOnFailures: false, window: null, toldKeepsRunning: false };

export interface DesktopSettingsStore {
  readonly file: string;
  get(): DesktopSettings;
  /** Merges and writes at once; a failed write is reported through `warn`, never thrown. */
  update(change: Partial<DesktopSettings>): void;
}

const isInt = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);

function parseWindowState(value: unknown): WindowState | null {
  if (typeof value !== 'object' || value === null) return null;
  const { bounds, maximized } = value as { bounds?: unknown; maximized?: unknown };
  if (typeof bounds !== 'object' || bounds === null) return null;
  const { x, y, width, height } = bounds as Record<string, unknown>;
  if (!isInt(x) || !isInt(y) || !isInt(width) || !isInt(height) || width <= 0 || height <= 0) return null;
  return { bounds: { x, y, width, height }, maximized: maximized === true };
}

/** Reads the file's text; anything missing or malformed falls back to the default, field by field. */
export function parseDesktopSettings(text: string): DesktopSettings {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ...DEFAULT_DESKTOP_SETTINGS };
  }
  if (typeof parsed !== 'object' || parsed === null) return { ...DEFAULT_DESKTOP_SETTINGS };
  const fields = parsed as Record<string, unknown>;
  return {
    notifyOnFailures: fields.notifyOnFailures === true,
    window: parseWindowState(fields.window),
    toldKeepsRunning: fields.toldKeepsRunning === true,
  };
}

/** `<dataDir>/desktop-settings.json`, read once, written whole and atomically on each change. */
export function createDesktopSettingsStore(dataDir: string, warn: (message: string) => void = console.warn): DesktopSettingsStore {
  const file = join(dataDir, DATA_FILES.desktopSettings);
  let current: DesktopSettings;
  try {
    current = parseDesktopSettings(readFileSync(file, 'utf8'));
  } catch {
    current = { ...DEFAULT_DESKTOP_SETTINGS };
  }

  function write(): void {
    const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      writeFileSync(temp, JSON.stringify({ version: 1, ...current }, null, 2) + '\n', { flag: 'wx', mode: PRIVATE_FILE });
      renameSync(temp, file);
    } catch (error) {
      try {
        rmSync(temp, { force: true });
      } catch {
        // the folder itself is unusable: the warning below says why
      }
      warn(`Could not save ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  return {
    file,
    get: () => current,
    update(change) {
      current = { ...current, ...change };
      write();
    },
  };
}
