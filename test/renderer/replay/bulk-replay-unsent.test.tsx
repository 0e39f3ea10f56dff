// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { handlerUrl, useHandler } from '../../helpers/handler-process';
import { renderLoaded, sendHistory } from './replay-kit';

const companion = useCompanion();
const handler = useHandler();

// With the target left empty, the calls of an action with no handler are not sent, as the note
// above the button says. The button said "Replay these N calls" all the same: pressed with
// none of them able to go, it met the core's refusal; with some, it replayed fewer than it said.
describe("bulk replay's button, with the target left empty", () => {
  it('is unavailable, the note saying why, when none of the calls has anywhere to go; a target makes it available', async () => {
    const c = companion();
    await sendHistory(c);
    const { user } = await renderLoaded(c);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Action' }), 'create_ticket');
    await waitFor(() => expect(document.querySelectorAll('[data-call-id]').length).toBe(1));
    await user.click(screen.getByRole('button', { name: 'Bulk replay…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Bulk replay' });
    const start = (await within(dialog).findByRole('button', { name: 'Replay this call' })) as HTMLButtonElement;
    const note = await within(dialog).findByRole('note', { name: 'Calls not sent' });
    expect(start.disabled).toBe(true);
    expect(start.getAttribute('aria-describedby')).toBe(note.id);
    await user.click(within(dialog).getByRole('button', { name: 'This companion' }));
    expect(start.disabled).toBe(false);
    expect(start.getAttribute('aria-describedby')).toBeNull();
    const field = within(dialog).getByLabelText('Bulk replay target URL');
    await user.clear(field);
    expect(start.disabled).toBe(true);
    // Enter in a field sends nothing either, nor asks the core.
    await user.type(within(dialog).getByRole('spinbutton'), '{Enter}');
    expect(c.bridge.callsTo('startBulkReplay')).toHaveLength(0);
    await user.type(field, handlerUrl(handler(), 'ok'));
    expect(start.disabled).toBe(false);
  });

  it('says how many of the calls it replays when some have nowhere to go', async () => {
    const c = companion();
    await sendHistory(c);
    await c.api.setForwardTarget('create_ticket', handlerUrl(handler(), 'ok'));
    const { user } = await renderLoaded(c);
    await user.click(screen.getByRole('button', { name: 'Bulk replay…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Bulk replay' });
    const start = (await within(dialog).findByRole('button', { name: 'Replay 1 of these 4 calls' })) as HTMLButtonElement;
    expect(start.disabled).toBe(false);
    expect(start.getAttribute('aria-describedby')).toBe(within(dialog).getByRole('note', { name: 'Calls not sent' }).id);
    await user.type(within(dialog).getByLabelText('Bulk replay target URL'), handlerUrl(handler(), 'ok'));
    expect(within(dialog).getByRole('button', { name: 'Replay these 4 calls' })).toBe(start);
    expect(start.getAttribute('aria-describedby')).toBeNull();
  });
});
