// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { useCompanion, type Companion } from '../harness/companion';
import { renderApp, rowIds, searchFor } from '../harness/render';

// A budget that reads four calls a query makes this small history behave as a big one does
// under the default budget: a search stops before it has looked everywhere, and a count goes
// in steps. The page must say how far it looked, never show a partial count as exact, and go
// on when asked.
const companion = useCompanion({ core: { queryBudget: { ms: 0, firstWindow: 4 } } });

const HISTORY = 12;

/** Calls 1..12; only the two oldest carry "qx" (a two-letter search reads bodies, window by window). */
async function seed(c: Companion): Promise<void> {
  for (let n = 1; n <= HISTORY; n++) await c.send('send_email', n <= 2 ? { note: `qx ${n}` } : { note: `plain ${n}` });
}

describe('a search that stops for time', () => {
  it('says how far it searched, goes further when asked, and counts in steps to the exact figure', async () => {
    const c = companion();
    await seed(c);
    const { user } = renderApp(c.bridge);
    await waitFor(() => expect(rowIds()[0]).toBe(String(HISTORY)));

    await searchFor(user, 'qx');
    const notYet = await screen.findByRole('region', { name: 'No matching calls yet' });
    expect(notYet.textContent).toContain('Searched the calls down to #9, newest first. None of them matches the filters and search above.');

    // One press reads on, four calls a query, newest first, until the two matches come in.
    const queries = c.bridge.callsTo('listCalls').length;
    await user.click(await screen.findByRole('button', { name: 'Search further' }));
    await waitFor(() => expect(rowIds()).toEqual(['2', '1']));
    expect(c.bridge.callsTo('listCalls').length - queries).toBe(2);

    // The count went on by itself, one budgeted step after another, to the exact figure.
    await waitFor(() => expect(screen.getByTestId('search-count').textContent).toBe(`2 of ${HISTORY} calls contain “qx”`));
    const steps = c.bridge.callsTo('getStats').filter(([query]) => (query as { text?: string } | undefined)?.text === 'qx');
    expect(steps.length).toBeGreaterThan(1);
    expect(steps.slice(1).every(([query]) => typeof (query as { beforeId?: number }).beforeId === 'number')).toBe(true);
    // With no action chosen, one count feeds the header and the filter bar's action list.
    expect(steps.every(([query]) => (query as { perAction?: boolean }).perAction === true)).toBe(true);
    expect(screen.getByRole('option', { name: 'send_email (2)' })).toBeTruthy();
    expect(within(document.body).queryByRole('region', { name: 'No matching calls yet' })).toBeNull();
  });
});

describe('a press of Search further', () => {
  it('asks 25 queries at most when it finds nothing, and says how far down they searched', async () => {
    const c = companion();
    for (let n = 1; n <= 120; n++) await c.send('send_email', { note: `plain ${n}` });
    const { user } = renderApp(c.bridge);
    await waitFor(() => expect(rowIds()[0]).toBe('120'));
    await searchFor(user, 'qx');
    await screen.findByText('Searched the calls down to #117, newest first.', { exact: false });

    const queries = c.bridge.callsTo('listCalls').length;
    // Pressed with the keyboard: the button goes while it searches, and comes back as a new one.
    screen.getByRole('button', { name: 'Search further' }).focus();
    await user.keyboard('{Enter}');
    // Four calls a query: 25 queries read #116 down to #17, and the press stops there.
    await screen.findByText('Searched the calls down to #17, newest first.', { exact: false });
    expect(c.bridge.callsTo('listCalls').length - queries).toBe(25);
    // The keyboard is on it again, to search on, not on the page's body.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Search further' })));
  });
});

