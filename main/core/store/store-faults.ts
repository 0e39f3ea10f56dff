import { accessSync, constants, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { StorageFaultCode } from '../../contract/status';
import {
  backgroundWriteFailedWords,
  storageFaultReason,
  type BackgroundWrite,
  type StorageFaultCause,
} from '../../contract/words/storage-fault-words';

/** Why the history could not take a write, with the reason in words a user can act on. */
export interface StoreFault {
  code: StorageFaultCode;
  reason: string;
}

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
  const cause = storeFaultCause(error);
  return { code: cause.code, reason: storageFaultReason(cause) };
}

function storeFaultCause(error: unknown): StorageFaultCause {
  const code = sqliteCode(error);
  if (code.startsWith('SQLITE_FULL')) return { code: 'disk-full' };
  if (code.startsWith('SQLITE_READONLY')) return { code: 'read-only' };
  if (code.startsWith('SQLITE_IOERR')) return { code: 'io-error', sqliteCode: code };
  return { code: 'store-failed', detail: code || (error instanceof Error ? error.message : String(error)) };
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

/**
 * What is logged when a background write failed (the idle-time text indexing, deleting calls
 * past the history's limits, saving the learned signing style): told once until it works again.
 */
export function backgroundWriteFailure(write: BackgroundWrite, error: unknown): string {
  return backgroundWriteFailedWords(write, storeFault(error).reason);
}
