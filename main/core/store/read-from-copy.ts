import { accessSync, constants, copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

/**
 * Whether a history that SQLite could not open to read (`error`) is one this user may read but
 * not write beside: a read-only disk, a backup, a folder of another user. SQLite reads a WAL
 * history only through a -shm file it makes beside it, so it cannot read such a one in place.
 */
export function readableButNotBeside(file: string, error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !(code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY'))) return false;
  try {
    accessSync(file, constants.R_OK);
  } catch {
    return false;
  }
  try {
    accessSync(dirname(file), constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

/** A private copy of a history, and what removes it. */
export interface HistoryCopy {
  file: string;
  remove(): void;
}

/**
 * Copies the history and its WAL, when there is one (calls not yet moved into the main file),
 * into a private folder of this user's, where SQLite can read it (and bring it up to this
 * version's schema) as it reads any history. Removed when the store closes, and at the latest
 * when the process exits.
 */
export function copyToRead(file: string): HistoryCopy {
  // mkdtemp makes the folder 0700: the copy is as private as the history (its calls, its settings).
  const folder = mkdtempSync(join(tmpdir(), 'flowent-companion-read-'));
  const copy = join(folder, basename(file));
  const remove = () => {
    process.off('exit', remove);
    rmSync(folder, { recursive: true, force: true });
  };
  process.on('exit', remove);
  try {
    copyFileSync(file, copy);
    if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
  } catch (error) {
    remove();
    throw error;
  }
  return { file: copy, remove };
}
