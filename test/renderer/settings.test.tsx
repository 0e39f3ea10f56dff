// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { FakeBridge, makeCall, makeStatus } from './fake-bridge';
import { renderApp, resetPage } from './harness/render';

afterEach(resetPage);

describe('empty state', () => {
  it('teaches: the webhook URL to give Flowent, a signed sample curl, and where the key is set', async () => {
    const bridge = new FakeBridge([]);
    const { user } = renderApp(bridge);
    const empty = await screen.findByRole('region', { name: 'No calls yet' });
    await waitFor(() =>
      expect(within(empty).getByTestId('empty-webhook-url').textContent).toBe('http://127.0.0.1:8787/actions/<action_name>'),
    );
    await waitFor(() =>
      expect(within(empty).getByTestId('sample-curl').textContent).toContain('curl -X POST http://127.0.0.1:8787/actions/send_email'),
    );
    expect(bridge.callsTo('getSampleRequest')).toEqual([['send_email']]);
    expect(empty.textContent).toContain('FLOWENT_HMAC_KEY');

    await user.click(within(empty).getByRole('button', { name: 'Copy curl command' }));
    await expect(navigator.clipboard.readText()).resolves.toContain('curl -X POST');
    await screen.findByText('Copied');

    await user.click(within(empty).getByRole('button', { name: 'Settings' }));
    expect(screen.getByRole('dialog', { name: 'Settings' })).toBeTruthy();
  });

  it('the first arriving call replaces the empty state', async () => {
    const bridge = new FakeBridge([]);
    renderApp(bridge);
    await screen.findByRole('region', { name: 'No calls yet' });
    bridge.receive(makeCall({ id: 1 }));
    await waitFor(() => expect(within(screen.getByRole('listbox', { name: 'Calls' })).getAllByRole('option').length).toBe(1));
    expect(screen.queryByRole('region', { name: 'No calls yet' })).toBeNull();
  });
});

describe('header', () => {
  it('copies the webhook base URL with the button and with c', async () => {
    const bridge = new FakeBridge([makeCall({ id: 1 })]);
    const { user } = renderApp(bridge);
    await waitFor(() => expect(screen.getByTestId('webhook-base-url').textContent).toBe('http://127.0.0.1:8787'));
    await user.keyboard('c');
    await expect(navigator.clipboard.readText()).resolves.toBe('http://127.0.0.1:8787');
    await screen.findByText('Copied');
    await navigator.clipboard.writeText('');
    await user.click(screen.getByRole('button', { name: 'Copy webhook URL' }));
    await expect(navigator.clipboard.readText()).resolves.toBe('http://127.0.0.1:8787');
  });

  it('a refused clipboard shows a message', async () => {
    const bridge = new FakeBridge([makeCall({ id: 1 })]);
    const { user } = renderApp(bridge);
    await waitFor(() => expect(screen.getByTestId('webhook-base-url')).toBeTruthy());
    navigator.clipboard.writeText = () => Promise.reject(new Error('Document is not focused'));
    await user.click(screen.getByRole('button', { name: 'Copy webhook URL' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Could not copy the webhook URL: Document is not focused');
  });
});

describe('settings', () => {
  it('sets the key, clears the input, shows the masked key, and clears the key', async () => {
    const bridge = new FakeBridge([makeCall({ id: 1 })]);
    const { user } = renderApp(bridge);
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    const dialog = screen.getByRole('dialog', { name: 'Settings' });
    await waitFor(() => expect(within(dialog).getByTestId('hmac-current').textContent).toContain('sk_…9f2a'));
    expect(within(dialog).getByTestId('hmac-current').textContent).toContain('system keychain');
    expect(dialog.textContent).toContain('/home/dev/.flowent-companion');
    expect(dialog.textContent).toContain('8787');

    const input = within(dialog).getByLabelText('New HMAC key') as HTMLInputElement;
    expect(input.type).toBe('password');
    await user.type(input, 'my-secret-key');
    await user.click(within(dialog).getByRole('button', { name: 'Save key' }));
    expect(bridge.callsTo('setHmacKey')).toEqual([['my-secret-key']]);
    await waitFor(() => expect(within(dialog).getByTestId('hmac-current').textContent).toContain('my…ey'));
    expect(input.value).toBe('');
    expect(JSON.stringify({ ...localStorage })).not.toContain('my-secret-key');
    expect(JSON.stringify({ ...sessionStorage })).not.toContain('my-secret-key');

    await user.click(within(dialog).getByRole('button', { name: 'Clear key' }));
    await waitFor(() => expect(within(dialog).getByTestId('hmac-current').textContent).toContain('No key set'));
    expect(bridge.callsTo('clearHmacKey')).toHaveLength(1);

    // Tab stays inside the dialog.
    const close = within(dialog).getByRole('button', { name: 'Close settings' });
    close.focus();
    await user.tab({ shift: true });
    expect(dialog.contains(document.activeElement)).toBe(true);
    await user.tab();
    expect(document.activeElement).toBe(close);

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Settings' }));
  });

  it('shows a refused key as a message', async () => {
    const bridge = new FakeBridge([makeCall({ id: 1 })]);
    const { user } = renderApp(bridge);
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    const dialog = screen.getByRole('dialog', { name: 'Settings' });
    await user.type(within(dialog).getByLabelText('New HMAC key'), '   ');
    await user.click(within(dialog).getByRole('button', { name: 'Save key' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('The key is empty.');
  });

  it('explains FLOWENT_HMAC_KEY when the key cannot be set from the UI', async () => {
    const bridge = new FakeBridge([makeCall({ id: 1 })]);
    bridge.status = makeStatus({ canSetHmacKey: false, mode: 'headless', hmacKey: { set: true, masked: 'ab…yz', source: 'environment' } });
    const { user } = renderApp(bridge);
    await waitFor(() => expect(bridge.callsTo('getStatus')).toHaveLength(1));
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    const dialog = screen.getByRole('dialog', { name: 'Settings' });
    await waitFor(() => expect(dialog.textContent).toContain('comes from the FLOWENT_HMAC_KEY environment variable'));
    expect(within(dialog).queryByLabelText('New HMAC key')).toBeNull();
    expect(within(dialog).getByTestId('hmac-current').textContent).toContain('from FLOWENT_HMAC_KEY');
  });

  it('clears history only after confirmation', async () => {
    const bridge = new FakeBridge([makeCall({ id: 1 }), makeCall({ id: 2 })]);
    const { user } = renderApp(bridge);
    await waitFor(() => expect(within(screen.getByRole('listbox', { name: 'Calls' })).getAllByRole('option')).toHaveLength(2));
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    const dialog = screen.getByRole('dialog', { name: 'Settings' });
    await user.click(within(dialog).getByRole('button', { name: 'Clear history…' }));
    const confirm = within(dialog).getByRole('group', { name: 'Confirm clearing history' });
    expect(confirm.textContent).toContain('Delete all 2 stored calls?');
    expect(bridge.callsTo('clearHistory')).toHaveLength(0);
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(bridge.callsTo('clearHistory')).toHaveLength(0);

    await user.click(within(dialog).getByRole('button', { name: 'Clear history…' }));
    await user.click(within(dialog).getByRole('button', { name: 'Delete all calls' }));
    await waitFor(() => expect(bridge.callsTo('clearHistory')).toHaveLength(1));
    await screen.findByText('Deleted 2 calls');
    await user.click(within(dialog).getByRole('button', { name: 'Close settings' }));
    await screen.findByRole('region', { name: 'No calls yet' });
  });
});
