/**
 * Calls that cannot be stored are a state of the core, in its status: what failed, since when,
 * how many calls were refused, and when storing worked again. The history is made full for real
 * (SQLITE_FULL from SQLite, its page count capped: see history-page-cap), on any system.
 */
import { describe, expect, it } from 'vitest';
import type { CoreEvent, StorageFault } from '../../../main/contract/api';
import { HistoryWriteFault } from '../../../main/core';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';
import { capHistories } from '../../helpers/history-page-cap';
import { coresClosedAfterEach } from '../../helpers/running-core';

const KEY = 'fault-key';
const FULL = 'Flowent Companion could not store this call: the disk is full. Free space or fix the data folder, then send it again.';

const startCore = coresClosedAfterEach();
const bigCall = (n: number) => signedBody(flowentPayload('disk_test', { n, padding: 'x'.repeat(30_000) }), KEY);

/** The storage fault of each status event, in order. */
const faultsTold = (events: CoreEvent[]): (StorageFault | null)[] =>
  events.flatMap((event) => (event.type === 'status-changed' ? [event.status.storageFault] : []));

describe('a history that cannot take calls', () => {
  it('is a state in the status, counted, with its start and its end told as status events, and no bug report', async () => {
    const internalErrors: unknown[] = [];
    const core = await startCore({ key: KEY, onInternalError: (error) => internalErrors.push(error) });
    expect((await core.post('/actions/disk_test', bigCall(0))).status).toBe(200);
    expect((await core.core.api.getStatus()).storageFault).toBeNull();

    const before = Date.now();
    capHistories(true);
    try {
      for (let n = 1; n <= 5; n++) {
        const answer = await core.post('/actions/disk_test', bigCall(n));
        expect(answer.status).toBe(503);
        expect(answer.json).toEqual({ result: '', error: FULL });
      }
      const lasting = (await core.core.api.getStatus()).storageFault;
      expect(lasting).toEqual({ code: 'disk-full', reason: 'the disk is full', since: expect.any(Number), refused: 5, endedAt: null });
      expect(lasting!.since).toBeGreaterThanOrEqual(before);
      // Its start is told at once, to the page and serve alike.
      expect(faultsTold(core.events).find((fault) => fault !== null)).toMatchObject({ refused: 1, endedAt: null });
      // The count follows within a second, without a status event per refused call.
      await expect.poll(() => faultsTold(core.events).at(-1)?.refused).toBe(5);
      expect(faultsTold(core.events).filter((fault) => fault !== null).length).toBeLessThan(5);
    } finally {
      capHistories(false);
    }

    const after = await core.post('/actions/disk_test', bigCall(6));
    expect(after.status).toBe(200);
    const ended = (await core.core.api.getStatus()).storageFault;
    expect(ended).toMatchObject({ code: 'disk-full', refused: 5, endedAt: expect.any(Number) });
    expect(faultsTold(core.events).at(-1)).toEqual(ended);
    // Only the background work (indexing the calls' text) may say the disk was full, in its own words: never a store failure as a bug.
    expect(internalErrors.filter((error) => !(error instanceof HistoryWriteFault))).toEqual([]);

    // A later fault is a new one: its own start and count.
    capHistories(true);
    try {
      expect((await core.post('/actions/disk_test', bigCall(7))).status).toBe(503);
    } finally {
      capHistories(false);
    }
    const again = (await core.core.api.getStatus()).storageFault;
    expect(again).toMatchObject({ refused: 1, endedAt: null });
    expect(again!.since).toBeGreaterThanOrEqual(ended!.endedAt!);
  });
});
