// @vitest-environment happy-dom
import type { Har } from '../../../main/core/replay/har-export';
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { filterFromSearch } from '../../../renderer/src/history/filter-state';
import { initFilter } from '../../../renderer/src/history/calls-actions';
import { useCallsStore } from '../../../renderer/src/history/calls-store';
import { useCompanion, valueOf, type Companion } from '../harness/companion';
import { handlerUrl, useHandler } from '../../helpers/handler-process';
import { renderApp, resetPage, rowIds } from '../harness/render';

const companion = useCompanion();
const handler = useHandler();

function lastQuery(c: Companion): unknown {
  return c.bridge.callsTo('listCalls').at(-1)?.[0];
}

/** 1: send_email, valid; 2: create_ticket, invalid, "needle" in its body; 3: a registration check; 4: create_ticket, valid, answered 500. */
async function seed(c: Companion): Promise<void> {
  await c.send('send_email');
  await c.send('create_ticket', { q: 'needle' }, { key: 'another-key' });
  await c.send('send_email', {}, { key: null, extra: { test: true } });
  valueOf(await c.api.setMock('create_ticket', '{"status": 500, "body": {"result": "", "error": "down"}}', 'json'));
  await c.send('create_ticket');
}

async function renderSeeded(c: Companion) {
  await seed(c);
  const view = renderApp(c.bridge);
  await waitFor(() => expect(rowIds()).toEqual(['4', '3', '2', '1']));
  return view;
}

