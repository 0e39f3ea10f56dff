// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import { useCompanion, valueOf, type Companion } from '../harness/companion';
import { handlerUrl, useHandler } from '../../helpers/handler-process';
import { openBulkFor, renderLoaded, sendHistory } from './replay-kit';
import { refreshAll } from '../../../renderer/src/app/session';
import { FINISHED_RUNS_KEPT } from '../../../main/core/replay/bulk-runs';

const companion = useCompanion();
const handler = useHandler();

/** Flowent's history, with send_email's replays going to the handler, which answers one at a time when released. */
async function gatedHistory(): Promise<Companion> {
  const c = companion();
  await sendHistory(c);
  await c.api.setForwardTarget('send_email', handlerUrl(handler(), 'gated'));
  return c;
}

function progressOf(dialog: HTMLElement): HTMLProgressElement {
  return within(dialog).getByRole('progressbar', { name: 'Replayed so far' }) as HTMLProgressElement;
}

/**
 * send_email's three calls replayed from the dialog, the run seen started; then the page hears
 * nothing more (a connection that is not taking events), and the run ends.
 */
async function runEndedUnheard() {
  const c = await gatedHistory();
  const opened = await openBulkFor(c, 'send_email');
  await opened.user.click(await within(opened.dialog).findByRole('button', { name: 'Replay these 3 calls' }));
  await waitFor(() => expect(progressOf(opened.dialog).max).toBe(3));
  c.bridge.events.pause();
  await handler().release(3);
  await waitFor(async () => expect((await c.api.listBulkReplays()).running).toEqual([]));
  return { c, ...opened };
}

