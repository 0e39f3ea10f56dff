// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { ScriptedEventSource } from '../harness/scripted-event-source';
import { renderApp, rowOf } from '../harness/render';
import { missingCallWords } from '../../../main/contract/words';

// The browser inspector while `serve` is stopped and started again: the real inspector server
// over a real core, reached over HTTP; the stream's side is played here, so the test says when
// it breaks and when the companion's hello comes back.
const companion = useCompanion({ mode: 'headless' });

const pane = () => screen.getByRole('complementary', { name: 'Call details' });
const banners = () => [...document.querySelectorAll('.banners .banner')].map((b) => b.textContent ?? '');

describe('the detail pane while the companion cannot be reached', () => {
  it('says the call could not be loaded (not that it is gone), in one banner, and loads it once the connection is back', async () => {
    const c = companion();
    await c.send('send_email');
    await c.send('create_ticket');
    const bridge = await c.browserBridge({ createEventSource: (u) => new ScriptedEventSource(u), retryMs: 20 });
    const { user } = renderApp(bridge);
    await rowOf(1);
    await waitFor(() => expect(ScriptedEventSource.last).not.toBeNull());
    const first = ScriptedEventSource.last!;
    // Nothing of the first load is still on its way when serve stops.
    await waitFor(() => expect(c.inspectorRequests.every((r) => r.answered)).toBe(true));

    // serve is stopped: the stream breaks, and every read fails to reach it.
    await c.stopInspector();
    act(() => first.dispatch('error'));
    await screen.findByText('Connection to the companion lost: reconnecting…');
    await user.click(await rowOf(1));
    await waitFor(() => expect(pane().getAttribute('aria-busy')).toBeNull());
    expect(pane().textContent).toContain('Call #1 could not be loaded: the companion cannot be reached');
    expect(pane().textContent).not.toContain(missingCallWords(1, null));
    await user.click(await rowOf(2));
    await waitFor(() => expect(pane().textContent).toContain('Call #2 could not be loaded: the companion cannot be reached'));

    // Two failed reads, one banner: what happened, what to do, and the last failure.
    await waitFor(() => expect(banners().join('\n')).toContain('Could not load call #2: Cannot reach the companion'));
    expect(banners()).toHaveLength(1);
    // The companion's own (temporary) data folder is named, with its webhook port (not the
    // default's): as printed, the command starts this companion.
    expect(banners()[0]).toMatch(
      new RegExp(`start flowent-companion serve --port ${new URL(c.baseUrl).port} (--inspector-port \\d+ )?--data-dir \\S+ again`),
    );
    expect(banners()[0]).not.toContain('Could not load call #1');

    // serve is back on the same port: the stream reopens, and its hello reads the selected call again.
    await c.startInspector();
    await waitFor(() => expect(ScriptedEventSource.last).not.toBe(first));
    act(() => ScriptedEventSource.last!.dispatch('hello', '{"instance":"two"}'));
    await waitFor(() => expect(within(pane()).getByRole('heading', { level: 2 }).textContent).toContain('/actions/create_ticket'));
    expect(banners()).toEqual([]);
  });

  it('says the call is not in the history when the companion, reached again, no longer has it', async () => {
    const c = companion();
    await c.send('send_email');
    const bridge = await c.browserBridge({ createEventSource: (u) => new ScriptedEventSource(u), retryMs: 20 });
    const { user } = renderApp(bridge);
    await user.click(await rowOf(1));
    await waitFor(() => expect(within(pane()).queryByRole('heading', { level: 2 })).not.toBeNull());
    await waitFor(() => expect(ScriptedEventSource.last).not.toBeNull());
    const first = ScriptedEventSource.last!;
    act(() => first.dispatch('hello', '{"instance":"one"}'));

    // Another serve on the same folder would have the call; this one's history was cleared meanwhile.
    await c.api.clearHistory();
    act(() => first.dispatch('error'));
    await waitFor(() => expect(ScriptedEventSource.last).not.toBe(first));
    act(() => ScriptedEventSource.last!.dispatch('hello', '{"instance":"two"}'));
    await waitFor(() => expect(pane().textContent).toContain('There is no call #1 in the history (it may have been cleared).'));
  });
});
