// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { useCompanion, type Companion } from '../harness/companion';
import { renderApp, settingsButton } from '../harness/render';

const companion = useCompanion();

async function openSection(c: Companion) {
  await c.send('send_email');
  const view = renderApp(c.bridge);
  await waitFor(() => expect(document.querySelector('[data-call-id="1"]')).not.toBeNull());
  await view.user.click(await settingsButton());
  const dialog = screen.getByRole('dialog', { name: 'Settings' });
  return { ...view, section: within(dialog).getByRole('region', { name: 'ngrok authtoken' }) };
}

describe('ngrok authtoken settings', () => {
  it('sets the token in the keychain (input cleared, nothing stored in the page) and clears it', async () => {
    const c = companion();
    const { section, user } = await openSection(c);
    expect(within(section).getByTestId('ngrok-token-current').textContent).toContain('Not set');
    expect(within(section).getByTestId('ngrok-token-url').textContent).toBe('https://dashboard.ngrok.com/get-started/your-authtoken');
    expect(section.textContent).toContain('find it in your ngrok dashboard (Your Authtoken)');
    await user.click(within(section).getByRole('button', { name: 'Copy ngrok dashboard link' }));
    await expect(navigator.clipboard.readText()).resolves.toBe('https://dashboard.ngrok.com/get-started/your-authtoken');

    const input = within(section).getByLabelText('New ngrok authtoken') as HTMLInputElement;
    expect(input.type).toBe('password');
    await user.type(input, '2abcTOKENxyz');
    await user.click(within(section).getByRole('button', { name: 'Save authtoken' }));
    expect(c.bridge.callsTo('setNgrokAuthtoken')).toEqual([['2abcTOKENxyz']]);
    await waitFor(() => expect(within(section).getByTestId('ngrok-token-current').textContent).toBe('Set (saved in the system keychain).'));
    expect(c.secrets?.get('ngrok-authtoken')).toBe('2abcTOKENxyz');
    expect(input.value).toBe('');
    expect(section.textContent).not.toContain('2abcTOKENxyz');
    expect(JSON.stringify({ ...localStorage, ...sessionStorage })).not.toContain('2abcTOKENxyz');

    await user.click(within(section).getByRole('button', { name: 'Clear authtoken' }));
    await waitFor(() => expect(within(section).getByTestId('ngrok-token-current').textContent).toContain('Not set'));
    expect(c.bridge.callsTo('clearNgrokAuthtoken')).toHaveLength(1);
    expect((await c.api.getStatus()).ngrokAuthtoken.set).toBe(false);
  });

  it('with no keychain to keep the token in, offers no field and sends to NGROK_AUTHTOKEN before anything is typed', async () => {
    const c = await companion.restart({ keychain: false });
    const { section } = await openSection(c);
    expect(within(section).queryByLabelText('New ngrok authtoken')).toBeNull();
    // Why, as the HMAC key's section says it: the same keychain keeps both.
    expect(section.textContent).toContain(
      'comes from the NGROK_AUTHTOKEN environment variable, as this system offers the companion no keychain to save it in: ' +
        'set it and restart the companion to change it.',
    );
  });

  it('in the headless command, shows the token from NGROK_AUTHTOKEN, replaceable for this run only', async () => {
    const c = await companion.restart({ mode: 'headless', ngrokAuthtoken: 'from-the-environment' });
    const { section, user } = await openSection(c);
    expect(within(section).getByTestId('ngrok-token-current').textContent).toBe('Set (from NGROK_AUTHTOKEN).');
    await user.type(within(section).getByLabelText('New ngrok authtoken'), 'run-only-token');
    await user.click(within(section).getByRole('button', { name: 'Save authtoken' }));
    await waitFor(() => expect(within(section).getByTestId('ngrok-token-current').textContent).toBe('Set (for this session only).'));
  });
});