describe('bulk replay of the filtered list', () => {
  it('replays the filter with the chosen options, shows real progress and a clickable summary', async () => {
    const c = await gatedHistory();
    const opened = await openBulkFor(c, 'send_email');
    const { user } = opened;
    let dialog = opened.dialog;
    const start = await within(dialog).findByRole('button', { name: 'Replay these 3 calls' });
    // The core replays Flowent's and imported calls that name an action: the form says so.
    expect(within(dialog).getByRole('form', { name: 'Bulk replay options' }).textContent).toContain(
      'replays, simulated calls and requests that name no action are left out',
    );
    const concurrency = within(dialog).getByRole('spinbutton', { name: 'Replays at once' });
    await user.clear(concurrency);
    await user.type(concurrency, '65');
    expect(within(dialog).getByText(/^Replays at once: /).textContent).toBe(
      'Replays at once: a whole number from 1 to 64 (1: one at a time, in order).',
    );
    await user.clear(concurrency);
    await user.type(concurrency, '1');
    // Re-signing (the default) leaves Flowent's unsigned registration checks unsigned: the form says so.
    expect(within(dialog).getByRole('form', { name: 'Bulk replay options' }).textContent).toContain(
      'Registration checks Flowent sent unsigned go unsigned with a fresh timestamp, as Flowent sends them.',
    );
    // Every style signs these bodies alike: none of the four calls told the styles apart, so none is counted as learned from.
    expect(within(dialog).getByLabelText('Learned signing style').textContent).toBe(
      'Calls this companion signs use Python example (as sent, ASCII escapes): every style signs the 4 Flowent calls so far alike, so none told which one Flowent uses.',
    );
    await user.click(start);
    await waitFor(() => expect(progressOf(dialog).max).toBe(3));
    expect(c.bridge.callsTo('startBulkReplay')).toEqual([
      [{ filter: { action: 'send_email' } }, { concurrency: 1, resign: true, target: null }],
    ]);
    expect(progressOf(dialog).value).toBe(0);
    expect(dialog.textContent).toContain('Replaying 0 of 3…');

    await handler().release(1);
    await waitFor(() => expect(progressOf(dialog).value).toBe(1));
    expect(dialog.textContent).toContain('Replaying 1 of 3…');
    // Closed, the run goes on and the toolbar shows how far it got; reopened, the dialog shows it again.
    await user.click(within(dialog).getByRole('button', { name: 'Close bulk replay' }));
    await handler().release(1);
    await user.click(await screen.findByRole('button', { name: 'Bulk replay: 2 of 3…' }));
    dialog = await screen.findByRole('dialog', { name: 'Bulk replay' });
    expect(progressOf(dialog).value).toBe(2);
    await handler().release(1);
    await waitFor(() => expect(dialog.textContent).toContain('Done: 3 of 3 calls replayed.'));
    expect(within(dialog).queryByRole('button', { name: 'Cancel' })).toBeNull();

    // The handler answers otherwise than the companion's mock did: every replay changed the answer.
    const counts = within(dialog).getByRole('group', { name: 'Bulk replay counts' });
    expect(within(counts).getByRole('button', { name: 'Passed 0' })).toBeTruthy();
    await user.click(within(counts).getByRole('button', { name: 'Passed with a changed answer 3' }));
    const list = within(dialog).getByRole('list', { name: 'Calls passed with a changed answer' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Call #1 → replay #5: 200 — The body and headers changed',
      'Call #2 → replay #6: 200 — The body and headers changed',
      'Call #3 → replay #7: 200 — The body and headers changed',
    ]);
    await user.click(within(list).getByRole('button', { name: 'replay #6' }));
    expect(screen.queryByRole('dialog', { name: 'Bulk replay' })).toBeNull();
    const pane = await screen.findByRole('complementary', { name: 'Call details' });
    await waitFor(() => expect(pane.textContent).toContain('Replay of#2'));
  });

  it('cancels a run: the summary says how far it got', async () => {
    const c = await gatedHistory();
    const { dialog, user } = await openBulkFor(c, 'send_email');
    const concurrency = within(dialog).getByRole('spinbutton', { name: 'Replays at once' });
    await user.clear(concurrency);
    await user.type(concurrency, '1');
    await user.click(await within(dialog).findByRole('button', { name: 'Replay these 3 calls' }));
    await waitFor(() => expect(progressOf(dialog).max).toBe(3));
    await handler().release(1);
    await waitFor(() => expect(progressOf(dialog).value).toBe(1));
    const runId = (await c.api.listBulkReplays()).running[0]!.runId;
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    // The replay in flight when the run is cancelled still ends, then no other starts.
    await handler().release(1);
    await waitFor(() => expect(dialog.textContent).toMatch(/Cancelled after [12] of 3 calls\./));
    expect(c.bridge.callsTo('cancelBulkReplay')).toEqual([[runId]]);
    await user.click(within(dialog).getByRole('button', { name: 'New bulk replay' }));
    expect(await within(dialog).findByRole('button', { name: 'Replay these 3 calls' })).toBeTruthy();
  });

  it('follows a run whose events came before the answer that started it (a run to this companion is over that fast)', async () => {
    const c = await gatedHistory();
    const { dialog, user } = await openBulkFor(c, 'send_email');
    const answer = c.bridge.holdNext('startBulkReplay', 'answer');
    await handler().release(3);
    await user.click(await within(dialog).findByRole('button', { name: 'Replay these 3 calls' }));
    // The run is over in the core, and its events have reached the page, before the answer naming it.
    await waitFor(async () => expect(c.bridge.callsTo('startBulkReplay')).toHaveLength(1));
    await waitFor(async () => expect((await c.api.listBulkReplays()).running).toEqual([]));
    await waitFor(() => expect(document.querySelectorAll('[data-call-id]').length).toBe(6));
    answer();
    await waitFor(() => expect(dialog.textContent).toContain('Done: 3 of 3 calls replayed.'));
    expect(progressOf(dialog).value).toBe(3);
    expect(screen.getByRole('button', { name: 'Bulk replay…' })).toBeTruthy();
  });

  it('Cancel of a run whose end never reached the page shows it as it ended, read from the core', async () => {
    const { c, dialog, user } = await runEndedUnheard();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    // Over, whole, as its end would have shown it: a new run can be started at once.
    await waitFor(() => expect(dialog.textContent).toContain('Done: 3 of 3 calls replayed.'));
    expect(progressOf(dialog).value).toBe(3);
    expect(within(dialog).getByRole('button', { name: 'Passed with a changed answer 3' }).hasAttribute('disabled')).toBe(false);
    expect(screen.getByRole('button', { name: 'Bulk replay…' })).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: /Cancel/ })).toBeNull();
    // Its end, told late (with the replays, listed now), says the same: it is not told twice.
    c.bridge.events.resume();
    await waitFor(() => expect(document.querySelectorAll('[data-call-id]').length).toBe(6));
    expect(screen.getAllByText('Bulk replay done: 3 calls replayed')).toHaveLength(1);
    await user.click(within(dialog).getByRole('button', { name: 'New bulk replay' }));
    expect(await within(dialog).findByRole('button', { name: 'Replay these 3 calls' })).toBeTruthy();
  });

  it('a run whose end never reached the page, and the core no longer keeps, is shown over, then as it ended once told', async () => {
    const { c, dialog, user } = await runEndedUnheard();
    // As many runs end after it as the core keeps: its summary is no longer there.
    for (let n = 0; n < FINISHED_RUNS_KEPT; n++) {
      const options = { concurrency: 3, resign: false, target: handlerUrl(handler(), 'ok') };
      valueOf(await c.api.startBulkReplay({ filter: { action: 'send_email' } }, options));
      await waitFor(async () => expect((await c.api.listBulkReplays()).running).toEqual([]));
    }
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(dialog.textContent).toContain('Ended, but how never reached this page (last seen: 0 of 3).'));
    expect(screen.getByRole('button', { name: 'Bulk replay…' })).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: /Cancel/ })).toBeNull();
    // Its end, told late, replaces what the page made of it.
    c.bridge.events.resume();
    await waitFor(() => expect(dialog.textContent).toContain('Done: 3 of 3 calls replayed.'));
  });

  it('a run whose end was missed while the connection was away is shown as it ended once the page reads everything again', async () => {
    const { dialog, user } = await runEndedUnheard();
    expect(dialog.textContent).toContain('Replaying 0 of 3…');
    // What a reconnection does.
    await act(() => refreshAll());
    await waitFor(() => expect(dialog.textContent).toContain('Done: 3 of 3 calls replayed.'));
    await user.click(within(dialog).getByRole('button', { name: 'Passed with a changed answer 3' }));
    expect(within(within(dialog).getByRole('list', { name: 'Calls passed with a changed answer' })).getAllByRole('listitem')).toHaveLength(
      3,
    );
  });

  it('shows the core’s refusal inline and says what to do when nothing matches', async () => {
    const c = await gatedHistory();
    await c.api.setForwardTarget('create_ticket', handlerUrl(handler(), 'ok'));
    const { dialog, user } = await openBulkFor(c, 'create_ticket');
    const start = await within(dialog).findByRole('button', { name: 'Replay this call' });
    // The target goes while the dialog is open: the form counted on it, the core refuses.
    await c.api.setForwardTarget('create_ticket', null);
    await c.api.setAnswerMode('create_ticket', null);
    await user.click(start);
    // The page's words: the field here and the Answers panel, never the command line's flags.
    expect((await within(dialog).findByRole('alert', { name: 'Bulk replay error' })).textContent).toBe(
      'There is no handler to send action create_ticket to. Give a target URL here, or set a forwarding target for create_ticket in Answers, ' +
        'or choose "This companion" for the companion to answer it as it answers Flowent.',
    );
    // What the refusal offers is there, as for one replay.
    expect(within(dialog).getByRole('button', { name: 'This companion' })).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Bulk replay' })).toBeNull();
    await c.api.clearHistory();
    await user.keyboard('r');
    const again = await screen.findByRole('dialog', { name: 'Bulk replay' });
    expect((await within(again).findByLabelText('Nothing to replay')).textContent).toContain('Change the filter');
    expect(c.bridge.callsTo('previewBulkReplay').at(-1)).toEqual([{ filter: { action: 'create_ticket' } }]);
  });

  it('a window that opens while a bulk replay runs follows it: progress in the toolbar and the dialog, then the end', async () => {
    const c = await gatedHistory();
    valueOf(await c.api.startBulkReplay({ filter: { action: 'send_email' } }, { concurrency: 1, resign: false, target: null }));
    await handler().release(1);
    await waitFor(async () => expect((await c.api.listBulkReplays()).running[0]!.done).toBe(1));
    const { user } = await renderLoaded(c);
    const button = await screen.findByRole('button', { name: 'Bulk replay: 1 of 3…' });
    await user.click(button);
    const dialog = await screen.findByRole('dialog', { name: 'Bulk replay' });
    expect(progressOf(dialog).value).toBe(1);
    await handler().release(2);
    await waitFor(() => expect(progressOf(dialog).value).toBe(3));
    await waitFor(() => expect(within(dialog).queryByRole('button', { name: 'New bulk replay' })).not.toBeNull());
  });
});
