// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { handlerUrl, useHandler } from '../../helpers/handler-process';
import { openCall } from '../harness/render';
import { openForwardedCall } from '../harness/forwarded-call';

const companion = useCompanion();
const handler = useHandler();

// A keyboard user pressing a replay button must not be dropped on the page's body: the button
// keeps the focus while the replay goes, and the result takes it when it comes.
describe('the keyboard focus through a replay', () => {
  it('stays on the pressed button while the replay goes, then moves to the result heading', async () => {
    const c = companion();
    const { pane, user } = await openForwardedCall(c, 'send_email', handlerUrl(handler(), '{action_name}'));
    const button = within(pane).getByRole('button', { name: 'Replay as is' });
    const release = c.bridge.holdNext('replayCall', 'answer');
    button.focus();
    await user.keyboard('{Enter}');
    await within(pane).findByText('Replaying…');
    // Not disabled (a disabled button loses the focus), said unavailable, and a second press sends nothing.
    expect(button.hasAttribute('disabled')).toBe(false);
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(document.activeElement).toBe(button);
    await user.keyboard('{Enter}');
    release();
    const result = await within(pane).findByRole('region', { name: 'Replay result' });
    // The focus moves there one render after the result paints: a loaded machine can see the gap.
    await waitFor(() => expect(document.activeElement).toBe(within(result).getByRole('heading', { name: 'Replay result' })));
    expect(c.bridge.callsTo('replayCall')).toHaveLength(1);
    expect(button.hasAttribute('aria-disabled')).toBe(false);
  });

  it('stays on the pressed button when the replay is refused (the refusal is an alert)', async () => {
    const c = companion();
    await c.send('send_email');
    const { pane, user } = await openCall(c.bridge, 1);
    await user.click(within(pane).getByRole('button', { name: 'Replay re-signed' }));
    await within(pane).findByRole('alert', { name: 'Replay error' });
    expect(document.activeElement).toBe(within(pane).getByRole('button', { name: 'Replay re-signed' }));
  });

  it('is left in a field the person types in when a result comes', async () => {
    const c = companion();
    const { pane, user } = await openForwardedCall(c, 'send_email', handlerUrl(handler(), '{action_name}'));
    const release = c.bridge.holdNext('replayCall', 'answer');
    await user.click(within(pane).getByRole('button', { name: 'Replay as is' }));
    const field = within(pane).getByLabelText('Replay target URL');
    await user.click(field);
    release();
    await within(pane).findByRole('region', { name: 'Replay result' });
    expect(document.activeElement).toBe(field);
    expect(screen.queryByRole('alert', { name: 'Replay error' })).toBeNull();
  });
});
