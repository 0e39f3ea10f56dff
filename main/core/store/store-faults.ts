import { accessSync, constants, statfsSync } from 'node:fs';
import { dirname } from 'node:path';

/** Why the history could not take a write, in words a user can act on. */
export type StoreFault =
  | { code: 'disk-full'; reason: 'the disk is full' }
  | { code: 'read-only'; reason: 'the history is read-only' }
  | { code: 'io-error'; reason: string }
  | { code: 'store-failed'; reason: string };

const sqliteCode = (error: unknown): string => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
};

/**
 * Classifies a failed write. SQLite reports some faults only as an I/O error (a write on a
 * file system remounted read-only is SQLITE_IOERR_WRITE), so {@link refineStoreError} looks
 * at the folder first and this reads the code it settled on.
 */
export function storeFault(error: unknown): StoreFault {
  const code = sqliteCode(error);
  if (code.startsWith('SQLITE_FULL')) return { code: 'disk-full', reason: 'the disk is full' };
  if (code.startsWith('SQLITE_READONLY')) return { code: 'read-only', reason: 'the history is read-only' };
  if (code.startsWith('SQLITE_IOERR')) return { code: 'io-error', reason: `the disk could not be written (${code})` };
  const detail = error instanceof Error ? error.message : String(error);
  return { code: 'store-failed', reason: `the history database refused the write (${code || detail})` };
}

/**
 * Turns an I/O error into the fault behind it when the data folder shows it: a read-only
 * file system, or no space left. Other errors come back unchanged.
 */
export function refineStoreError(error: unknown, file: string): unknown {
  const code = sqliteCode(error);
  if (!code.startsWith('SQLITE_IOERR') && !code.startsWith('SQLITE_CANTOPEN')) return error;
  const folder = dirname(file);
  let refined: string | null = null;
  try {
    accessSync(folder, constants.W_OK);
  } catch (accessError) {
    const errno = (accessError as NodeJS.ErrnoException).code;
    if (errno === 'EROFS' || errno === 'EACCES' || errno === 'EPERM') refined = 'SQLITE_READONLY';
  }
  if (refined === null) {
    try {
      const fs = statfsSync(folder);
      if (fs.bavail === 0) refined = 'SQLITE_FULL';
    } catch {
      // Nothing more to learn; keep the I/O error.
    }
  }
  if (refined === null) return error;
  const message = error instanceof Error ? error.message : String(error);
  return Object.assign(
    new Error(`${message} (${code}; ${refined === 'SQLITE_FULL' ? 'no space left' : 'read-only file system'})`, { cause: error }),
    { code: refined },
  );
}

/**
 * A write the history refused in the background (indexing, deleting past the limits): a fault of
 * the disk or the folder, said in words with what to do, not a bug of the companion.
 */
export class HistoryWriteFault extends Error {}

/** What is logged when the idle-time text indexing fails (told once until it works again). */
export function textIndexFailure(error: unknown): string {
  return (
    `Flowent Companion could not add new calls to the search index: ${storeFault(error).reason}. ` +
    'Searches still find them (by reading each new call), only slower; free space or fix the data folder.'
  );
}

/** What is logged when calls past the history's limits could not be deleted (once per stretch of failures). */
export function retentionFailure(error: unknown): string {
  return (
    `Flowent Companion could not delete the oldest calls past the history's limits: ${storeFault(error).reason}. ` +
    'The history may grow past them until this is fixed; free space or fix the data folder.'
  );
}

/** What is logged when the learned signing style, counted again as a writer opened the history, could not be saved. */
export function learnedStyleFailure(error: unknown): string {
  return (
    `Flowent Companion could not save the signing style it learned from the history: ${storeFault(error).reason}. ` +
    'Commands that only read the history count it again each time until this is fixed; free space or fix the data folder.'
  );
}
