// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { waitFor } from '@testing-library/react';
import { MOST_TOLD_ONE_BY_ONE } from '../../../main/core/store/calls-from-other-processes';
import type { Store } from '../../../main/core/store/open-store';
import { useMetaStore } from '../../../renderer/src/page/stores';
import { useCallsStore } from '../../../renderer/src/history/calls-store';
import { benchCall } from '../../bench/fill-history';
import { storesClosedAfterEach } from '../../helpers/stores-closed-after-each';
import { useCompanion, type Companion } from '../harness/companion';
import { renderApp, rowIds } from '../harness/render';

// Another process (an `import` in a terminal) stores calls in the history an open page shows.
// The core tells them one by one, or as one count (the page reads its first page again) when a
// look finds more than MOST_TOLD_ONE_BY_ONE: how an import is cut depends on how fast the two
// processes run. Imported calls keep the times of their file, older than the calls shown; the
// page must show the same list however they were cut, the list a page opened then shows.
const companion = useCompanion();
// Registered after the companion: its stores are closed before the companion's folder goes.
const stores = storesClosedAfterEach();

/** Another process's connection to the page's history. */
function elsewhere(c: Companion) {
  const store: Store = stores.open(c.dataDir);
  const minuteAgo = Date.now() - 60_000;
  let n = 0;
  /** Stores `count` calls in one transaction, with times a minute old (an import's slice). */
  return (count: number) => store.calls.insert(Array.from({ length: count }, () => benchCall(n, minuteAgo + n++)));
}

/** Waits until the page has been told of every call stored so far (its counts hold them). */
const counted = (total: number) => waitFor(() => expect(useMetaStore.getState().stats?.total).toBe(total));

/** The newest ids of the history, as a page opened now lists them: newest received first. */
async function firstPageNow(c: Companion): Promise<string[]> {
  const page = await c.api.listCalls({ limit: 200 });
  return [...page.calls].sort((a, b) => b.receivedAt - a.receivedAt || b.id - a.id).map((call) => String(call.id));
}

describe('calls another process imports', () => {
  it('told one by one, they are listed as a page opened afterwards lists them', async () => {
    const c = companion();
    await c.send('weather');
    renderApp(c.bridge);
    await waitFor(() => expect(rowIds()).toEqual(['1']));
    const store = elsewhere(c);

    // One slice a look, each told one by one: a busy machine's import of 200.
    store(MOST_TOLD_ONE_BY_ONE);
    await counted(1 + MOST_TOLD_ONE_BY_ONE);
    // Still all on one page: merged where they arrived, below the call of a moment ago.
    expect(useCallsStore.getState().calls[0]?.id).toBe(1);
    expect(useCallsStore.getState().calls).toHaveLength(1 + MOST_TOLD_ONE_BY_ONE);
    expect(c.bridge.callsTo('listCalls')).toHaveLength(1);

    store(MOST_TOLD_ONE_BY_ONE);
    await counted(1 + 2 * MOST_TOLD_ONE_BY_ONE);
    // A page opened now lists the 200 imported calls, and not the call they went below.
    const opened = await firstPageNow(c);
    expect(opened[0]).toBe(String(1 + 2 * MOST_TOLD_ONE_BY_ONE));
    expect(opened).not.toContain('1');
    await waitFor(() => expect(useCallsStore.getState().calls.map((call) => String(call.id))).toEqual(opened));
    expect(rowIds()[0]).toBe(opened[0]);
  });

  it('told one by one while the list is read again for a count, they are listed as a page opened afterwards lists them', async () => {
    const c = companion();
    await c.send('weather');
    renderApp(c.bridge);
    await waitFor(() => expect(rowIds()).toEqual(['1']));
    const store = elsewhere(c);

    // A first slice of more than can be told one by one: the page reads its first page again,
    // and that page (151 calls, the one of a moment ago on top) waits on its way...
    const release = c.bridge.holdNext('listCalls', 'answer');
    store(MOST_TOLD_ONE_BY_ONE + 50);
    await waitFor(() => expect(c.bridge.callsTo('listCalls')).toHaveLength(2));
    // ...while the next slice is told one by one.
    store(MOST_TOLD_ONE_BY_ONE);
    await counted(1 + 2 * MOST_TOLD_ONE_BY_ONE + 50);
    release();

    const opened = await firstPageNow(c);
    expect(opened).not.toContain('1');
    await waitFor(() => expect(useCallsStore.getState().calls.map((call) => String(call.id))).toEqual(opened));
    expect(rowIds()[0]).toBe(opened[0]);
  });

  it('calls stored elsewhere as they arrive (a send) are merged on top, with no reading again', async () => {
    const c = companion();
    await c.send('weather');
    renderApp(c.bridge);
    await waitFor(() => expect(rowIds()).toEqual(['1']));
    const store = stores.open(c.dataDir);
    for (let round = 0; round < 3; round++) {
      const now = Date.now();
      store.calls.insert(Array.from({ length: MOST_TOLD_ONE_BY_ONE }, (_, i) => benchCall(i, now + i)));
      await counted(1 + (round + 1) * MOST_TOLD_ONE_BY_ONE);
    }
    const ids = useCallsStore.getState().calls.map((call) => call.id);
    expect(ids.slice(0, 3)).toEqual([301, 300, 299]);
    expect(ids).toHaveLength(301);
    expect(c.bridge.callsTo('listCalls')).toHaveLength(1);
  });
});
