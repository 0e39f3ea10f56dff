// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { KEY, useCompanion } from '../harness/companion';
import { handlerUrl, useHandler } from '../../helpers/handler-process';
import { openForwardedCall } from '../harness/forwarded-call';

// The key set here has a trailing space, as copied from a web page; the call is signed with the
// key Flowent signs with, and the handler takes it: the handler is right, the key set here is off.
const companion = useCompanion({ key: `${KEY} ` });
const handler = useHandler();

describe('the box for a handler that rightly took a signature the key set here fails by its whitespace', () => {
  it('offers no verifier to fix the handler, and points at where the key is set', async () => {
    const c = companion();
    const { pane, user } = await openForwardedCall(c, 'send_email', handlerUrl(handler(), 'ok'), { to: 'a@example.com' }, { key: KEY });
    const box = within(pane).getByRole('group', { name: 'Your handler and the signature' });
    expect(box.getAttribute('data-code')).toBe('handler-accepted-valid-once-corrected');
    expect(box.textContent).toContain('Your handler is fine; the key set here is off.');
    expect(within(box).queryByText(/Show a verifier/)).toBeNull();

    await user.click(within(box).getByRole('button', { name: 'Set the key again in Settings' }));
    expect(screen.getByRole('dialog', { name: 'Settings' })).toBeTruthy();
  });
});
