// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { DEFAULT_LIMITS } from '../../../main/contract/api';
import { useCompanion, type Companion } from '../harness/companion';
import { renderApp, rowIds } from '../harness/render';

const companion = useCompanion();

/** 1: send_email, valid; 2: create_ticket, invalid; 3: create_ticket, valid; 4: lookup_order, invalid. */
async function seed(c: Companion): Promise<void> {
  await c.send('send_email');
  await c.send('create_ticket', {}, { key: 'another-key' });
  await c.send('create_ticket');
  await c.send('lookup_order', {}, { key: 'another-key' });
}

/** The action list's options as shown, without "All actions". */
function actionOptions(): string[] {
  const list = screen.getByRole('combobox', { name: 'Action' });
  return [...list.querySelectorAll('option')].map((option) => option.textContent ?? '').filter((text) => text !== 'All actions');
}

/** The count queries the page sent after the first `from`. */
function countQueries(c: Companion, from: number): Record<string, unknown>[] {
  return c.bridge
    .callsTo('getStats')
    .slice(from)
    .map(([query]) => query as Record<string, unknown>);
}

describe("the filter bar's action list", () => {
  it('counts each action under the other filters, and the whole history with nothing else filtered', async () => {
    const c = companion();
    await seed(c);
    const { user } = renderApp(c.bridge);
    await waitFor(() => expect(rowIds()).toEqual(['4', '3', '2', '1']));
    await waitFor(() => expect(actionOptions()).toEqual(['create_ticket (2)', 'lookup_order (1)', 'send_email (1)']));

    let from = c.bridge.callsTo('getStats').length;
    await user.selectOptions(screen.getByRole('combobox', { name: 'Verdict' }), 'invalid');
    await waitFor(() => expect(actionOptions()).toEqual(['create_ticket (1)', 'lookup_order (1)', 'send_email (0)']));
    expect(screen.getByTestId('search-count').textContent).toBe('2 of 4 calls match');
    // No action chosen: one count feeds the header and the list.
    expect(countQueries(c, from)).toEqual([{ verdict: 'invalid', perAction: true }]);

    from = c.bridge.callsTo('getStats').length;
    await user.selectOptions(screen.getByRole('combobox', { name: 'Action' }), 'send_email');
    await screen.findByText('No calls match these filters');
    // The list still says what choosing each action would show: the verdict's calls per action.
    await waitFor(() => expect(countQueries(c, from)).toHaveLength(2));
    expect(actionOptions()).toEqual(['create_ticket (1)', 'lookup_order (1)', 'send_email (0)']);
    expect(countQueries(c, from)).toEqual([
      { action: 'send_email', verdict: 'invalid', perAction: false },
      { verdict: 'invalid', perAction: true },
    ]);

    // An action alone: the history's own counts, and nothing more to count for the list.
    from = c.bridge.callsTo('getStats').length;
    await user.selectOptions(screen.getByRole('combobox', { name: 'Verdict' }), '');
    await waitFor(() => expect(rowIds()).toEqual(['1']));
    await waitFor(() => expect(actionOptions()).toEqual(['create_ticket (2)', 'lookup_order (1)', 'send_email (1)']));
    expect(countQueries(c, from)).toEqual([{ action: 'send_email', perAction: false }]);
  });

  it('adds live calls to their action under the other filters, whichever action is chosen', async () => {
    const c = companion();
    await seed(c);
    const { user } = renderApp(c.bridge);
    await waitFor(() => expect(rowIds()).toHaveLength(4));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Verdict' }), 'invalid');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Action' }), 'create_ticket');
    await waitFor(() => expect(rowIds()).toEqual(['2']));
    await waitFor(() => expect(actionOptions()).toEqual(['create_ticket (1)', 'lookup_order (1)', 'send_email (0)']));

    // Each call is told to the page before the next is sent, each in a batch of its own, as on a
    // busy machine (quick sends share one batch): send_email and lookup_order tie at 2 calls in
    // the history after passing each other, and the list's order must not depend on how the
    // calls were batched (it once kept send_email first, and the counts never read as below).
    const told = (total: number) =>
      waitFor(() => expect(screen.getByLabelText('Call counts').textContent).toMatch(new RegExp(`(^|\\D)${total} calls`)));
    await c.send('send_email', {}, { key: 'another-key' });
    await told(5);
    await c.send('lookup_order'); // valid: not counted under "invalid"
    await told(6);
    await c.send('create_ticket', {}, { key: 'another-key' });
    await waitFor(() => expect(rowIds()).toEqual(['7', '2']));
    await waitFor(() => expect(actionOptions()).toEqual(['create_ticket (2)', 'lookup_order (1)', 'send_email (1)']));
    expect(screen.getByTestId('search-count').textContent).toBe('2 of 7 calls match');
  });

  it("counts the filter again when the history's limits delete old calls the list does not show", async () => {
    const c = companion();
    // Two actions in turn, every call valid: more than a page, so the list shows only the newest.
    for (let n = 1; n <= 250; n++) await c.send(n % 2 ? 'send_email' : 'create_ticket');
    const { user } = renderApp(c.bridge);
    await waitFor(() => expect(rowIds()[0]).toBe('250'));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Verdict' }), 'valid');
    await waitFor(() => expect(screen.getByTestId('search-count').textContent).toBe('250 of 250 calls match'));
    expect(actionOptions()).toEqual(['create_ticket (125)', 'send_email (125)']);
    const pages = c.bridge.callsTo('listCalls').length;

    // Limited elsewhere: the 30 oldest go in the core's idle time, far below the rows listed.
    expect((await c.api.setLimits({ ...DEFAULT_LIMITS, keepCalls: 220 })).ok).toBe(true);
    await waitFor(() => expect(screen.getByTestId('search-count').textContent).toBe('220 of 220 calls match'));
    expect(actionOptions()).toEqual(['create_ticket (110)', 'send_email (110)']);
    // The counts were read again, not the list.
    expect(c.bridge.callsTo('listCalls').length).toBe(pages);
  });

  it('counts a call stored while its first count was on its way, when the page heard of it first', async () => {
    const c = companion();
    await seed(c);
    const { user } = renderApp(c.bridge);
    await waitFor(() => expect(rowIds()).toEqual(['4', '3', '2', '1']));

    // The count's first read is made at once; its answer reaches the page late.
    const answer = c.bridge.holdNext('getStats', 'answer');
    const from = c.bridge.callsTo('getStats').length;
    await user.selectOptions(screen.getByRole('combobox', { name: 'Verdict' }), 'invalid');
    await waitFor(() => expect(countQueries(c, from)).toEqual([{ verdict: 'invalid', perAction: true }]));
    await c.send('send_email', {}, { key: 'another-key' });
    await waitFor(() => expect(rowIds()).toEqual(['5', '4', '2']));
    answer();

    await waitFor(() => expect(screen.getByTestId('search-count').textContent).toBe('3 of 5 calls match'));
    expect(actionOptions()).toEqual(['create_ticket (1)', 'send_email (1)', 'lookup_order (1)']);
  });
});
