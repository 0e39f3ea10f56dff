// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import { holdingHandler, type HoldingHandler } from '../../helpers/holding-handler';
import { useCallsStore } from '../../../renderer/src/history/calls-store';
import { useCompanion, valueOf } from '../harness/companion';
import { ScriptedEventSource } from '../harness/scripted-event-source';
import { renderApp } from '../harness/render';

// The browser inspector, over a real core that forwards to a handler keeping the call: the
// stream's side is played by the test, so its hello comes when the test says.
const companion = useCompanion({ mode: 'headless' });

let handler: HoldingHandler | null = null;
afterEach(async () => {
  await handler?.close();
  handler = null;
});

describe('a call waiting for the handler, when the live stream (re)opens', () => {
  it('stays shown: the page reads the waits again without first emptying the list', async () => {
    const c = companion();
    handler = await holdingHandler(null);
    valueOf(await c.api.setForwardTarget('send_email', `http://127.0.0.1:${handler.port}/{action_name}`));
    const answered = c.send('send_email');
    // A call is told of as waiting once it has waited a second.
    await waitFor(async () => expect(await c.api.listWaitingCalls()).toHaveLength(1), { timeout: 5_000 });
    ScriptedEventSource.last = null;
    renderApp(await c.browserBridge({ createEventSource: (u) => new ScriptedEventSource(u), retryMs: 0 }));
    await screen.findByRole('list', { name: 'Calls waiting for your handler' });
    await waitFor(() => expect(ScriptedEventSource.last).not.toBeNull());

    const shown: number[] = [];
    const off = useCallsStore.subscribe((state) => shown.push(state.waiting.length));
    try {
      // The first hello (and any later one) reads everything again, the waits with it.
      act(() => ScriptedEventSource.last!.dispatch('hello', '{"instance":"one"}'));
      await waitFor(() => expect(c.inspectorRequests.filter((r) => r.method === 'listWaitingCalls' && r.answered)).toHaveLength(2));
    } finally {
      off();
    }
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((count) => count === 1)).toBe(true);
    expect(screen.getByRole('list', { name: 'Calls waiting for your handler' }).textContent).toContain('send_email');

    handler.answerAll();
    expect((await answered).status).toBe(200);
  });
});
