// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { filterFromSearch } from '../../renderer/src/calls/filter-state';
import { initFilter } from '../../renderer/src/calls/calls-actions';
import { useCallsStore } from '../../renderer/src/calls/calls-store';
import { FakeBridge, makeCall } from './fake-bridge';
import { renderApp, resetPage } from './harness/render';

afterEach(resetPage);

function rowIds(): string[] {
  const list = screen.queryByRole('listbox', { name: 'Calls' });
  return list
    ? within(list)
        .queryAllByRole('option')
        .map((r) => r.getAttribute('data-call-id') ?? '')
    : [];
}

function lastQuery(bridge: FakeBridge): unknown {
  return bridge.callsTo('listCalls').at(-1)?.[0];
}

const seed = () =>
  new FakeBridge([
    makeCall({ id: 1, action: 'send_email', verdict: 'valid', status: 200 }),
    makeCall({ id: 2, action: 'create_ticket', verdict: 'invalid', status: 401, requestBody: '{"q":"needle"}' }),
    makeCall({ id: 3, action: 'send_email', verdict: 'unsigned-test', test: true, status: 200 }),
    makeCall({ id: 4, action: 'create_ticket', verdict: 'valid', status: 500 }),
  ]);

describe('filters', () => {
  it('sends the chosen filters to listCalls, combined, and writes them to the URL keeping the hash', async () => {
    history.replaceState(null, '', '/#token=secret');
    const bridge = seed();
    const { user } = renderApp(bridge);
    await waitFor(() => expect(rowIds()).toEqual(['4', '3', '2', '1']));
    // Action options carry the counts from getStats.
    await waitFor(() => expect(screen.getByRole('option', { name: 'create_ticket (2)' })).toBeTruthy());

    await user.selectOptions(screen.getByRole('combobox', { name: 'Action' }), 'create_ticket');
    await waitFor(() => expect(rowIds()).toEqual(['4', '2']));
    expect(lastQuery(bridge)).toEqual({ action: 'create_ticket', limit: 200 });

    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), '5xx');
    await waitFor(() => expect(rowIds()).toEqual(['4']));
    expect(lastQuery(bridge)).toEqual({ action: 'create_ticket', statusClass: '5xx', limit: 200 });

    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), '');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Verdict' }), 'invalid');
    await waitFor(() => expect(rowIds()).toEqual(['2']));
    expect(lastQuery(bridge)).toEqual({ action: 'create_ticket', verdict: 'invalid', limit: 200 });

    expect(location.search).toBe('?action=create_ticket&verdict=invalid');
    expect(location.hash).toBe('#token=secret');

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(rowIds()).toHaveLength(4));
    expect(location.search).toBe('');
    expect(location.hash).toBe('#token=secret');
  });

  it('registration-check and time-range filters map to test and since', async () => {
    const bridge = seed();
    const { user } = renderApp(bridge);
    await waitFor(() => expect(rowIds()).toHaveLength(4));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Registration checks' }), 'only');
    await waitFor(() => expect(rowIds()).toEqual(['3']));
    expect(lastQuery(bridge)).toEqual({ test: true, limit: 200 });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Registration checks' }), 'none');
    await waitFor(() => expect(lastQuery(bridge)).toEqual({ test: false, limit: 200 }));

    const before = Date.now();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Time range' }), '1h');
    await waitFor(() => expect((lastQuery(bridge) as { since?: number }).since).toBeDefined());
    const since = (lastQuery(bridge) as { since: number }).since;
    expect(since).toBeGreaterThanOrEqual(before - 3_600_000);
    expect(since).toBeLessThanOrEqual(Date.now() - 3_600_000);
    expect(location.search).toBe('?test=none&range=1h');
    // The seeded calls are from 2023: nothing in the last hour.
    await screen.findByText('No calls match these filters');
  });

  it('a custom range sends since and until', async () => {
    const bridge = seed();
    const { user } = renderApp(bridge);
    await waitFor(() => expect(rowIds()).toHaveLength(4));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Time range' }), 'custom');
    const since = screen.getByLabelText('Since') as HTMLInputElement;
    fireEvent.change(since, { target: { value: '2023-11-14T22:13' } });
    await waitFor(() => expect(lastQuery(bridge)).toEqual({ since: new Date('2023-11-14T22:13').getTime(), limit: 200 }));
    fireEvent.change(screen.getByLabelText('Until'), { target: { value: '2023-11-14T22:14' } });
    await waitFor(() =>
      expect(lastQuery(bridge)).toEqual({
        since: new Date('2023-11-14T22:13').getTime(),
        until: new Date('2023-11-14T22:14').getTime(),
        limit: 200,
      }),
    );
    expect(new URLSearchParams(location.search).get('since')).toBe(new Date('2023-11-14T22:13').toISOString());
  });

  it('reads the filters from the URL at start', async () => {
    history.replaceState(null, '', '/?action=send_email&verdict=valid&text=needle&test=none&since=2023-01-01T00:00:00.000Z#token=t');
    initFilter(filterFromSearch(location.search));
    const bridge = seed();
    renderApp(bridge);
    await waitFor(() => expect(bridge.callsTo('listCalls')).toHaveLength(1));
    expect(lastQuery(bridge)).toEqual({
      action: 'send_email',
      verdict: 'valid',
      test: false,
      since: Date.parse('2023-01-01T00:00:00.000Z'),
      text: 'needle',
      limit: 200,
    });
    expect((screen.getByRole('searchbox', { name: 'Search request bodies' }) as HTMLInputElement).value).toBe('needle');
    expect((screen.getByRole('combobox', { name: 'Action' }) as HTMLSelectElement).value).toBe('send_email');
  });

  it('debounces the body search, then shows a refresh pill instead of prepending new calls', async () => {
    const bridge = seed();
    const { user } = renderApp(bridge);
    await waitFor(() => expect(rowIds()).toHaveLength(4));
    const calls = bridge.callsTo('listCalls').length;
    await user.type(screen.getByRole('searchbox', { name: 'Search request bodies' }), 'needle');
    // One query for the whole word, not one per keystroke.
    await waitFor(() => expect(rowIds()).toEqual(['2']));
    expect(bridge.callsTo('listCalls').length).toBe(calls + 1);
    expect(lastQuery(bridge)).toEqual({ text: 'needle', limit: 200 });
    expect(location.search).toBe('?text=needle');

    bridge.receive(makeCall({ id: 10, requestBody: '{"needle":1}' }), makeCall({ id: 11, requestBody: '{}' }));
    const pill = await screen.findByRole('button', { name: '2 new calls: show' });
    expect(rowIds()).toEqual(['2']);
    await user.click(pill);
    await waitFor(() => expect(rowIds()).toEqual(['10', '2']));
    expect(screen.queryByRole('button', { name: /new calls/ })).toBeNull();

    // Esc clears the search (focus is outside the box after the click).
    await user.keyboard('{Escape}');
    await waitFor(() => expect(rowIds()).toHaveLength(6));
    expect(useCallsStore.getState().searchInput).toBe('');
  });

  it('prepends new calls only when they match the active filters', async () => {
    const bridge = seed();
    const { user } = renderApp(bridge);
    await waitFor(() => expect(rowIds()).toHaveLength(4));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Verdict' }), 'invalid');
    await waitFor(() => expect(rowIds()).toEqual(['2']));
    bridge.receive(makeCall({ id: 20, verdict: 'valid' }), makeCall({ id: 21, verdict: 'invalid', status: 401 }));
    await waitFor(() => expect(rowIds()).toEqual(['21', '2']));
  });

  it('marks calls that are not from Flowent and filters by source, also for calls arriving live', async () => {
    const bridge = new FakeBridge([
      makeCall({ id: 1 }),
      makeCall({ id: 2, source: 'replay', status: 500 }),
      makeCall({ id: 3, source: 'simulator' }),
      makeCall({ id: 4, source: 'import' }),
    ]);
    const { user } = renderApp(bridge);
    await waitFor(() => expect(rowIds()).toEqual(['4', '3', '2', '1']));
    const markers = () =>
      Object.fromEntries(
        within(screen.getByRole('listbox', { name: 'Calls' }))
          .queryAllByRole('option')
          .map((row) => [row.getAttribute('data-call-id'), row.querySelector('[data-testid="source-tag"]')?.textContent ?? null]),
      );
    expect(markers()).toEqual({ '1': null, '2': 'replay', '3': 'simulated', '4': 'imported' });
    expect(screen.getAllByTestId('source-tag')[0]!.getAttribute('title')).toMatch(/not Flowent traffic.*never counted as a failure/);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Source' }), 'replay');
    await waitFor(() => expect(rowIds()).toEqual(['2']));
    expect(lastQuery(bridge)).toEqual({ source: 'replay', limit: 200 });
    expect(location.search).toBe('?source=replay');
    bridge.receive(makeCall({ id: 5 }), makeCall({ id: 6, source: 'replay' }));
    await waitFor(() => expect(rowIds()).toEqual(['6', '2']));

    resetPage();
    history.replaceState(null, '', '/?source=import');
    initFilter(filterFromSearch(location.search));
    renderApp(bridge);
    await waitFor(() => expect(rowIds()).toEqual(['4']));
    expect((screen.getByRole('combobox', { name: 'Source' }) as HTMLSelectElement).value).toBe('import');
  });

  it('"/" focuses the search box', async () => {
    const { user } = renderApp(seed());
    await waitFor(() => expect(rowIds()).toHaveLength(4));
    await user.keyboard('/');
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Search request bodies' }));
  });
});
