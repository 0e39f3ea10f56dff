// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { useCompanion, type Companion } from '../harness/companion';
import { renderApp, rowIds, searchFor } from '../harness/render';

const companion = useCompanion();

/** 1: send_email; 2: create_ticket with "needle" in its body; 3: send_email; 4: create_ticket. */
async function renderSeeded(c: Companion) {
  await c.send('send_email');
  await c.send('create_ticket', { q: 'needle' });
  await c.send('send_email');
  await c.send('create_ticket');
  const view = renderApp(c.bridge);
  await waitFor(() => expect(rowIds()).toEqual(['4', '3', '2', '1']));
  return view;
}

const count = () => screen.getByTestId('search-count').textContent;
const option = (action: string) => screen.getByRole('option', { name: new RegExp(`^${action} \\(`) }).textContent;

/** The page asked the core which of the calls it was told of match the search, and has its answer. */
async function searchChecked(c: Companion, checks: number): Promise<void> {
  // The first page, then one check per batch of calls told.
  await waitFor(() => expect(c.bridge.callsTo('listCalls').filter(([q]) => (q as { text?: string }).text).length).toBe(checks + 1));
  await screen.findByRole('button', { name: /new calls?: show/ });
}

describe('calls arriving under a search while its first count is on its way', () => {
  it('are counted when the count, read before they were stored, comes back after the core said they match', async () => {
    const c = companion();
    const { user } = await renderSeeded(c);
    // The count's first read is made at once (it covers calls #1 to #4); its answer reaches the page late.
    const answer = c.bridge.holdNext('getStats', 'answer');
    await searchFor(user, 'needle');
    await waitFor(() => expect(rowIds()).toEqual(['2']));
    await c.send('create_ticket', { needle: 1 });
    await searchChecked(c, 1);
    answer();
    await waitFor(() => expect(count()).toBe('2 of 5 calls contain “needle”'));
  });

  it('are not counted twice when the count, read after they were stored, includes them', async () => {
    const c = companion();
    const { user } = await renderSeeded(c);
    // The count's first read reaches the core late: after call #5 is stored, so it covers it.
    const request = c.bridge.holdNext('getStats', 'request');
    await searchFor(user, 'needle');
    await waitFor(() => expect(rowIds()).toEqual(['2']));
    await c.send('create_ticket', { needle: 1 });
    await searchChecked(c, 1);
    request();
    await waitFor(() => expect(count()).toBe('2 of 5 calls contain “needle”'));
    // Another call, told after the count came back, is added once.
    await c.send('send_email', { needle: 2 });
    await waitFor(() => expect(count()).toBe('3 of 6 calls contain “needle”'));
  });
});

describe('the Action list under a search with an action chosen', () => {
  it("grows with the arriving calls that contain the text, of every action, as the header's count grows with the chosen one's", async () => {
    const c = companion();
    const { user } = await renderSeeded(c);
    await searchFor(user, 'needle');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Action' }), 'create_ticket');
    await waitFor(() => expect(rowIds()).toEqual(['2']));
    await waitFor(() => expect(count()).toBe('1 of 4 calls contains “needle” and matches the filters'));
    await waitFor(() => expect([option('create_ticket'), option('send_email')]).toEqual(['create_ticket (1)', 'send_email (0)']));

    await c.send('send_email', { needle: 1 });
    await c.send('send_email', {});
    await c.send('create_ticket', { needle: 2 });
    await c.send('create_ticket', {});
    // The pill and the header take the chosen action's; the list every action's.
    const pill = await screen.findByRole('button', { name: '1 new call: show' });
    await waitFor(() => expect([option('create_ticket'), option('send_email')]).toEqual(['create_ticket (2)', 'send_email (1)']));
    await waitFor(() => expect(count()).toBe('2 of 8 calls contain “needle” and match the filters'));
    await user.click(pill);
    await waitFor(() => expect(rowIds()).toEqual(['7', '2']));
    // Counted again with the list: none twice.
    await waitFor(() => expect(count()).toBe('2 of 8 calls contain “needle” and match the filters'));
    expect([option('create_ticket'), option('send_email')]).toEqual(['create_ticket (2)', 'send_email (1)']);
  });
});
