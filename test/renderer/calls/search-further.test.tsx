// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { renderApp, rowIds, searchFor } from '../harness/render';
import { useCallsStore } from '../../../renderer/src/history/calls-store';

/** The calls the list holds (the screen draws only the rows in view). */
const listed = () => useCallsStore.getState().calls.length;

// Each query reads 64 calls and stops: as a big history's search of a rare word, which finds a
// few calls in each query's time.
const companion = useCompanion({ core: { queryBudget: { ms: 0, firstWindow: 64 } } });

const HISTORY = 400;

describe('Search further', () => {
  it('reads on, query after query, until it has found a page of calls, and says how far down it searched', async () => {
    const c = companion();
    for (let n = 1; n <= HISTORY; n++) await c.send('send_email', { note: `qx ${n}` });
    const { user } = renderApp(c.bridge);
    await waitFor(() => expect(rowIds()[0]).toBe(String(HISTORY)));

    await searchFor(user, 'qx');
    // The first query found the newest 64 and stopped for time.
    await screen.findByText(`Searched the calls down to #${HISTORY - 63}, newest first.`);
    expect(listed()).toBe(64);

    const queries = c.bridge.callsTo('listCalls').length;
    await user.click(screen.getByRole('button', { name: 'Search further' }));
    // Four more queries of 64 make a page (200) and more: it stops there, not at the oldest call.
    await screen.findByText(`Searched the calls down to #${HISTORY - 64 * 5 + 1}, newest first.`);
    expect(listed()).toBe(64 * 5);
    expect(c.bridge.callsTo('listCalls').length - queries).toBe(4);

    // While it searches, the list says how far down it has got.
    const answer = c.bridge.holdNext('listCalls', 'answer');
    await user.click(screen.getByRole('button', { name: 'Search further' }));
    await screen.findByText(`Searching… down to #${HISTORY - 64 * 5 + 1} so far`);
    answer();
    await waitFor(() => expect(listed()).toBe(HISTORY));
    // The store holds the last page before the screen has drawn it.
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Search further' })).toBeNull());
  });
});
