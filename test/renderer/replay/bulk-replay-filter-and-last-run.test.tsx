// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { useCompanion, valueOf } from '../harness/companion';
import { handlerUrl, useHandler } from '../../helpers/handler-process';
import { bulkReplayedSendEmail, renderLoaded, sendHistory } from './replay-kit';

const companion = useCompanion();
const handler = useHandler();

describe('bulk replay: the filter it names, and the run before', () => {
  it('a window that opens after a run ended shows it as the last run, whole', async () => {
    const c = companion();
    await sendHistory(c);
    const options = { concurrency: 1, resign: false, target: handlerUrl(handler(), 'ok') };
    valueOf(await c.api.startBulkReplay({ filter: { action: 'send_email' } }, options));
    await waitFor(async () => expect((await c.api.listBulkReplays()).running).toEqual([]));
    const { user } = await renderLoaded(c);
    await waitFor(() => expect(c.bridge.callsTo('listBulkReplays').length).toBeGreaterThan(0));
    await user.keyboard('r');
    const dialog = await screen.findByRole('dialog', { name: 'Bulk replay' });
    const last = await waitFor(() => dialog.querySelector('details.bulk-last-run') as HTMLDetailsElement);
    expect(last.querySelector('summary')?.textContent).toBe('Last bulk replay: Done: 3 of 3 calls replayed.');
    expect(within(last).getByRole('group', { name: 'Bulk replay counts' }).textContent).toMatch(/Passed with a changed answer 3/);
    // No news to this window: no toast of an end it did not see come.
    expect(screen.queryByText('Bulk replay done: 3 calls replayed')).toBeNull();
  });

  it('names the list’s own filter: with Source replay, it says so, not “every stored call”', async () => {
    const c = companion();
    await sendHistory(c);
    valueOf(await c.api.replayCall(4, 'as-is', handlerUrl(handler(), 'ok')));
    const { user } = await renderLoaded(c);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Source' }), 'replay');
    await waitFor(() => expect(document.querySelectorAll('[data-call-id]')).toHaveLength(1));
    // The key, as a person presses it: not while typing in the filter's field.
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('r');
    const dialog = await screen.findByRole('dialog', { name: 'Bulk replay' });
    expect((await within(dialog).findByLabelText('Nothing to replay')).textContent).toBe(
      'The list’s filter (source: replay) shows only replays, and only calls from Flowent can be replayed. Choose another Source in the list’s filter.',
    );
    expect(c.bridge.callsTo('previewBulkReplay').at(-1)).toEqual([{ filter: { source: 'replay' } }]);
  });

  it('opens again on what a new run would replay, the last run’s result folded below it', async () => {
    // Ended while the dialog is open: its result is what the dialog shows.
    const { dialog, user } = await bulkReplayedSendEmail(companion(), handlerUrl(handler(), 'ok'));
    expect(within(dialog).queryByRole('form', { name: 'Bulk replay options' })).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Close bulk replay' }));

    await user.keyboard('r');
    const again = await screen.findByRole('dialog', { name: 'Bulk replay' });
    const form = within(again).getByRole('form', { name: 'Bulk replay options' });
    expect(form.textContent).toContain('The calls of the list’s filter: action send_email.');
    expect(await within(form).findByRole('button', { name: 'Replay these 3 calls' })).toBeTruthy();
    const last = again.querySelector('details.bulk-last-run') as HTMLDetailsElement;
    expect(last.open).toBe(false);
    expect(last.querySelector('summary')?.textContent).toBe('Last bulk replay: Done: 3 of 3 calls replayed.');
    expect(within(last).queryByRole('button', { name: 'New bulk replay' })).toBeNull();
    expect(within(last).getByRole('group', { name: 'Bulk replay counts' }).textContent).toMatch(/Passed with a changed answer 3/);
  });
});
