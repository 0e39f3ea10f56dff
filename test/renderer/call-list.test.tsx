// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useMetaStore } from '../../renderer/src/app/stores';
import { useCallsStore } from '../../renderer/src/calls/calls-store';
import { FakeBridge, makeCall, summaryOf } from './fake-bridge';
import { renderApp, resetAll } from './setup';

afterEach(resetAll);

function rows() {
  return within(screen.getByRole('listbox', { name: 'Calls' })).queryAllByRole('option');
}

describe('call list', () => {
  it('renders summaries newest first with verdict badges, TEST tag, status, duration, size', async () => {
    const bridge = new FakeBridge([
      makeCall({ id: 1, verdict: 'valid', status: 200, durationMs: 12, size: 2048 }),
      makeCall({ id: 2, verdict: 'invalid', status: 401 }),
      makeCall({ id: 3, verdict: 'unsigned-test', test: true, action: 'notify' }),
      makeCall({ id: 4, verdict: 'not-flowent', action: null, path: '/favicon.ico', status: 404 }),
      makeCall({ id: 5, verdict: 'no-key' }),
      makeCall({ id: 6, verdict: 'malformed' }),
      makeCall({ id: 7, verdict: 'missing' }),
    ]);
    renderApp(bridge);
    await waitFor(() => expect(rows()).toHaveLength(7));
    const r = rows();
    expect(r.map((row) => row.getAttribute('data-call-id'))).toEqual(['7', '6', '5', '4', '3', '2', '1']);
    expect(within(r[0]!).getByText('missing')).toBeTruthy();
    expect(within(r[1]!).getByText('malformed')).toBeTruthy();
    expect(within(r[2]!).getByText('no key')).toBeTruthy();
    expect(within(r[3]!).getByText('not a Flowent call')).toBeTruthy();
    expect(within(r[3]!).getByText('/favicon.ico')).toBeTruthy();
    expect(within(r[4]!).getByText('unsigned test')).toBeTruthy();
    expect(within(r[4]!).getByText('TEST')).toBeTruthy();
    expect(within(r[5]!).queryByText('TEST')).toBeNull();
    expect(within(r[5]!).getByText('invalid')).toBeTruthy();
    expect(within(r[5]!).getByText('401')).toBeTruthy();
    expect(within(r[6]!).getByText('valid')).toBeTruthy();
    expect(within(r[6]!).getByText('12 ms')).toBeTruthy();
    expect(within(r[6]!).getByText('2.0 KB')).toBeTruthy();
    // Header counts come from getStats; a call without a key (no key, 200) is not a failure.
    expect(screen.getByLabelText('Call counts').textContent).toContain('7 calls');
    expect(screen.getByLabelText('Call counts').textContent).toContain('4 failures');
    expect(screen.getByTestId('failure-count').getAttribute('title')).toMatch(/What counts as a failure:.*never counted/);
  });

  it('applies a batch of events (as the transports deliver a burst) in one list update and shows them', async () => {
    const bridge = new FakeBridge([makeCall({ id: 1 })]);
    renderApp(bridge);
    await waitFor(() => expect(rows()).toHaveLength(1));
    const updates = vi.fn();
    const unsubscribe = useCallsStore.subscribe((s, prev) => {
      if (s.calls !== prev.calls) updates();
    });
    const burst = Array.from({ length: 500 }, (_, i) => makeCall({ id: 100 + i }));
    bridge.receive(...burst);
    // Applied as it arrives: the page has no batching of its own on top of the transport's.
    expect(useCallsStore.getState().calls).toHaveLength(501);
    unsubscribe();
    expect(updates).toHaveBeenCalledTimes(1);
    expect(useCallsStore.getState().calls[0]!.id).toBe(599);
    await waitFor(() => expect(rows()[0]!.getAttribute('data-call-id')).toBe('599'));
    expect(screen.getByLabelText('Call counts').textContent).toContain('501 calls');
  });

  it('reads everything again on a resync marker: calls it was never told about appear, counts follow', async () => {
    const bridge = new FakeBridge([makeCall({ id: 1 })]);
    renderApp(bridge);
    await waitFor(() => expect(rows()).toHaveLength(1));
    const reads = () => ['getStatus', 'getStats', 'listCalls', 'getAccount'].map((method) => bridge.callsTo(method).length);
    const before = reads();
    // The transport dropped the events of these calls (a slow page), and says so.
    bridge.store.push(makeCall({ id: 2 }), makeCall({ id: 3, verdict: 'invalid', status: 401 }));
    bridge.emit([{ type: 'resync' }]);
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(reads()).toEqual(before.map((count) => count + 1));
    expect(screen.getByLabelText('Call counts').textContent).toContain('3 calls');
    expect(screen.getByLabelText('Call counts').textContent).toContain('1 failures');
  });

  it('counts a call exactly once when its event and a read of the counts cross', async () => {
    const bridge = new FakeBridge([makeCall({ id: 1 })]);
    renderApp(bridge);
    await waitFor(() => expect(screen.getByLabelText('Call counts').textContent).toContain('1 calls'));
    // A resync starts a read of the counts (the fake core reads them at once); a failed call
    // is then stored and announced before that read is answered, so the answer lacks it.
    bridge.emit([{ type: 'resync' }]);
    const failing = makeCall({ id: 2, verdict: 'missing', status: 200 });
    bridge.receive(failing);
    await waitFor(() => expect(rows()).toHaveLength(2));
    await waitFor(() => expect(screen.getByLabelText('Call counts').textContent).toContain('2 calls'));
    expect(screen.getByLabelText('Call counts').textContent).toContain('1 failures');
    // The other way round: counts read after the call was stored include it, and its event,
    // arriving after them, is not counted again.
    bridge.emit([{ type: 'resync' }]);
    await waitFor(() => expect(bridge.callsTo('getStats')).toHaveLength(3));
    await waitFor(() => expect(useMetaStore.getState().stats?.countedUpTo).toBe(2));
    bridge.emit([{ type: 'call-stored', call: summaryOf(failing) }]);
    expect(useMetaStore.getState().stats).toMatchObject({ total: 2, failures: 1 });
  });

  it('history-cleared empties the list', async () => {
    const bridge = new FakeBridge([makeCall({ id: 1 }), makeCall({ id: 2 })]);
    renderApp(bridge);
    await waitFor(() => expect(rows()).toHaveLength(2));
    bridge.emit([{ type: 'history-cleared' }]);
    await screen.findByText('No calls yet');
  });

  it('history-pruned drops the deleted oldest calls from the list and reads the counts again', async () => {
    const bridge = new FakeBridge([1, 2, 3, 4].map((id) => makeCall({ id })));
    renderApp(bridge);
    await waitFor(() => expect(rows()).toHaveLength(4));
    const statsReads = bridge.callsTo('getStats').length;
    bridge.store = bridge.store.filter((call) => call.id > 2);
    bridge.emit([{ type: 'history-pruned', deleted: 2, upToId: 2 }]);
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(bridge.callsTo('getStats').length).toBeGreaterThan(statsReads);
  });

  it('loads older pages with beforeId as the list scrolls, and with the load-more button', async () => {
    const bridge = new FakeBridge(Array.from({ length: 650 }, (_, i) => makeCall({ id: i + 1 })));
    renderApp(bridge);
    await waitFor(() => expect(useCallsStore.getState().calls).toHaveLength(200));
    expect(bridge.callsTo('listCalls')[0]).toEqual([{ limit: 200 }]);

    const scroller = screen.getByTestId('call-list-scroll');
    scroller.scrollTop = 199 * 32 - 400;
    fireEvent.scroll(scroller);
    await waitFor(() => expect(useCallsStore.getState().calls).toHaveLength(400));
    expect(bridge.callsTo('listCalls')[1]).toEqual([{ limit: 200, beforeId: 451 }]);

    // Without layout the scroll position is not trusted further: the button also loads.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Load older calls' })).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: 'Load older calls' }));
    await waitFor(() => expect(useCallsStore.getState().calls.length).toBeGreaterThanOrEqual(600));
    expect(bridge.callsTo('listCalls')[2]).toEqual([{ limit: 200, beforeId: 251 }]);
    const ids = useCallsStore.getState().calls.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('moves the selection with the arrow keys and loads the detail', async () => {
    const bridge = new FakeBridge([makeCall({ id: 1 }), makeCall({ id: 2 }), makeCall({ id: 3 })]);
    const { user } = renderApp(bridge);
    await waitFor(() => expect(rows()).toHaveLength(3));
    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(rows()[0]!.getAttribute('aria-selected')).toBe('true'));
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
    await waitFor(() => expect(rows()[2]!.getAttribute('aria-selected')).toBe('true'));
    await user.keyboard('{ArrowUp}');
    await waitFor(() => expect(rows()[1]!.getAttribute('aria-selected')).toBe('true'));
    await waitFor(() => expect(bridge.callsTo('getCall').at(-1)).toEqual([2]));
    expect(screen.getByRole('listbox', { name: 'Calls' }).getAttribute('aria-activedescendant')).toBe('call-2');
    await screen.findByRole('complementary', { name: 'Call details' });
  });

  it('scrolls the selected row into view', async () => {
    const bridge = new FakeBridge(Array.from({ length: 150 }, (_, i) => makeCall({ id: i + 1 })));
    const { user } = renderApp(bridge);
    await waitFor(() => expect(useCallsStore.getState().calls).toHaveLength(150));
    const scroller = screen.getByTestId('call-list-scroll');
    // happy-dom has no layout: give the scroller the sizes a browser would.
    Object.defineProperty(scroller, 'clientHeight', { configurable: true, value: 800 });
    Object.defineProperty(scroller, 'scrollHeight', { configurable: true, value: 150 * 32 });
    expect(scroller.scrollTop).toBe(0);
    for (let i = 0; i < 60; i++) await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(useCallsStore.getState().selectedId).toBe(91));
    // Row 60 (index 59) ends at 60 * 32 px: the view must have followed it down.
    await waitFor(() => expect(scroller.scrollTop).toBeGreaterThan(60 * 32 - 800 - 1));
    fireEvent.scroll(scroller); // a browser fires this after scrollTo; happy-dom does not
    await waitFor(() => expect(document.querySelector('[data-call-id="91"]')?.getAttribute('aria-selected')).toBe('true'));
  });

  it('shows API failures as a dismissible banner', async () => {
    const bridge = new FakeBridge([makeCall({ id: 1 })]);
    bridge.failNext.set('listCalls', 'database is locked');
    const { user } = renderApp(bridge);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load calls: database is locked');
    await user.click(screen.getByRole('button', { name: 'Dismiss error' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