describe('filters', () => {
  it('sends the chosen filters to listCalls, combined, and writes them to the URL keeping the hash', async () => {
    const c = companion();
    history.replaceState(null, '', '/#token=secret');
    const { user } = await renderSeeded(c);
    // Action options carry the counts from getStats.
    await waitFor(() => expect(screen.getByRole('option', { name: 'create_ticket (2)' })).toBeTruthy());

    await user.selectOptions(screen.getByRole('combobox', { name: 'Action' }), 'create_ticket');
    await waitFor(() => expect(rowIds()).toEqual(['4', '2']));
    expect(lastQuery(c)).toEqual({ action: 'create_ticket', limit: 200 });

    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), '5xx');
    await waitFor(() => expect(rowIds()).toEqual(['4']));
    expect(lastQuery(c)).toEqual({ action: 'create_ticket', statusClass: '5xx', limit: 200 });

    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), '');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Verdict' }), 'invalid');
    await waitFor(() => expect(rowIds()).toEqual(['2']));
    expect(lastQuery(c)).toEqual({ action: 'create_ticket', verdict: 'invalid', limit: 200 });

    expect(location.search).toBe('?action=create_ticket&verdict=invalid');
    expect(location.hash).toBe('#token=secret');

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(rowIds()).toHaveLength(4));
    expect(location.search).toBe('');
    expect(location.hash).toBe('#token=secret');
  });

  it('registration-check and time-range filters map to test and since', async () => {
    const c = companion();
    const { user } = await renderSeeded(c);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Registration checks' }), 'only');
    await waitFor(() => expect(rowIds()).toEqual(['3']));
    expect(lastQuery(c)).toEqual({ test: true, limit: 200 });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Registration checks' }), 'none');
    await waitFor(() => expect(rowIds()).toEqual(['4', '2', '1']));
    expect(lastQuery(c)).toEqual({ test: false, limit: 200 });

    const before = Date.now();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Time range' }), '1h');
    await waitFor(() => expect((lastQuery(c) as { since?: number }).since).toBeDefined());
    const since = (lastQuery(c) as { since: number }).since;
    expect(since).toBeGreaterThanOrEqual(before - 3_600_000);
    expect(since).toBeLessThanOrEqual(Date.now() - 3_600_000);
    expect(location.search).toBe('?test=none&range=1h');
    // The calls arrived just now: all within the hour.
    await waitFor(() => expect(rowIds()).toEqual(['4', '2', '1']));
  });

  it('a custom range sends since and until', async () => {
    const c = companion();
    const { user } = await renderSeeded(c);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Time range' }), 'custom');
    const since = screen.getByLabelText('Since') as HTMLInputElement;
    fireEvent.change(since, { target: { value: '2023-11-14T22:13' } });
    await waitFor(() => expect(lastQuery(c)).toEqual({ since: new Date('2023-11-14T22:13').getTime(), limit: 200 }));
    await waitFor(() => expect(rowIds()).toHaveLength(4));
    fireEvent.change(screen.getByLabelText('Until'), { target: { value: '2023-11-14T22:14' } });
    await waitFor(() =>
      expect(lastQuery(c)).toEqual({
        since: new Date('2023-11-14T22:13').getTime(),
        until: new Date('2023-11-14T22:14').getTime(),
        limit: 200,
      }),
    );
    expect(new URLSearchParams(location.search).get('since')).toBe(new Date('2023-11-14T22:13').toISOString());
    // The calls arrived just now, long after that minute.
    await screen.findByText('No calls match these filters');
  });

  it('shows the chosen range in the bar, and refuses an end before the start, saying why', async () => {
    const c = companion();
    const { user } = await renderSeeded(c);
    const rangeBox = () => screen.getByRole('combobox', { name: 'Time range' }) as HTMLSelectElement;
    const shown = () => rangeBox().selectedOptions[0]?.textContent;
    await user.selectOptions(rangeBox(), 'custom');
    expect(shown()).toBe('Between…');
    fireEvent.change(screen.getByLabelText('Since'), { target: { value: '2023-11-14T18:00' } });
    fireEvent.change(screen.getByLabelText('Until'), { target: { value: '2023-11-14T19:00' } });
    const chosen = { since: new Date('2023-11-14T18:00').getTime(), until: new Date('2023-11-14T19:00').getTime(), limit: 200 };
    await waitFor(() => expect(lastQuery(c)).toEqual(chosen));
    await user.click(screen.getByRole('button', { name: 'Done' }));
    // Closed, the bar still says which range the list is filtered by.
    expect(screen.queryByRole('group', { name: 'Custom time range' })).toBeNull();
    expect(shown()).toMatch(/^Nov 14, 2023 18:00 – 19:00$/);

    await user.click(screen.getByRole('button', { name: 'Change the time range' }));
    const queries = c.bridge.callsTo('listCalls').length;
    fireEvent.change(screen.getByLabelText('Until'), { target: { value: '2023-11-14T17:00' } });
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /The end \(Nov 14, 2023 17:00\) is before the start \(Nov 14, 2023 18:00\)/,
    );
    expect((screen.getByLabelText('Until') as HTMLInputElement).value).toBe('2023-11-14T17:00');
    // Not applied: the list and the bar keep the range they had.
    expect(c.bridge.callsTo('listCalls').length).toBe(queries);
    expect(shown()).toMatch(/18:00 – 19:00$/);
    fireEvent.change(screen.getByLabelText('Until'), { target: { value: '2023-11-14T20:00' } });
    await waitFor(() => expect(lastQuery(c)).toEqual({ ...chosen, until: new Date('2023-11-14T20:00').getTime() }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(shown()).toMatch(/18:00 – 20:00$/);
  });

  it('reads a range whose end is before its start from the URL as the range between them', () => {
    const state = filterFromSearch('?since=2023-11-14T19:00:00.000Z&until=2023-11-14T18:00:00.000Z');
    expect(state).toMatchObject({
      range: 'custom',
      since: Date.parse('2023-11-14T18:00:00.000Z'),
      until: Date.parse('2023-11-14T19:00:00.000Z'),
    });
  });

  it('reads the filters from the URL at start', async () => {
    const c = companion();
    await seed(c);
    history.replaceState(null, '', '/?action=create_ticket&verdict=invalid&text=needle&test=none&since=2023-01-01T00:00:00.000Z#token=t');
    initFilter(filterFromSearch(location.search));
    renderApp(c.bridge);
    await waitFor(() => expect(rowIds()).toEqual(['2']));
    expect(c.bridge.callsTo('listCalls')).toEqual([
      [
        {
          action: 'create_ticket',
          verdict: 'invalid',
          test: false,
          since: Date.parse('2023-01-01T00:00:00.000Z'),
          text: 'needle',
          limit: 200,
        },
      ],
    ]);
    expect((screen.getByRole('searchbox', { name: 'Search request bodies' }) as HTMLInputElement).value).toBe('needle');
    expect((screen.getByRole('combobox', { name: 'Action' }) as HTMLSelectElement).value).toBe('create_ticket');
  });

  it('debounces the body search, then shows a refresh pill instead of prepending new calls', async () => {
    const c = companion();
    const { user } = await renderSeeded(c);
    const calls = c.bridge.callsTo('listCalls').length;
    await user.type(screen.getByRole('searchbox', { name: 'Search request bodies' }), 'needle');
    // One query for the whole word, not one per keystroke.
    await waitFor(() => expect(rowIds()).toEqual(['2']));
    expect(c.bridge.callsTo('listCalls').length).toBe(calls + 1);
    expect(lastQuery(c)).toEqual({ text: 'needle', limit: 200 });
    expect(location.search).toBe('?text=needle');

    // Calls without the text are not counted as new calls of the search: the core tells which match.
    await c.send('send_email', {});
    await c.send('send_email', { other: 'words' });
    await c.send('send_email', { needle: 1 });
    await c.send('send_email', {});
    // Every call told (the header counts them as they are told), then the pill says how many match.
    await waitFor(() => expect(screen.getByLabelText('Call counts').textContent).toContain('8 calls'));
    const pill = await screen.findByRole('button', { name: '1 new call: show' });
    expect(rowIds()).toEqual(['2']);
    await user.click(pill);
    // As many more rows as the pill said.
    await waitFor(() => expect(rowIds()).toEqual(['7', '2']));
    expect(screen.queryByRole('button', { name: /new calls/ })).toBeNull();

    // Esc clears the search (focus is outside the box after the click).
    await user.keyboard('{Escape}');
    await waitFor(() => expect(rowIds()).toHaveLength(8));
    expect(useCallsStore.getState().searchInput).toBe('');
  });

  it("says a search's count is of the calls that also match the other filters", async () => {
    const c = companion();
    const { user } = await renderSeeded(c);
    const count = () => screen.getByTestId('search-count').textContent;
    await user.type(screen.getByRole('searchbox', { name: 'Search request bodies' }), 'create_ticket');
    await waitFor(() => expect(rowIds()).toEqual(['4', '2']));
    await waitFor(() => expect(count()).toBe('2 of 4 calls contain “create_ticket”'));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Verdict' }), 'invalid');
    await waitFor(() => expect(rowIds()).toEqual(['2']));
    // 2 calls contain the text; the 1 counted is the one that is also invalid.
    await waitFor(() => expect(count()).toBe('1 of 4 calls contains “create_ticket” and matches the filters'));
  });

  it("counts the calls that arrive with the searched text in the header's count and the action list, as the new-calls pill does", async () => {
    const c = companion();
    const { user } = await renderSeeded(c);
    const count = () => screen.getByTestId('search-count').textContent;
    const option = (action: string) => screen.getByRole('option', { name: new RegExp(`^${action} \\(`) }).textContent;
    await user.type(screen.getByRole('searchbox', { name: 'Search request bodies' }), 'needle');
    await waitFor(() => expect(rowIds()).toEqual(['2']));
    await waitFor(() => expect(count()).toBe('1 of 4 calls contains “needle”'));
    await waitFor(() => expect([option('create_ticket'), option('send_email')]).toEqual(['create_ticket (1)', 'send_email (0)']));

    await c.send('send_email', { needle: 1 });
    await c.send('send_email', {});
    await c.send('create_ticket', { needle: 2 });
    const pill = await screen.findByRole('button', { name: '2 new calls: show' });
    // The header says what the pill says: 2 more calls contain it, of 3 more stored.
    await waitFor(() => expect(count()).toBe('3 of 7 calls contain “needle”'));
    expect([option('create_ticket'), option('send_email')]).toEqual(['create_ticket (2)', 'send_email (1)']);
    // Shown, the list agrees, and the count read again counts none of them twice.
    await user.click(pill);
    await waitFor(() => expect(rowIds()).toEqual(['7', '5', '2']));
    await waitFor(() => expect(c.bridge.callsTo('getStats').length).toBeGreaterThan(0));
    await waitFor(() => expect(count()).toBe('3 of 7 calls contain “needle”'));
    expect([option('create_ticket'), option('send_email')]).toEqual(['create_ticket (2)', 'send_email (1)']);
  });

  it('prepends new calls only when they match the active filters', async () => {
    const c = companion();
    const { user } = await renderSeeded(c);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Verdict' }), 'invalid');
    await waitFor(() => expect(rowIds()).toEqual(['2']));
    await c.send('send_email');
    await c.send('send_email', {}, { key: 'another-key' });
    await waitFor(() => expect(rowIds()).toEqual(['6', '2']));
  });

  it('marks calls that are not from Flowent and filters by source, also for calls arriving live', async () => {
    const c = companion();
    await c.send('send_email');
    valueOf(await c.api.replayCall(1, 'as-is', handlerUrl(handler(), 'error500')));
    valueOf(
      await c.api.simulateCall({
        action: 'send_email',
        parameters: '{}',
        seed: 1,
        test: false,
        target: handlerUrl(handler(), 'ok'),
      }),
    );
    const exported = JSON.parse(valueOf(await c.core.api.exportHar({ ids: [1] })).text!) as Har;
    // A millisecond after its original: the same call at the same time would be left out as imported before.
    for (const entry of exported.log.entries) entry.startedDateTime = new Date(Date.parse(entry.startedDateTime) + 1).toISOString();
    valueOf(await c.api.importHar(JSON.stringify(exported)));
    const { user } = renderApp(c.bridge);
    // The imported call keeps the time it arrived, so it is listed beside its original.
    await waitFor(() => expect(rowIds()).toEqual(['3', '2', '4', '1']));
    const markers = () =>
      Object.fromEntries(
        within(screen.getByRole('listbox', { name: 'Calls' }))
          .queryAllByRole('option')
          .map((row) => [row.getAttribute('data-call-id'), row.querySelector('[data-testid="source-tag"]')?.textContent ?? null]),
      );
    expect(markers()).toEqual({ '1': null, '2': 'replay', '3': 'simulated', '4': 'imported' });
    expect(screen.getAllByTestId('source-tag')[0]!.getAttribute('title')).toMatch(/not Flowent traffic.*never counted as a failure/);
    // The replay answered 500, and still no failure is counted: only Flowent's calls count.
    expect(screen.getByLabelText('Call counts').textContent).toContain('0 failures');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Source' }), 'replay');
    await waitFor(() => expect(rowIds()).toEqual(['2']));
    expect(lastQuery(c)).toEqual({ source: 'replay', limit: 200 });
    expect(location.search).toBe('?source=replay');
    await c.send('send_email');
    await c.api.replayCall(1, 'as-is', handlerUrl(handler(), 'ok'));
    await waitFor(() => expect(rowIds()).toEqual(['6', '2']));

    resetPage();
    history.replaceState(null, '', '/?source=import');
    initFilter(filterFromSearch(location.search));
    renderApp(c.bridge);
    await waitFor(() => expect(rowIds()).toEqual(['4']));
    expect((screen.getByRole('combobox', { name: 'Source' }) as HTMLSelectElement).value).toBe('import');
  });

  it('takes a banner about a refused read of the list away once the list is read again', async () => {
    const c = companion();
    await c.send('send_email');
    resetPage();
    // A link edited by hand: an action name longer than any the core takes, so it refuses the read.
    history.replaceState(null, '', `/?action=${'a'.repeat(150)}`);
    initFilter(filterFromSearch(location.search));
    const { user } = renderApp(c.bridge);
    const callsAlert = () => screen.queryAllByRole('alert').find((alert) => alert.textContent?.includes('Could not load calls'));
    await waitFor(() => expect(callsAlert()).toBeDefined());
    await user.selectOptions(screen.getByRole('combobox', { name: 'Action' }), '');
    await waitFor(() => expect(rowIds()).toEqual(['1']));
    expect(callsAlert()).toBeUndefined();
  });

  it("the header's failure count lists the failures it counts, live too, and lists every call again", async () => {
    const c = companion();
    const { user } = await renderSeeded(c);
    const count = await screen.findByRole('button', { name: '2 failures' });
    expect(count.getAttribute('aria-pressed')).toBe('false');
    await user.click(count);
    await waitFor(() => expect(rowIds()).toEqual(['4', '2']));
    expect(lastQuery(c)).toEqual({ failures: true, limit: 200 });
    expect(location.search).toBe('?failures=only');
    // The bar says the list is filtered, and by what.
    expect((screen.getByRole('checkbox', { name: 'Failures only' }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole('button', { name: '2 failures' }).getAttribute('aria-pressed')).toBe('true');
    await waitFor(() => expect(screen.getByTestId('search-count').textContent).toBe('2 of 4 calls match'));

    // A call that fails joins the list as it arrives; one that does not, does not.
    await c.send('send_email', {}, { key: 'another-key' });
    await c.send('send_email');
    await screen.findByRole('button', { name: '3 failures' });
    await waitFor(() => expect(rowIds()).toEqual(['5', '4', '2']));

    await user.click(screen.getByRole('button', { name: '3 failures' }));
    await waitFor(() => expect(rowIds()).toEqual(['6', '5', '4', '3', '2', '1']));
    expect(location.search).toBe('');
    expect((screen.getByRole('checkbox', { name: 'Failures only' }) as HTMLInputElement).checked).toBe(false);
  });

  it('"/" focuses the search box', async () => {
    const c = companion();
    const { user } = await renderSeeded(c);
    await user.keyboard('/');
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Search request bodies' }));
  });
});
