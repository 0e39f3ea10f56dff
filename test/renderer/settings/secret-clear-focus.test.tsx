// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { renderApp, settingsButton } from '../harness/render';

const companion = useCompanion();

// "Clear key" goes once no key is left to clear: the keyboard must not go with it to the page's body.
describe('the keyboard focus after clearing the HMAC key', () => {
  it('lands in the field where a new key is set', async () => {
    const c = companion();
    expect((await c.api.setHmacKey('a-key-to-clear')).ok).toBe(true);
    const { user } = renderApp(c.bridge);
    await user.click(await settingsButton());
    const section = within(screen.getByRole('dialog', { name: 'Settings' })).getByRole('region', { name: 'HMAC key' });
    const clear = await within(section).findByRole('button', { name: 'Clear key' });
    clear.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(within(section).getByTestId('hmac-current').textContent).toContain('No key set'));
    expect(within(section).queryByRole('button', { name: 'Clear key' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(within(section).getByLabelText('New HMAC key')));
  });
});
