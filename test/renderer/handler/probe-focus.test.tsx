// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { waitFor, within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { handlerUrl, useHandler } from '../../helpers/handler-process';
import { openCall } from '../harness/render';
import { openForwardedCall } from '../harness/forwarded-call';

const companion = useCompanion();
const handler = useHandler();

/** Call #1 forwarded to a handler that accepts it, its details open at "Your handler". */
async function forwardedCall(c: ReturnType<typeof companion>) {
  const opened = await openForwardedCall(c, 'send_email', handlerUrl(handler(), 'ok'));
  return { ...opened, section: within(opened.pane).getByRole('region', { name: 'Your handler' }) };
}

// Each of the probe's buttons goes away when pressed: a keyboard user must be taken to what
// takes its place, never dropped on the page's body.
describe("the keyboard focus through checking the handler's verifier", () => {
  it('goes to the confirm, back to the button on Cancel, to Cancel while the calls go, and to the result', async () => {
    const c = companion();
    const { section, user } = await forwardedCall(c);
    const check = within(section).getByRole('button', { name: "Check my handler's verifier…" });
    check.focus();
    await user.keyboard('{Enter}');
    expect(document.activeElement).toBe(within(section).getByRole('button', { name: 'Send the calls' }));

    await user.keyboard('{Tab}{Enter}');
    expect(within(section).queryByRole('group', { name: "Confirm checking your handler's verifier" })).toBeNull();
    expect(document.activeElement).toBe(within(section).getByRole('button', { name: "Check my handler's verifier…" }));

    await user.keyboard('{Enter}');
    const release = c.bridge.holdNext('probeHandler', 'answer');
    await user.keyboard('{Enter}');
    const progress = within(section).getByRole('group', { name: "Checking your handler's verifier" });
    expect(document.activeElement).toBe(within(progress).getByRole('button', { name: 'Cancel' }));

    release();
    const result = await within(section).findByRole('region', { name: 'Probe result' });
    // The focus follows the result's first paint by one render (an effect): waited for, not raced.
    await waitFor(() =>
      expect(document.activeElement).toBe(within(result).getByRole('heading', { name: "Your handler's verifier, checked" })),
    );
  });

  it("keeps the focus on the progress's Cancel once pressed (said unavailable, not disabled)", async () => {
    const c = companion();
    // A handler that answers each call only when the test lets it: the probe is still going when Cancel is pressed.
    await c.api.setForwardTarget('send_email', handlerUrl(handler(), 'gated'));
    const forwarded = c.send('send_email');
    await handler().release(1);
    await forwarded;
    const { pane, user } = await openCall(c.bridge, 1);
    const section = within(pane).getByRole('region', { name: 'Your handler' });
    await user.click(within(section).getByRole('button', { name: "Check my handler's verifier…" }));
    await user.click(within(section).getByRole('button', { name: 'Send the calls' }));
    const progress = within(section).getByRole('group', { name: "Checking your handler's verifier" });
    await waitFor(() => expect(within(progress).getByTestId('probe-step').textContent).toMatch(/^Sending 1 of/));
    const cancel = within(progress).getByRole('button', { name: 'Cancel' });
    await user.click(cancel);
    expect(cancel.getAttribute('aria-disabled')).toBe('true');
    expect(cancel.hasAttribute('disabled')).toBe(false);
    expect(document.activeElement).toBe(cancel);
    await user.click(cancel);
    expect(c.bridge.callsTo('stopProbe')).toEqual([[1]]);
    await handler().release(1);
    await within(section).findByRole('region', { name: 'Probe result' });
  });
});
