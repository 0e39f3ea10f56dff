import { createRequire } from 'node:module';
import { resolve } from 'node:path';

/** The preload that caps a process's histories (see the file): for `node -r` in a spawned command. */
export const HISTORY_PAGE_CAP = resolve(__dirname, 'history-page-cap.cjs');

/**
 * Makes the histories this process has open for writing full (a real SQLITE_FULL at their next
 * new page), or lets them grow again: a full disk on any system, as any user.
 */
export const capHistories = (createRequire(__filename)(HISTORY_PAGE_CAP) as { capHistories: (full: boolean) => void }).capHistories;
