// @vitest-environment happy-dom
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { DEFAULT_LIMITS } from '../../../main/contract/api';
import { edgeSpaceWords } from '../../../main/contract/words';
import { KEY, useCompanion } from '../harness/companion';
import { renderApp, settingsButton } from '../harness/render';

const companion = useCompanion();

/** Every file the companion wrote in its data folder (history, WAL, keychain blobs), as text. */
function dataFolderText(dataDir: string): string {
  return readdirSync(dataDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name)).toString('latin1'))
    .join('\n');
}

describe('empty state', () => {
  it('teaches: the webhook URL to give Flowent, a signed sample curl, and where the key is set', async () => {
    const c = companion();
    const { user } = renderApp(c.bridge);
    const empty = await screen.findByRole('region', { name: 'No calls yet' });
    await user.type(within(empty).getByRole('combobox', { name: 'Action' }), 'send_email');
    await waitFor(() => expect(within(empty).getByTestId('empty-webhook-url').textContent).toBe(`${c.baseUrl}/actions/send_email`));
    // The core prepares the sample (signed now, so its timestamp is this second's): wait for it.
    await waitFor(() =>
      expect(within(empty).getByTestId('sample-curl').textContent).toContain(`-X POST '${c.baseUrl}/actions/send_email'`),
    );
    const curl = within(empty).getByTestId('sample-curl').textContent ?? '';
    // The key is set (in the keychain): where it is, not how to set it.
    expect(within(empty).getByTestId('empty-key-line').textContent).toBe(
      'Signatures are checked with your Flowent HMAC key (saved in the system keychain; change it in Settings).',
    );

    await user.click(within(empty).getByRole('button', { name: 'Copy curl command' }));
    await expect(navigator.clipboard.readText()).resolves.toBe(curl);
    await screen.findByText('Copied');

    await user.click(within(empty).getByRole('button', { name: 'Settings' }));
    expect(screen.getByRole('dialog', { name: 'Settings' })).toBeTruthy();

    // The body is signed with the companion's key: sent as the command sends it, the signature is valid.
    const body = /--data-binary '(.*)'$/.exec(curl)?.[1] ?? '';
    expect((await c.post('/actions/send_email', body)).status).toBe(200);
    expect((await c.api.getCall(1))!.verdict).toBe('valid');
  });

  it('says where to set the HMAC key only when none is set', async () => {
    const c = await companion.restart({ key: null });
    renderApp(c.bridge);
    const empty = await screen.findByRole('region', { name: 'No calls yet' });
    await waitFor(() =>
      expect(within(empty).getByTestId('empty-key-line').textContent).toBe(
        'Signatures are checked with your Flowent HMAC key, and none is set yet. Set it in Settings (or FLOWENT_HMAC_KEY in headless mode).',
      ),
    );
    await within(empty).findByText(
      'This sample is unsigned because no HMAC key is set: it arrives as a call with no signature, a failure, until a key is set.',
    );
    // Not announced as "correctly signed" above it.
    expect(within(empty).queryByText(/correctly signed/)).toBeNull();
    within(empty).getByText('Or send a sample call now:');
  });

  it('with the key from FLOWENT_HMAC_KEY, says so instead of asking for it', async () => {
    const c = await companion.restart({ mode: 'headless' });
    renderApp(c.bridge);
    const empty = await screen.findByRole('region', { name: 'No calls yet' });
    await waitFor(() =>
      expect(within(empty).getByTestId('empty-key-line').textContent).toMatch(
        /^Signatures are checked with your Flowent HMAC key \(from FLOWENT_HMAC_KEY[;)]/,
      ),
    );
    expect(empty.textContent).not.toMatch(/Set it|headless mode/);
  });

  it('signs the sample anew every half minute, so a copy is never past the timestamp window', async () => {
    // Only the page's intervals run on a fake clock: sockets, timeouts and the core keep real time.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const c = companion();
      renderApp(c.bridge);
      const empty = await screen.findByRole('region', { name: 'No calls yet' });
      await waitFor(() => expect(within(empty).getByTestId('sample-curl').textContent).toContain('/actions/send_email'));
      const first = within(empty).getByTestId('sample-curl').textContent;
      await new Promise((resolve) => setTimeout(resolve, 1100)); // the next second, for a new timestamp
      expect(within(empty).getByTestId('sample-curl').textContent).toBe(first);
      vi.advanceTimersByTime(30_000);
      await waitFor(() => expect(within(empty).getByTestId('sample-curl').textContent).not.toBe(first));
      const body = /--data-binary '(.*)'$/.exec(within(empty).getByTestId('sample-curl').textContent ?? '')?.[1] ?? '';
      expect((await c.post('/actions/send_email', body)).status).toBe(200);
      expect((await c.api.getCall(1))!.verdict).toBe('valid');
    } finally {
      vi.useRealTimers();
    }
  });

  it('a key saved in Settings signs the sample at once', async () => {
    const c = await companion.restart({ key: null });
    const { user } = renderApp(c.bridge);
    const empty = await screen.findByRole('region', { name: 'No calls yet' });
    await within(empty).findByText(
      'This sample is unsigned because no HMAC key is set: it arrives as a call with no signature, a failure, until a key is set.',
    );
    await user.click(within(empty).getByRole('button', { name: 'Settings' }));
    const dialog = screen.getByRole('dialog', { name: 'Settings' });
    await user.type(within(dialog).getByLabelText('New HMAC key'), KEY);
    await user.click(within(dialog).getByRole('button', { name: 'Save key' }));
    await waitFor(() =>
      expect(
        within(empty).queryByText(
          'This sample is unsigned because no HMAC key is set: it arrives as a call with no signature, a failure, until a key is set.',
        ),
      ).toBeNull(),
    );
    const body = /--data-binary '(.*)'$/.exec(within(empty).getByTestId('sample-curl').textContent ?? '')?.[1] ?? '';
    expect((await c.post('/actions/send_email', body)).status).toBe(200);
    expect((await c.api.getCall(1))!.verdict).toBe('valid');
  });

  it('the first arriving call replaces the empty state', async () => {
    const c = companion();
    renderApp(c.bridge);
    await screen.findByRole('region', { name: 'No calls yet' });
    await c.send('send_email');
    await waitFor(() => expect(within(screen.getByRole('listbox', { name: 'Calls' })).getAllByRole('option').length).toBe(1));
    expect(screen.queryByRole('region', { name: 'No calls yet' })).toBeNull();
  });
});

