// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import { resetPage } from './harness/render';
import { historyBridge, renderLoaded } from './replay-test-kit';

afterEach(resetPage);

async function openBulkFor(action: string) {
  const bridge = historyBridge();
  const view = await renderLoaded(bridge);
  await view.user.selectOptions(screen.getByRole('combobox', { name: 'Action' }), action);
  await waitFor(() => expect(document.querySelectorAll('[data-call-id]').length).toBeLessThan(4));
  await view.user.click(screen.getByRole('button', { name: 'Replay these…' }));
  const dialog = await screen.findByRole('dialog', { name: 'Bulk replay' });
  return { ...view, bridge, dialog };
}

function progressOf(dialog: HTMLElement): HTMLProgressElement {
  return within(dialog).getByRole('progressbar', { name: 'Replayed so far' }) as HTMLProgressElement;
}

describe('bulk replay of the filtered list', () => {
  it('replays the filter with the chosen options, shows real progress and a clickable summary', async () => {
    const opened = await openBulkFor('send_email');
    const { bridge, user } = opened;
    let dialog = opened.dialog;
    const start = await within(dialog).findByRole('button', { name: 'Replay these 3 calls' });
    const concurrency = within(dialog).getByRole('spinbutton', { name: 'Replays at once' });
    await user.clear(concurrency);
    await user.type(concurrency, '2');
    expect(within(dialog).getByLabelText('Learned signing style').textContent).toBe(
      'Flowent signs with python style, learned from 37 calls.',
    );
    await user.click(start);
    await waitFor(() => expect(progressOf(dialog).max).toBe(3));
    expect(bridge.callsTo('startBulkReplay')).toEqual([
      [{ filter: { action: 'send_email' } }, { concurrency: 2, resign: true, target: null }],
    ]);
    expect(progressOf(dialog).value).toBe(0);
    expect(dialog.textContent).toContain('Replaying 0 of 3…');

    act(() => bridge.replayCore.advanceBulk(1));
    await waitFor(() => expect(progressOf(dialog).value).toBe(1));
    expect(dialog.textContent).toContain('Replaying 1 of 3…');
    // Closed, the run goes on and the toolbar shows how far it got; reopened, the dialog shows it again.
    await user.click(within(dialog).getByRole('button', { name: 'Close bulk replay' }));
    act(() => bridge.replayCore.advanceBulk(1));
    await user.click(await screen.findByRole('button', { name: 'Bulk replay: 2 of 3…' }));
    dialog = await screen.findByRole('dialog', { name: 'Bulk replay' });
    expect(progressOf(dialog).value).toBe(2);
    act(() => bridge.replayCore.advanceBulk(1));
    await waitFor(() => expect(dialog.textContent).toContain('Done: 3 of 3 calls replayed.'));
    expect(within(dialog).queryByRole('button', { name: 'Cancel' })).toBeNull();

    // The fake handler answers differently from the stored mock: every replay changed the answer.
    const counts = within(dialog).getByRole('group', { name: 'Bulk replay counts' });
    expect(within(counts).getByRole('button', { name: /Passed/ }).textContent).toBe('Passed 0');
    await user.click(within(counts).getByRole('button', { name: 'Changed answer 3' }));
    const list = within(dialog).getByRole('list', { name: 'Changed answer calls' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Call #1 → replay #5', 'Call #2 → replay #6', 'Call #3 → replay #7']);
    await user.click(within(list).getByRole('button', { name: 'replay #6' }));
    expect(screen.queryByRole('dialog', { name: 'Bulk replay' })).toBeNull();
    const pane = await screen.findByRole('complementary', { name: 'Call details' });
    await waitFor(() => expect(pane.textContent).toContain('Replay of#2'));
  });

  it('cancels a run: the summary says how far it got', async () => {
    const { bridge, dialog, user } = await openBulkFor('send_email');
    await user.click(await within(dialog).findByRole('button', { name: 'Replay these 3 calls' }));
    await waitFor(() => expect(progressOf(dialog).max).toBe(3));
    act(() => bridge.replayCore.advanceBulk(1));
    await waitFor(() => expect(progressOf(dialog).value).toBe(1));
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(dialog.textContent).toContain('Cancelled after 1 of 3 calls.'));
    expect(bridge.callsTo('cancelBulkReplay')).toEqual([['run-1']]);
    await user.click(within(dialog).getByRole('button', { name: 'New bulk replay' }));
    expect(await within(dialog).findByRole('button', { name: 'Replay these 3 calls' })).toBeTruthy();
  });

  it('shows the core’s refusal inline and says what to do when nothing matches', async () => {
    const { bridge, dialog, user } = await openBulkFor('create_ticket');
    bridge.refuseNext.set('startBulkReplay', {
      code: 'no-target',
      message: 'There is no forwarding target for create_ticket; give a target URL.',
    });
    await user.click(await within(dialog).findByRole('button', { name: 'Replay these 1 call' }));
    expect((await within(dialog).findByRole('alert', { name: 'Bulk replay error' })).textContent).toContain('give a target URL');
    bridge.store = bridge.store.filter((c) => c.action !== 'create_ticket');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Bulk replay' })).toBeNull();
    await user.keyboard('r');
    const again = await screen.findByRole('dialog', { name: 'Bulk replay' });
    expect((await within(again).findByLabelText('Nothing to replay')).textContent).toContain('Change the filter');
    expect(bridge.callsTo('countReplayable').at(-1)).toEqual([{ filter: { action: 'create_ticket' } }]);
  });

  it('a window that opens while a bulk replay runs follows it: progress in the toolbar and the dialog, then the end', async () => {
    const bridge = historyBridge();
    const started = bridge.replayCore.startBulk({ filter: { action: 'send_email' } }, { concurrency: 1, resign: false, target: null });
    if (!started.ok) throw new Error(started.message);
    bridge.replayCore.advanceBulk(1);
    const { user } = await renderLoaded(bridge);
    const button = await screen.findByRole('button', { name: 'Bulk replay: 1 of 3…' });
    await user.click(button);
    const dialog = await screen.findByRole('dialog', { name: 'Bulk replay' });
    expect(progressOf(dialog).value).toBe(1);
    act(() => bridge.replayCore.advanceBulk(2));
    await waitFor(() => expect(progressOf(dialog).value).toBe(3));
    await waitFor(() => expect(within(dialog).queryByRole('button', { name: 'New bulk replay' })).not.toBeNull());
  });
});
