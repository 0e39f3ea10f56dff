import { flowentPayload, signedBody } from './flowent-signer';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

/** The preload that caps a process's histories (see the file): for `node -r` in a spawned command. */
export const HISTORY_PAGE_CAP = resolve(__dirname, 'history-page-cap.cjs');

/**
 * Makes the histories this process has open for writing full (a real SQLITE_FULL at their next
 * new page), or lets them grow again: a full disk on any system, as any user.
 */
export const capHistories = (createRequire(__filename)(HISTORY_PAGE_CAP) as { capHistories: (full: boolean) => void }).capHistories;

/** Sends a signed call of some 30 KB (pages of history each) and gives its status: 503 once the history is full. */
export async function postPageFillingCall(baseUrl: string, n: number, key: string): Promise<number> {
  const response = await fetch(`${baseUrl}/actions/disk_test`, {
    method: 'POST',
    body: signedBody(flowentPayload('disk_test', { n, padding: 'x'.repeat(30_000) }), key),
    headers: { 'content-type': 'application/json' },
  });
  await response.text();
  return response.status;
}