describe('header', () => {
  it('copies the webhook base URL with the button and with c', async () => {
    const c = companion();
    const { user } = renderApp(c.bridge);
    await waitFor(() => expect(screen.getByTestId('webhook-base-url').textContent).toBe(c.baseUrl));
    await user.keyboard('c');
    await expect(navigator.clipboard.readText()).resolves.toBe(c.baseUrl);
    await screen.findByText('Copied');
    await navigator.clipboard.writeText('');
    await user.click(screen.getByRole('button', { name: 'Copy webhook URL' }));
    await expect(navigator.clipboard.readText()).resolves.toBe(c.baseUrl);
  });

  it('a refused clipboard shows a message', async () => {
    const c = companion();
    const { user } = renderApp(c.bridge);
    await waitFor(() => expect(screen.getByTestId('webhook-base-url').textContent).toBe(c.baseUrl));
    navigator.clipboard.writeText = () => Promise.reject(new Error('Document is not focused'));
    await user.click(screen.getByRole('button', { name: 'Copy webhook URL' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Could not copy the webhook URL: Document is not focused');
  });
});

describe('settings', () => {
  it('sets the key in the keychain, clears the input, shows only that a key is set, and clears the key', async () => {
    const c = companion();
    const { user } = renderApp(c.bridge);
    await user.click(await settingsButton());
    const dialog = screen.getByRole('dialog', { name: 'Settings' });
    await waitFor(() => expect(within(dialog).getByTestId('hmac-current').textContent).toContain('Set (saved in the system keychain).'));
    expect(dialog.textContent).toContain(c.dataDir);
    expect(dialog.textContent).toContain(String(new URL(c.baseUrl).port));

    const input = within(dialog).getByLabelText('New HMAC key') as HTMLInputElement;
    expect(input.type).toBe('password');
    await user.type(input, 'my-long-secret-key-QZ7X');
    await user.click(within(dialog).getByRole('button', { name: 'Save key' }));
    expect(c.bridge.callsTo('setHmacKey')).toEqual([['my-long-secret-key-QZ7X']]);
    await screen.findByText('HMAC key saved');
    // Set, the key says nothing of itself: not a character of it reaches the page.
    expect(within(dialog).getByTestId('hmac-current').textContent).toBe('Set (saved in the system keychain).');
    expect(dialog.textContent).not.toContain('my-long-secret-key-QZ7X');
    expect(JSON.stringify(await c.api.getStatus())).not.toContain('QZ7X');
    expect(input.value).toBe('');
    expect(JSON.stringify({ ...localStorage })).not.toContain('my-long-secret-key-QZ7X');
    expect(JSON.stringify({ ...sessionStorage })).not.toContain('my-long-secret-key-QZ7X');
    expect(dataFolderText(c.dataDir)).not.toContain('my-long-secret-key-QZ7X');
    // The core checks calls with the new key at once.
    await c.send('send_email', {}, { key: 'my-long-secret-key-QZ7X' });
    expect((await c.api.getCall(1))!.verdict).toBe('valid');

    await user.click(within(dialog).getByRole('button', { name: 'Clear key' }));
    await waitFor(() => expect(within(dialog).getByTestId('hmac-current').textContent).toContain('No key set'));
    expect(c.bridge.callsTo('clearHmacKey')).toHaveLength(1);
    expect((await c.api.getStatus()).hmacKey.set).toBe(false);

    // Tab stays inside the dialog.
    const close = within(dialog).getByRole('button', { name: 'Close settings' });
    close.focus();
    await user.tab({ shift: true });
    expect(dialog.contains(document.activeElement)).toBe(true);
    await user.tab();
    expect(document.activeElement).toBe(close);

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(await settingsButton());
  });

  it('offers no Save for a blank key', async () => {
    const c = companion();
    const { user } = renderApp(c.bridge);
    await user.click(await settingsButton());
    const dialog = screen.getByRole('dialog', { name: 'Settings' });
    await user.type(within(dialog).getByLabelText('New HMAC key'), '   ');
    expect((within(dialog).getByRole('button', { name: 'Save key' }) as HTMLButtonElement).disabled).toBe(true);
    await user.keyboard('{Enter}');
    expect(c.bridge.callsTo('setHmacKey')).toEqual([]);
    expect((await c.api.getStatus()).hmacKey.source).toBe('keychain');
  });

  it('says when a key starts or ends with a space, which a copy often brings along, and saves it as typed', async () => {
    const c = companion();
    const { user } = renderApp(c.bridge);
    await user.click(await settingsButton());
    const dialog = screen.getByRole('dialog', { name: 'Settings' });
    const input = within(dialog).getByLabelText('New HMAC key');
    await user.type(input, 'inner space ok');
    expect(within(dialog).queryByRole('note', { name: 'HMAC key spaces' })).toBeNull();
    await user.clear(input);
    await user.type(input, '  my key  ');
    expect(within(dialog).getByRole('note', { name: 'HMAC key spaces' }).textContent).toMatch(
      /^It starts or ends with a space or a line break/,
    );
    await user.click(within(dialog).getByRole('button', { name: 'Save key' }));
    expect(c.bridge.callsTo('setHmacKey')).toEqual([['  my key  ']]);
    // The field is empty again: nothing left to warn about.
    await waitFor(() => expect(within(dialog).queryByRole('note', { name: 'HMAC key spaces' })).toBeNull());
  });

  it('says so of a key in use with a space at an edge, as serve and the tray do, but not of the ngrok authtoken, which the tunnel trims', async () => {
    const c = await companion.restart({ mode: 'headless', key: ' test-key\n', ngrokAuthtoken: 'ngrok-token\n' });
    const { user } = renderApp(c.bridge);
    await user.click(await settingsButton());
    const dialog = screen.getByRole('dialog', { name: 'Settings' });
    const hmac = within(dialog).getByRole('region', { name: 'HMAC key' });
    await waitFor(() =>
      expect(within(hmac).getByRole('note', { name: 'HMAC key in use spaces' }).textContent).toBe(
        edgeSpaceWords('FLOWENT_HMAC_KEY', 'used as it is'),
      ),
    );
    const ngrok = within(dialog).getByRole('region', { name: 'ngrok authtoken' });
    expect(within(ngrok).getByTestId('ngrok-token-current').textContent).toBe('Set (from NGROK_AUTHTOKEN).');
    expect(within(ngrok).queryByRole('note')).toBeNull();
    // Typed with one, it is no different: nothing about signatures, which an authtoken has nothing to do with.
    await user.type(within(ngrok).getByLabelText('New ngrok authtoken'), ' pasted-token ');
    expect(within(ngrok).queryByRole('note')).toBeNull();
  });

  it('with no keychain to keep the key in, offers no field and says why and what to do, before anything is typed', async () => {
    const c = await companion.restart({ keychain: false, key: null });
    const { user } = renderApp(c.bridge);
    await user.click(await settingsButton());
    const section = within(screen.getByRole('dialog', { name: 'Settings' })).getByRole('region', { name: 'HMAC key' });
    await waitFor(() =>
      expect(within(section).getByText(/comes from/).textContent).toBe(
        'In this mode the HMAC key comes from the FLOWENT_HMAC_KEY environment variable, as this system offers the companion no ' +
          'keychain to save it in: set it and restart the companion to change it.',
      ),
    );
    expect(within(section).queryByLabelText('New HMAC key')).toBeNull();
  });

  it('in the headless command, the key from FLOWENT_HMAC_KEY can be replaced for this run only', async () => {
    const c = await companion.restart({ mode: 'headless', key: KEY });
    const { user } = renderApp(c.bridge);
    await user.click(await settingsButton());
    const dialog = screen.getByRole('dialog', { name: 'Settings' });
    await waitFor(() => expect(within(dialog).getByTestId('hmac-current').textContent).toContain('from FLOWENT_HMAC_KEY'));
    await user.type(within(dialog).getByLabelText('New HMAC key'), 'run-only-key');
    await user.click(within(dialog).getByRole('button', { name: 'Save key' }));
    await waitFor(() => expect(within(dialog).getByTestId('hmac-current').textContent).toContain('for this session only'));
    expect(dataFolderText(c.dataDir)).not.toContain('run-only-key');

    // Clearing the run's key goes back to the environment's, and says so; that one is not cleared here.
    await user.click(within(dialog).getByRole('button', { name: 'Clear key' }));
    await screen.findByText('HMAC key cleared: the one from FLOWENT_HMAC_KEY is in use again');
    expect(within(dialog).getByTestId('hmac-current').textContent).toContain('from FLOWENT_HMAC_KEY');
    expect(within(dialog).queryByRole('button', { name: 'Clear key' })).toBeNull();
    await c.send('send_email', {}, { key: KEY });
    expect((await c.api.listCalls({ limit: 1 })).calls[0]!.verdict).toBe('valid');
  });

  it('clears history only after confirmation', async () => {
    const c = companion();
    await c.send('send_email');
    await c.send('send_email');
    const { user } = renderApp(c.bridge);
    await waitFor(() => expect(within(screen.getByRole('listbox', { name: 'Calls' })).getAllByRole('option')).toHaveLength(2));
    await user.click(await settingsButton());
    const dialog = screen.getByRole('dialog', { name: 'Settings' });
    await user.click(within(dialog).getByRole('button', { name: 'Clear history…' }));
    const confirm = within(dialog).getByRole('group', { name: 'Confirm clearing history' });
    expect(confirm.textContent).toContain('Delete all 2 stored calls?');
    expect(c.bridge.callsTo('clearHistory')).toHaveLength(0);
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(c.bridge.callsTo('clearHistory')).toHaveLength(0);

    await user.click(within(dialog).getByRole('button', { name: 'Clear history…' }));
    await user.click(within(dialog).getByRole('button', { name: 'Delete all calls' }));
    await screen.findByText('Deleted 2 calls');
    expect((await c.api.listCalls({})).calls).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Close settings' }));
    await screen.findByRole('region', { name: 'No calls yet' });
  });
});

describe('history limits', () => {
  it('shows the limits in force with their defaults, saves changed ones, and refuses what is not a number', async () => {
    const c = companion();
    await c.send('send_email');
    const bridge = c.bridge;
    const { user } = renderApp(bridge);
    await user.click(await settingsButton());
    const section = await screen.findByRole('region', { name: 'History limits' });
    const calls = within(section).getByLabelText('Keep at most (calls)') as HTMLInputElement;
    await waitFor(() => expect(calls.value).toBe('100000'));
    expect((within(section).getByLabelText('Keep the history under (MB)') as HTMLInputElement).value).toBe('1024');
    expect((within(section).getByLabelText('Limit each caller to (requests a second)') as HTMLInputElement).value).toBe('');

    await user.clear(calls);
    await user.type(calls, 'lots');
    await user.click(within(section).getByRole('button', { name: 'Save limits' }));
    expect((await within(section).findByRole('alert')).textContent).toContain('must be a whole number above 0');
    expect(bridge.callsTo('setLimits')).toEqual([]);
    expect((await c.api.getLimits()).current).toEqual(DEFAULT_LIMITS);

    await user.clear(calls);
    await user.type(calls, '500');
    await user.type(within(section).getByLabelText('Limit each caller to (requests a second)'), '20');
    await user.clear(within(section).getByLabelText('Keep calls for (days)'));
    await user.click(within(section).getByRole('button', { name: 'Save limits' }));
    await waitFor(() =>
      expect(bridge.callsTo('setLimits')).toEqual([[{ keepCalls: 500, keepDays: null, keepBytes: 1024 ** 3, rateLimitPerSecond: 20 }]]),
    );
    await screen.findByText('History limits saved');
    // Kept by the core, for this run and the next.
    expect((await c.api.getLimits()).current).toEqual({ keepCalls: 500, keepDays: null, keepBytes: 1024 ** 3, rateLimitPerSecond: 20 });
  });
});
