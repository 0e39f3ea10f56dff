// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { waitFor, within } from '@testing-library/react';
import { useCompanion, type Companion } from '../harness/companion';
import { handlerUrl, useHandler } from '../../helpers/handler-process';
import { openBulkFor, sendHistory } from './replay-kit';

const companion = useCompanion();
const handler = useHandler();

/** The bulk replay dialog over send_email's calls, whose replays the handler answers one at a time when released. */
async function openGatedBulk(c: Companion) {
  await sendHistory(c);
  await c.api.setForwardTarget('send_email', handlerUrl(handler(), 'gated'));
  return openBulkFor(c, 'send_email');
}

// The form is replaced by the run's progress, and Cancel by the run's result: a keyboard user's
// focus must go with them (to the heading of what replaced them), not fall to the page's body.
describe('the keyboard focus through a bulk replay', () => {
  it('goes from the start button to the run’s heading, and from Cancel to the result’s heading when the run ends', async () => {
    const c = companion();
    const { dialog, user } = await openGatedBulk(c);
    const start = await within(dialog).findByRole('button', { name: 'Replay these 3 calls' });
    const release = c.bridge.holdNext('startBulkReplay', 'answer');
    start.focus();
    await user.keyboard('{Enter}');
    // While the core is asked, the button keeps the focus (aria-disabled, not disabled) and a second press starts nothing.
    await waitFor(() => expect(start.getAttribute('aria-disabled')).toBe('true'));
    expect(start.hasAttribute('disabled')).toBe(false);
    expect(document.activeElement).toBe(start);
    await user.keyboard('{Enter}');
    release();
    const running = await within(dialog).findByRole('heading', { name: 'Bulk replay progress' });
    await waitFor(() => expect(document.activeElement).toBe(running));
    expect(c.bridge.callsTo('startBulkReplay')).toHaveLength(1);

    await handler().release(1);
    const cancel = within(dialog).getByRole('button', { name: 'Cancel' });
    cancel.focus();
    await user.keyboard('{Enter}');
    // Cancelling: still focused, said unavailable.
    await waitFor(() => expect(cancel.getAttribute('aria-disabled')).toBe('true'));
    expect(document.activeElement).toBe(cancel);
    await handler().release(2);
    const ended = await within(dialog).findByRole('heading', { name: 'Bulk replay result' });
    await waitFor(() => expect(document.activeElement).toBe(ended));
  });

  it('goes from Cancel to the result’s heading when the run ends by itself', async () => {
    const c = companion();
    const { dialog, user } = await openGatedBulk(c);
    await user.click(await within(dialog).findByRole('button', { name: 'Replay these 3 calls' }));
    within(dialog).getByRole('button', { name: 'Cancel' }).focus();
    await handler().release(3);
    const ended = await within(dialog).findByRole('heading', { name: 'Bulk replay result' });
    await waitFor(() => expect(document.activeElement).toBe(ended));
  });
});
