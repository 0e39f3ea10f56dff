// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { waitFor, within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { openCall, rowOf } from '../harness/render';

const companion = useCompanion();

// Flowent only ever sends its registration check with empty parameters: edited ones would test a
// request Flowent never sends, and a re-signed replay already sends the check as Flowent would.
describe("replaying Flowent's registration check", () => {
  it('does not offer to edit its parameters, says why, and offers it for the next call', async () => {
    const c = companion();
    await c.send('charge_card', {}, { key: null, extra: { test: true } });
    await c.send('charge_card', { amount: 5 });
    const { pane, user } = await openCall(c.bridge, 1);
    const edit = within(pane).getByRole('button', { name: 'Edit parameters…' });
    expect((edit as HTMLButtonElement).disabled).toBe(true);
    const why = within(pane).getByRole('note', { name: 'No parameters to edit' });
    expect(edit.getAttribute('aria-describedby')).toBe(why.id);
    expect(why.textContent).toContain('this is Flowent’s registration check, which Flowent only ever sends with empty parameters');

    await user.click(await rowOf(2));
    await waitFor(() => expect((within(pane).getByRole('button', { name: 'Edit parameters…' }) as HTMLButtonElement).disabled).toBe(false));
    expect(within(pane).queryByRole('note', { name: 'No parameters to edit' })).toBeNull();
  });
});
