import { describe, expect, it } from 'vitest';
import { backgroundWriteFailure, storeFault } from '../../../main/core/store/store-faults';

/** SQLite's error as better-sqlite3 throws it: a message and a code. */
function sqliteError(code: string, message = 'failed'): Error {
  return Object.assign(new Error(message), { code });
}

describe('a refused write in words', () => {
  it('names each cause as the banner, serve and the log quote it', () => {
    expect(storeFault(sqliteError('SQLITE_FULL'))).toEqual({ code: 'disk-full', reason: 'the disk is full' });
    expect(storeFault(sqliteError('SQLITE_READONLY_DBMOVED'))).toEqual({ code: 'read-only', reason: 'the history is read-only' });
    expect(storeFault(sqliteError('SQLITE_IOERR_WRITE'))).toEqual({
      code: 'io-error',
      reason: 'the disk could not be written (SQLITE_IOERR_WRITE)',
    });
    expect(storeFault(sqliteError('SQLITE_CORRUPT'))).toEqual({
      code: 'store-failed',
      reason: 'the history database refused the write (SQLITE_CORRUPT)',
    });
    // Without a code, the error's own message is the detail.
    expect(storeFault(new Error('no such table: calls')).reason).toBe('the history database refused the write (no such table: calls)');
  });

  it('logs each background write that failed with what it costs meanwhile', () => {
    const full = sqliteError('SQLITE_FULL');
    expect(backgroundWriteFailure('text-index', full)).toBe(
      'Flowent Companion could not add new calls to the search index: the disk is full. ' +
        'Searches still find them (by reading each new call), only slower; free space or fix the data folder.',
    );
    expect(backgroundWriteFailure('retention', full)).toBe(
      "Flowent Companion could not delete the oldest calls past the history's limits: the disk is full. " +
        'The history may grow past them until this is fixed; free space or fix the data folder.',
    );
    expect(backgroundWriteFailure('learned-style', sqliteError('SQLITE_READONLY'))).toBe(
      'Flowent Companion could not save the signing style it learned from the history: the history is read-only. ' +
        'Commands that only read the history count it again each time until this is fixed; free space or fix the data folder.',
    );
  });
});
