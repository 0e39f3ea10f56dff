// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { FakeBridge, makeCall, makeStatus } from './fake-bridge';
import { renderApp, resetPage } from './harness/render';

afterEach(resetPage);

async function openSection(bridge: FakeBridge) {
  const view = renderApp(bridge);
  await waitFor(() => expect(bridge.callsTo('getStatus')).toHaveLength(1));
  await view.user.click(screen.getByRole('button', { name: 'Settings' }));
  const dialog = screen.getByRole('dialog', { name: 'Settings' });
  return { ...view, section: within(dialog).getByRole('region', { name: 'ngrok authtoken' }) };
}

describe('ngrok authtoken settings', () => {
  it('sets the token (input cleared, nothing stored in the page) and clears it', async () => {
    const bridge = new FakeBridge([makeCall({ id: 1 })]);
    bridge.status = makeStatus({ ngrokAuthtoken: { set: false, source: null } });
    const { section, user } = await openSection(bridge);
    expect(within(section).getByTestId('ngrok-token-current').textContent).toContain('Not set');
    expect(within(section).getByTestId('ngrok-token-url').textContent).toBe('https://dashboard.ngrok.com/get-started/your-authtoken');
    expect(section.textContent).toContain('find it in your ngrok dashboard (Your Authtoken)');
    await user.click(within(section).getByRole('button', { name: 'Copy ngrok dashboard link' }));
    await expect(navigator.clipboard.readText()).resolves.toBe('https://dashboard.ngrok.com/get-started/your-authtoken');

    const input = within(section).getByLabelText('New ngrok authtoken') as HTMLInputElement;
    expect(input.type).toBe('password');
    await user.type(input, '2abcTOKENxyz');
    await user.click(within(section).getByRole('button', { name: 'Save authtoken' }));
    expect(bridge.callsTo('setNgrokAuthtoken')).toEqual([['2abcTOKENxyz']]);
    await waitFor(() => expect(within(section).getByTestId('ngrok-token-current').textContent).toBe('Set (saved in the system keychain).'));
    expect(input.value).toBe('');
    expect(section.textContent).not.toContain('2abcTOKENxyz');
    expect(JSON.stringify({ ...localStorage, ...sessionStorage })).not.toContain('2abcTOKENxyz');

    await user.click(within(section).getByRole('button', { name: 'Clear authtoken' }));
    await waitFor(() => expect(within(section).getByTestId('ngrok-token-current').textContent).toContain('Not set'));
    expect(bridge.callsTo('clearNgrokAuthtoken')).toHaveLength(1);
  });

  it('shows a refused token inline', async () => {
    const { section, user } = await openSection(new FakeBridge([makeCall({ id: 1 })]));
    await user.type(within(section).getByLabelText('New ngrok authtoken'), '  ');
    await user.click(within(section).getByRole('button', { name: 'Save authtoken' }));
    expect((await within(section).findByRole('alert')).textContent).toBe('The authtoken is empty.');
  });

  it('explains NGROK_AUTHTOKEN when the token cannot be set from the UI', async () => {
    const bridge = new FakeBridge([makeCall({ id: 1 })]);
    bridge.status = makeStatus({ canSetNgrokAuthtoken: false, ngrokAuthtoken: { set: true, source: 'environment' } });
    const { section } = await openSection(bridge);
    expect(within(section).queryByLabelText('New ngrok authtoken')).toBeNull();
    expect(section.textContent).toContain('comes from the NGROK_AUTHTOKEN environment variable');
    expect(within(section).getByTestId('ngrok-token-current').textContent).toBe('Set (from NGROK_AUTHTOKEN).');
  });
});
