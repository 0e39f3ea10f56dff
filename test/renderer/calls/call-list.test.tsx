// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { DEFAULT_LIMITS } from '../../../main/contract/api';
import { useMetaStore } from '../../../renderer/src/page/stores';
import { useCallsStore } from '../../../renderer/src/history/calls-store';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';
import { KEY, useCompanion, type Companion, type SendOptions } from '../harness/companion';
import { renderApp } from '../harness/render';

const companion = useCompanion();

function rows() {
  return within(screen.getByRole('listbox', { name: 'Calls' })).queryAllByRole('option');
}

/** `count` signed calls (or registration checks, whose details are short), sent a few at a time. */
async function sendMany(c: Companion, count: number, options: SendOptions = {}): Promise<void> {
  for (let n = 0; n < count; n += 20)
    await Promise.all(Array.from({ length: Math.min(20, count - n) }, (_, i) => c.send('send_email', { n: n + i }, options)));
}

/** Events the page has not been given yet: the transport holds them (a slow or loading page). */
function holdEvents(c: Companion) {
  c.bridge.events.pause();
  return () => c.bridge.events.resume();
}

describe('call list', () => {
  it('renders summaries newest first with verdict badges, TEST tag, status, duration, size', async () => {
    const c = companion();
    const unpadded = signedBody(flowentPayload('send_email', { pad: '' }), KEY).length;
    await c.send('send_email', { pad: 'x'.repeat(2048 - unpadded) });
    await c.send('send_email', { n: 2 }, { key: 'another-key' });
    await c.send('notify', {}, { key: null, extra: { test: true } });
    await c.post('/favicon.ico', '');
    await c.api.clearHmacKey();
    await c.send('send_email', { n: 5 });
    await c.api.setHmacKey(KEY);
    await c.post('/actions/send_email', '{"action_name":"send_email","parameters":{},"timestamp":1700000000,"signature":"xyz"}');
    await c.send('send_email', { n: 7 }, { key: null });
    const stored = (await c.api.listCalls({})).calls;
    expect(stored.find((call) => call.id === 1)?.size).toBe(2048);

    renderApp(c.bridge);
    await waitFor(() => expect(rows()).toHaveLength(7));
    const r = rows();
    expect(r.map((row) => row.getAttribute('data-call-id'))).toEqual(['7', '6', '5', '4', '3', '2', '1']);
    expect(within(r[0]!).getByText('missing')).toBeTruthy();
    expect(within(r[1]!).getByText('malformed')).toBeTruthy();
    expect(within(r[2]!).getByText('no key')).toBeTruthy();
    // Why it is not a Flowent call, in the badge: nothing routes this path.
    expect(within(r[3]!).getByTitle('not a Flowent call: no route').textContent).toBe('no route');
    expect(within(r[3]!).getByText('/favicon.ico')).toBeTruthy();
    expect(within(r[3]!).getByText('404')).toBeTruthy();
    expect(within(r[4]!).getByText('unsigned test')).toBeTruthy();
    expect(within(r[4]!).getByText('TEST')).toBeTruthy();
    expect(within(r[5]!).queryByText('TEST')).toBeNull();
    // Signed with another key: the badge says why it is invalid, its title that it is.
    expect(within(r[5]!).getByText('wrong key?').getAttribute('title')).toMatch(/^invalid: /);
    expect(within(r[6]!).getByText('valid')).toBeTruthy();
    expect(within(r[6]!).getByText('200')).toBeTruthy();
    expect(r[6]!.textContent).toMatch(/(<1|\d+) ms/);
    expect(within(r[6]!).getByText('2.0 KB')).toBeTruthy();
    // Header counts come from the core: invalid, not a Flowent call, malformed and missing fail;
    // a call that could not be checked for want of a key does not.
    expect(screen.getByLabelText('Call counts').textContent).toContain('7 calls');
    expect(screen.getByLabelText('Call counts').textContent).toContain('4 failures');
    expect(screen.getByTestId('failure-count').getAttribute('title')).toMatch(/What counts as a failure:.*never counted/);
  });

  it('applies a batch of events (as the transport delivers a burst) in one list update and shows them', async () => {
    const c = companion();
    await c.send('send_email');
    renderApp(c.bridge);
    await waitFor(() => expect(rows()).toHaveLength(1));
    const release = holdEvents(c);
    await sendMany(c, 120);
    expect(useCallsStore.getState().calls).toHaveLength(1);
    const updates = vi.fn();
    const unsubscribe = useCallsStore.subscribe((s, prev) => {
      if (s.calls !== prev.calls) updates();
    });
    release();
    // Applied as it arrives: the page has no batching of its own on top of the transport's.
    expect(useCallsStore.getState().calls).toHaveLength(121);
    unsubscribe();
    expect(updates).toHaveBeenCalledTimes(1);
    expect(useCallsStore.getState().calls[0]!.id).toBe(121);
    await waitFor(() => expect(rows()[0]!.getAttribute('data-call-id')).toBe('121'));
    expect(screen.getByLabelText('Call counts').textContent).toContain('121 calls');
  });

  it('reads everything again on a resync marker: calls it was never told about appear, counts follow', async () => {
    const c = await companion.restart({ eventPolicy: { maxQueue: 2 } });
    await c.send('send_email');
    renderApp(c.bridge);
    await waitFor(() => expect(rows()).toHaveLength(1));
    const reads = () => (['getStatus', 'getStats', 'listCalls', 'getAccount'] as const).map((method) => c.bridge.callsTo(method).length);
    const before = reads();
    // More events wait than the transport keeps: it drops them for a resync marker.
    const release = holdEvents(c);
    await c.send('send_email');
    await c.send('send_email', {}, { key: 'another-key' });
    await c.send('send_email');
    release();
    await waitFor(() => expect(rows()).toHaveLength(4));
    expect(c.bridge.events.dropped).toBe(3);
    expect(reads()).toEqual(before.map((count) => count + 1));
    expect(screen.getByLabelText('Call counts').textContent).toContain('4 calls');
    expect(screen.getByLabelText('Call counts').textContent).toMatch(/\D1 failure$/);
  });

  it('counts a call exactly once when its event and a read of the counts cross', async () => {
    const c = await companion.restart({ eventPolicy: { maxQueue: 2 } });
    await c.send('send_email');
    renderApp(c.bridge);
    await waitFor(() => expect(screen.getByLabelText('Call counts').textContent).toMatch(/^1 call(?!s)/));
    const resync = async () => {
      const release = holdEvents(c);
      await sendMany(c, 3);
      release();
    };

    // The counts are read before a failing call is stored, and its event overtakes their answer.
    const answer = c.bridge.holdNext('getStats', 'answer');
    await resync();
    await waitFor(() => expect(c.bridge.callsTo('getStats')).toHaveLength(2));
    await c.send('send_email', {}, { key: null });
    await waitFor(() => expect(rows()).toHaveLength(5));
    answer();
    await waitFor(() => expect(screen.getByLabelText('Call counts').textContent).toContain('5 calls'));
    expect(screen.getByLabelText('Call counts').textContent).toMatch(/\D1 failure$/);

    // The other way round: the counts are read after the call was stored, and its event comes after them.
    const request = c.bridge.holdNext('getStats', 'request');
    await resync();
    await waitFor(() => expect(c.bridge.callsTo('getStats')).toHaveLength(3));
    const releaseEvents = holdEvents(c);
    await c.send('send_email', {}, { key: null });
    request();
    await waitFor(() => expect(useMetaStore.getState().stats?.countedUpTo).toBe(9));
    releaseEvents();
    await waitFor(() => expect(rows()).toHaveLength(9));
    expect(useMetaStore.getState().stats).toMatchObject({ total: 9, failures: 2 });
  });

  it('history-cleared empties the list', async () => {
    const c = companion();
    await c.send('send_email');
    await c.send('send_email');
    renderApp(c.bridge);
    await waitFor(() => expect(rows()).toHaveLength(2));
    // Cleared elsewhere (another window, the command line): the page hears it from the core.
    await c.core.api.clearHistory();
    await screen.findByText('No calls yet');
  });

  it('drops the calls the history limits prune from the list and reads the counts again', async () => {
    const c = companion();
    await sendMany(c, 4);
    renderApp(c.bridge);
    await waitFor(() => expect(rows()).toHaveLength(4));
    const statsReads = c.bridge.callsTo('getStats').length;
    // Limited elsewhere (the command line, another window): the oldest go in the core's idle time.
    const limited = await c.api.setLimits({ ...DEFAULT_LIMITS, keepCalls: 2 });
    expect(limited.ok).toBe(true);
    await waitFor(() => expect(rows().map((row) => row.getAttribute('data-call-id'))).toEqual(['4', '3']));
    expect(c.bridge.callsTo('getStats').length).toBeGreaterThan(statsReads);
    expect(screen.getByLabelText('Call counts').textContent).toContain('2 calls');
  });

  it('loads older pages with beforeId as the list scrolls, and with the load-more button', async () => {
    const c = companion();
    await sendMany(c, 650);
    renderApp(c.bridge);
    await waitFor(() => expect(useCallsStore.getState().calls).toHaveLength(200));
    expect(c.bridge.callsTo('listCalls')[0]).toEqual([{ limit: 200 }]);

    const scroller = screen.getByTestId('call-list-scroll');
    scroller.scrollTop = 199 * 32 - 400;
    fireEvent.scroll(scroller);
    await waitFor(() => expect(useCallsStore.getState().calls).toHaveLength(400));
    expect(c.bridge.callsTo('listCalls')[1]).toEqual([{ limit: 200, beforeId: 451 }]);

    // Without layout the scroll position is not trusted further: the button also loads.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Load older calls' })).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: 'Load older calls' }));
    await waitFor(() => expect(useCallsStore.getState().calls.length).toBeGreaterThanOrEqual(600));
    expect(c.bridge.callsTo('listCalls')[2]).toEqual([{ limit: 200, beforeId: 251 }]);
    const ids = useCallsStore.getState().calls.map((call) => call.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('moves the selection with the arrow keys and loads the detail', async () => {
    const c = companion();
    await sendMany(c, 3);
    const { user } = renderApp(c.bridge);
    await waitFor(() => expect(rows()).toHaveLength(3));
    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(rows()[0]!.getAttribute('aria-selected')).toBe('true'));
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
    await waitFor(() => expect(rows()[2]!.getAttribute('aria-selected')).toBe('true'));
    await user.keyboard('{ArrowUp}');
    await waitFor(() => expect(rows()[1]!.getAttribute('aria-selected')).toBe('true'));
    await waitFor(() => expect(c.bridge.callsTo('getCall').at(-1)).toEqual([2]));
    expect(screen.getByRole('listbox', { name: 'Calls' }).getAttribute('aria-activedescendant')).toBe('call-2');
    await screen.findByRole('complementary', { name: 'Call details' });
  });

  it('the arrow keys and j still move the selection after a filter checkbox was ticked (it keeps focus)', async () => {
    const c = companion();
    await sendMany(c, 3, { key: 'another-key' });
    const { user } = renderApp(c.bridge);
    await waitFor(() => expect(rows()).toHaveLength(3));
    await user.click(screen.getByRole('checkbox', { name: 'Failures only' }));
    expect(document.activeElement).toBe(screen.getByRole('checkbox', { name: 'Failures only' }));
    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(rows()[0]!.getAttribute('aria-selected')).toBe('true'));
    await user.keyboard('j');
    await waitFor(() => expect(rows()[1]!.getAttribute('aria-selected')).toBe('true'));
  });

  it('scrolls the selected row into view', async () => {
    const c = companion();
    await sendMany(c, 150, { key: null, extra: { test: true } });
    const { user } = renderApp(c.bridge);
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

  it('keeps the rows being read in place when calls arrive between a scroll and its scroll event', async () => {
    const c = companion();
    await sendMany(c, 60, { key: null, extra: { test: true } });
    renderApp(c.bridge);
    await waitFor(() => expect(useCallsStore.getState().calls).toHaveLength(60));
    const scroller = screen.getByTestId('call-list-scroll');
    Object.defineProperty(scroller, 'clientHeight', { configurable: true, value: 320 });
    Object.defineProperty(scroller, 'scrollHeight', { configurable: true, value: 70 * 32 });
    scroller.scrollTop = 10 * 32;
    fireEvent.scroll(scroller);
    // The user scrolls three rows further; a browser tells the page at its next frame, and calls
    // can land before that (happy-dom never tells it).
    scroller.scrollTop = 13 * 32;
    await sendMany(c, 4, { key: null, extra: { test: true } });
    await waitFor(() => expect(useCallsStore.getState().calls).toHaveLength(64));
    // The four new rows went in above: the rows read stay put, three rows below where the list was first scrolled to.
    expect(scroller.scrollTop).toBe(17 * 32);
  });

  it('counts arrivals and keeps the rows being read in place after the list was empty (a first run, a filter that matched nothing)', async () => {
    const c = companion();
    const { user } = renderApp(c.bridge);
    await screen.findByRole('region', { name: 'No calls yet' });
    await sendMany(c, 60, { key: null, extra: { test: true } });
    await waitFor(() => expect(useCallsStore.getState().calls).toHaveLength(60));
    const readAway = async (sent: number, total: number) => {
      // The list shown now, not the one (if any) that was there before it emptied.
      const scroller = screen.getByTestId('call-list-scroll');
      Object.defineProperty(scroller, 'clientHeight', { configurable: true, value: 320 });
      Object.defineProperty(scroller, 'scrollHeight', { configurable: true, value: (total + sent) * 32 });
      scroller.scrollTop = 10 * 32;
      fireEvent.scroll(scroller);
      await sendMany(c, sent, { key: null, extra: { test: true } });
      await screen.findByRole('button', { name: `↑ ${sent} new` });
      expect(scroller.scrollTop).toBe((10 + sent) * 32);
      fireEvent.click(screen.getByRole('button', { name: `↑ ${sent} new` }));
      fireEvent.scroll(scroller); // a browser fires this after scrollTo; happy-dom does not
      await waitFor(() => expect(screen.queryByRole('button', { name: /new$/ })).toBeNull());
    };
    await readAway(2, 60);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), '3xx');
    await screen.findByRole('region', { name: 'No matching calls' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), '');
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    await readAway(3, 62);
  });

  it('shows failures to read the history as a dismissible banner', async () => {
    const c = companion();
    await c.send('send_email');
    // The history cannot be read: the core has shut down under the page.
    await c.core.stop();
    const { user } = renderApp(c.bridge);
    const callsAlert = () => screen.queryAllByRole('alert').find((alert) => alert.textContent?.includes('Could not load calls'));
    const alert = await waitFor(() => callsAlert() ?? Promise.reject(new Error('no banner about the calls')));
    expect(alert.textContent).toContain('Could not load calls: The core is not open');
    await user.click(within(alert).getByRole('button', { name: 'Dismiss error' }));
    expect(callsAlert()).toBeUndefined();
  });
});