describe('a count that takes steps', () => {
  it('says about how many match from a sample at once, then the exact figure', async () => {
    const c = companion();
    // Every other call carries "qx": a sample of one window of ids finds half of them matching.
    const calls = 200;
    for (let n = 1; n <= calls; n++) await c.send('send_email', { note: n % 2 ? `qx ${n}` : `plain ${n}` });
    const { user } = renderApp(c.bridge);
    await waitFor(() => expect(rowIds()[0]).toBe(String(calls)));
    const count = () => screen.getByTestId('search-count').textContent;

    const estimate = c.bridge.holdNext('estimateCount', 'answer');
    await searchFor(user, 'qx');
    await waitFor(() => expect(c.bridge.callsTo('estimateCount')).toHaveLength(1));
    // The first step counted the newest four calls only.
    await waitFor(() => expect(count()).toBe(`at least 2 of ${calls} calls contain “qx” (counting…)`));

    const nextStep = c.bridge.holdNext('getStats', 'request');
    estimate();
    await waitFor(() => expect(count()).toBe(`about 100 of ${calls} calls contain “qx” (counting…)`));
    // The same estimate says it per action, in the filter bar.
    expect(screen.getByRole('option', { name: 'send_email (about 100)' })).toBeTruthy();
    nextStep();
    await waitFor(() => expect(count()).toBe(`100 of ${calls} calls contain “qx”`));
    expect(screen.getByRole('option', { name: 'send_email (100)' })).toBeTruthy();
    expect(c.bridge.callsTo('estimateCount')).toEqual([[{ text: 'qx', perAction: true }]]);
  });

  it('with an action chosen, counts the header first, then the filter bar without the action', async () => {
    const c = companion();
    // Calls alternate between two actions; every other call of each carries "qx".
    const calls = 200;
    for (let n = 1; n <= calls; n++) {
      await c.send(n % 2 ? 'send_email' : 'create_ticket', { note: n % 4 < 2 ? `qx ${n}` : `plain ${n}` });
    }
    const { user } = renderApp(c.bridge);
    await waitFor(() => expect(rowIds()[0]).toBe(String(calls)));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Action' }), 'send_email');
    await waitFor(() => expect(screen.getByTestId('search-count').textContent).toBe(`100 of ${calls} calls match`));
    const option = (action: string) => screen.getAllByRole('option').find((o) => o.textContent?.startsWith(`${action} (`))?.textContent;
    // An action alone: the filter bar shows the history's own counts, and counts nothing.
    expect(option('create_ticket')).toBe('create_ticket (100)');

    const counts = () => c.bridge.callsTo('getStats').length;
    const before = counts();
    await searchFor(user, 'qx');
    await waitFor(() =>
      expect(screen.getByTestId('search-count').textContent).toBe(`50 of ${calls} calls contain “qx” and match the filters`),
    );
    await waitFor(() => expect(option('create_ticket')).toBe('create_ticket (50)'));
    expect(option('send_email')).toBe('send_email (50)');

    const steps = c.bridge
      .callsTo('getStats')
      .slice(before)
      .map(([query]) => query as Record<string, unknown>);
    const header = steps.filter((query) => query.action === 'send_email');
    const bar = steps.filter((query) => query.action === undefined);
    expect(header.every((query) => query.text === 'qx' && query.perAction === false)).toBe(true);
    expect(bar.every((query) => query.text === 'qx' && query.perAction === true)).toBe(true);
    expect(header.length).toBeGreaterThan(1);
    expect(bar.length).toBeGreaterThan(1);
    // The first figures of both, then the header's exact count, then the filter bar's.
    expect(steps.slice(0, 2).map((query) => query.action ?? 'bar')).toEqual(['send_email', 'bar']);
    const lastHeaderStep = steps.findLastIndex((query) => query.action === 'send_email');
    expect(steps.slice(lastHeaderStep + 1)).toEqual(bar.slice(1));
    expect(c.bridge.callsTo('estimateCount')).toEqual([
      [{ action: 'send_email', text: 'qx', perAction: false }],
      [{ text: 'qx', perAction: true }],
    ]);
  });
});
