import { MAX_PAGE_SIZE, type CallFilter, type CallSummary, type CompanionApi } from '../contract/api';
import { historyFile } from '../core';
import type { CoreSession } from './open-core';

/** The calls of `filter` stored after `afterId`, oldest first: read newest first, a page at a time, down to it. */
export async function callsAfter(api: CompanionApi, filter: CallFilter, afterId: number): Promise<CallSummary[]> {
  const newestFirst: CallSummary[] = [];
  let beforeId: number | undefined;
  for (;;) {
    const page = await api.listCalls({ ...filter, limit: MAX_PAGE_SIZE, beforeId });
    for (const call of page.calls) {
      if (call.id <= afterId) return newestFirst.reverse();
      newestFirst.push(call);
    }
    if (page.nextBeforeId === null || page.nextBeforeId <= afterId + 1) return newestFirst.reverse();
    beforeId = page.nextBeforeId;
  }
}

export interface Follower {
  /** Prints one call; the next waits for it (a call's details may be read first). */
  print(call: CallSummary): void | Promise<void>;
  /** Says the history was cleared (its calls start again from 1). */
  cleared(): void;
}

/**
 * Prints, oldest first, the calls of `filter` stored after `afterId` by any process (a serve
 * answering Flowent, a send, an import) until `stop` resolves. Each event starts a read of what
 * is newer than the last call printed, so a hundred calls stored at once are printed like one,
 * and the filter is the history's own; reads run one at a time.
 */
export async function followCalls(
  session: CoreSession,
  filter: CallFilter,
  afterId: number,
  follower: Follower,
  stop: Promise<void>,
): Promise<void> {
  /** Every call up to here that the filter matches was printed. */
  let readUpTo = afterId;
  /** The newest call an event named: a read that starts after the event covers it. */
  let newestTold = afterId;
  let reading: Promise<void> | null = null;
  let again = false;
  const catchUp = (): void => {
    if (reading) {
      again = true;
      return;
    }
    reading = (async () => {
      do {
        again = false;
        const covered = newestTold;
        for (const call of await callsAfter(session.api, filter, readUpTo)) {
          await follower.print(call);
          readUpTo = call.id;
        }
        // Calls the filter leaves out are not read again at the next event.
        readUpTo = Math.max(readUpTo, covered);
      } while (again);
    })().finally(() => (reading = null));
  };
  const unsubscribe = session.subscribe((event) => {
    if (event.type === 'history-cleared') {
      readUpTo = 0;
      newestTold = 0;
      follower.cleared();
    }
    if (event.type === 'call-stored') newestTold = Math.max(newestTold, event.call.id);
    if (event.type === 'call-stored' || event.type === 'calls-stored-elsewhere' || event.type === 'history-cleared') catchUp();
  });
  session.follow();
  // Calls stored between the first listing and the subscription above.
  catchUp();
  // The core's timers do not keep a process alive (a one-shot command ends when its work does):
  // this one does, until Ctrl-C.
  const keepAlive = setInterval(() => {}, 60 * 60 * 1000);
  await stop;
  clearInterval(keepAlive);
  unsubscribe();
  await reading;
}

/** How often a follow waiting for its history looks for the file. */
const HISTORY_LOOK_MS = 250;

/**
 * Resolves true once the history in `dataDir` is created (by serve, the app or a command that
 * stores; an empty file is still being created), or false when `stop` resolves first:
 * `calls --follow` may be started before the serve it follows, as in a CI job's steps.
 */
export async function historyAppears(dataDir: string, stop: Promise<void>): Promise<boolean> {
  let stopped = false;
  void stop.then(() => (stopped = true));
  while (historyFile(dataDir).kind !== 'created') {
    await Promise.race([stop, new Promise((resolve) => setTimeout(resolve, HISTORY_LOOK_MS))]);
    if (stopped) return false;
  }
  return true;
}
