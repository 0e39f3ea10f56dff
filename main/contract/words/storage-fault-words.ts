/**
 * A stretch of time when Flowent's calls could not be stored (a full disk, say), in words for
 * every front end: serve's lines and the page's banner say the same. `time` writes a moment as
 * the front end shows times (serve: the clock of its call lines; the page: the local clock).
 */
import type { StorageFault, StorageFaultCode } from '../status';
import { counted } from './counted';

/** A refused write's cause as the core found it: the fault, with SQLite's code or the error when they are what is known. */
export type StorageFaultCause =
  { code: 'disk-full' } | { code: 'read-only' } | { code: 'io-error'; sqliteCode: string } | { code: 'store-failed'; detail: string };

/** A fault's cause in words, the `reason` every sentence about it quotes ("the disk is full"). */
export function storageFaultReason(cause: StorageFaultCause): string {
  switch (cause.code) {
    case 'disk-full':
      return 'the disk is full';
    case 'read-only':
      return 'the history is read-only';
    case 'io-error':
      return `the disk could not be written (${cause.sqliteCode})`;
    case 'store-failed':
      return `the history database refused the write (${cause.detail})`;
    default: {
      const unknown: never = cause;
      throw new Error(`unknown storage fault ${JSON.stringify(unknown)}`);
    }
  }
}

/** A write the core does in the background, which a fault can stop: what it could not do, and what that costs meanwhile. */
const BACKGROUND_WRITES = {
  'text-index': ['add new calls to the search index', 'Searches still find them (by reading each new call), only slower'],
  retention: ["delete the oldest calls past the history's limits", 'The history may grow past them until this is fixed'],
  'learned-style': [
    'save the signing style it learned from the history',
    'Commands that only read the history count it again each time until this is fixed',
  ],
} as const;

export type BackgroundWrite = keyof typeof BACKGROUND_WRITES;

/** What is logged when a background write failed (told once until it works again), with the fault's reason. */
export function backgroundWriteFailedWords(write: BackgroundWrite, reason: string): string {
  const [what, meanwhile] = BACKGROUND_WRITES[write];
  return `Flowent Companion could not ${what}: ${reason}. ${meanwhile}; free space or fix the data folder.`;
}

/** What makes storing work again, for each cause. */
const STORAGE_FAULT_ADVICE: Record<StorageFaultCode, (dataDir: string) => string> = {
  'disk-full': (dataDir) => `Free space on the disk holding ${dataDir}`,
  'read-only': (dataDir) => `Make ${dataDir} and the history in it writable again`,
  'io-error': (dataDir) => `Check the disk holding ${dataDir} (the system log may say more)`,
  'store-failed': (dataDir) => `Check the history in ${dataDir}, or restart with another data folder`,
};

/** Flowent's side of a refused call: what the user must know to judge what was lost. */
const REFUSED_MEANS = 'Flowent got 503 for each (it may send them again); they are not in the history.';

/**
 * What the caller of a call that could not be stored reads in its 503's `error`: the call, one
 * at a time, where the words below tell the user of the whole stretch of them.
 */
export function callNotStoredWords(fault: Pick<StorageFault, 'reason'>): string {
  return `Flowent Companion could not store this call: ${fault.reason}. Free space or fix the data folder, then send it again.`;
}

/**
 * The fault while it lasts: what and since when, how many refused, what to do. `refused` is apart
 * as it changes while the rest stays: the page reads the rest out once, not at each count.
 */
export function storageFaultWords(
  fault: StorageFault,
  dataDir: string,
  time: (ms: number) => string,
): { what: string; refused: string; todo: string } {
  return {
    what: `Calls cannot be stored: ${fault.reason}, since ${time(fault.since)}.`,
    refused: `${counted(fault.refused, 'call')} refused so far: ${REFUSED_MEANS}`,
    todo: `${STORAGE_FAULT_ADVICE[fault.code](dataDir)}: the next call is stored again by itself.`,
  };
}

/** How many more calls were refused since the count was last said, with the fault's cause. */
export function storageFaultCountWords(fault: StorageFault, more: number, time: (ms: number) => string): string {
  return (
    `${counted(more, 'more call')} refused (${counted(fault.refused, 'call')} since ${time(fault.since)}): ` +
    `calls still cannot be stored, ${fault.reason}.`
  );
}

/** The fault once a call was stored again: how long it lasted and what it cost. */
export function storageFaultEndedWords(fault: StorageFault, time: (ms: number) => string): string {
  return (
    `Calls are stored again since ${time(fault.endedAt ?? fault.since)}. ` +
    `${counted(fault.refused, 'call was', 'calls were')} refused from ${time(fault.since)} (${fault.reason}): ${REFUSED_MEANS}`
  );
}
