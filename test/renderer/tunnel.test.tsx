// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import type { TunnelStatus } from '../../main/contract/api';
import { useAccountStore } from '../../renderer/src/account/account-store';
import { useUiStore } from '../../renderer/src/app/stores';
import { FakeBridge, makeCall, makeStatus } from './fake-bridge';
import { renderApp, resetPage } from './harness/render';

afterEach(resetPage);

const URL = 'https://quiet-fox-42.ngrok-free.app';

async function openPanel(bridge: FakeBridge) {
  const view = renderApp(bridge);
  await waitFor(() => expect(bridge.callsTo('getStatus')).toHaveLength(1));
  await waitFor(() => expect(screen.getByTestId('tunnel-pill').getAttribute('data-state')).toBe(bridge.status.tunnel.state));
  await view.user.click(screen.getByRole('button', { name: /^Public URL:/ }));
  const dialog = screen.getByRole('dialog', { name: 'Public URL' });
  return { ...view, dialog, tunnel: within(dialog).getByRole('region', { name: 'Tunnel' }) };
}

function withTunnel(tunnel: TunnelStatus, calls = [makeCall({ id: 1, action: 'send_email' })]): FakeBridge {
  const bridge = new FakeBridge(calls);
  bridge.status = makeStatus({ tunnel });
  return bridge;
}

describe('tunnel panel states', () => {
  it('connecting', async () => {
    const { tunnel } = await openPanel(withTunnel({ state: 'connecting', url: null, reason: null }));
    expect(within(tunnel).getByTestId('tunnel-state').textContent).toBe('connecting');
    expect(within(tunnel).getByTestId('tunnel-detail').textContent).toBe('Connecting to ngrok…');
    expect(within(tunnel).getByRole('button', { name: 'Close tunnel' })).toBeTruthy();
  });

  it('online: the URL and the full action URL for the picked action, both copyable', async () => {
    const calls = [makeCall({ id: 1, action: 'send_email' }), makeCall({ id: 2, action: 'create_ticket', path: '/actions/create_ticket' })];
    const { tunnel, dialog, user } = await openPanel(withTunnel({ state: 'online', url: URL, reason: null }, calls));
    expect(screen.getByTestId('tunnel-pill').textContent).toBe('Public URL: online');
    expect(within(tunnel).getByTestId('tunnel-url').textContent).toBe(URL);
    await user.click(within(tunnel).getByRole('button', { name: 'Copy public URL' }));
    await expect(navigator.clipboard.readText()).resolves.toBe(URL);

    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Action' }), 'create_ticket');
    expect(within(tunnel).getByTestId('tunnel-action-url').textContent).toBe(`${URL}/actions/create_ticket`);
    await user.click(within(tunnel).getByRole('button', { name: 'Copy public action URL' }));
    await expect(navigator.clipboard.readText()).resolves.toBe(`${URL}/actions/create_ticket`);
  });

  it('reconnecting: the attempt and a countdown to the next try', async () => {
    const bridge = withTunnel({
      state: 'reconnecting',
      url: URL,
      reason: { code: 'edge-lost', message: 'The connection to ngrok was lost.' },
      attempt: 3,
      nextRetryAt: Date.now() + 3000,
    });
    const { tunnel } = await openPanel(bridge);
    const detail = within(tunnel).getByTestId('tunnel-detail');
    expect(detail.textContent).toContain('Reconnecting (attempt 3)');
    expect(detail.textContent).toContain('The connection to ngrok was lost.');
    expect(detail.textContent).toContain(URL);
    expect(within(tunnel).getByTestId('tunnel-retry').textContent).toMatch(/next try in [23] s/);
    await waitFor(() => expect(within(tunnel).getByTestId('tunnel-retry').textContent).toMatch(/next try in [12] s/), { timeout: 2500 });
  });

  it('offline with the reason', async () => {
    const { tunnel } = await openPanel(
      withTunnel({ state: 'offline', url: null, reason: { code: 'auth-failed', message: 'ngrok refused the authtoken.' } }),
    );
    expect(within(tunnel).getByTestId('tunnel-reason').textContent).toBe('ngrok refused the authtoken.');
    expect(within(tunnel).getByRole('button', { name: 'Open tunnel' })).toBeTruthy();
    expect(within(tunnel).queryByTestId('tunnel-no-token')).toBeNull();
  });

  it('without an authtoken: says where to set it, and opens Settings', async () => {
    const bridge = withTunnel({ state: 'offline', url: null, reason: null });
    bridge.status.ngrokAuthtoken = { set: false, source: null };
    const { tunnel, user } = await openPanel(bridge);
    expect(within(tunnel).getByTestId('tunnel-no-token').textContent).toContain(
      'Set your ngrok authtoken in Settings (or NGROK_AUTHTOKEN)',
    );
    await user.click(within(tunnel).getByRole('button', { name: 'Open Settings' }));
    const settings = screen.getByRole('dialog', { name: 'Settings' });
    expect(within(settings).getByRole('region', { name: 'ngrok authtoken' })).toBeTruthy();
    expect(screen.queryByRole('dialog', { name: 'Public URL' })).toBeNull();
  });
});

describe('opening and closing', () => {
  it('Open tunnel calls the core; status events move the pill; Close tunnel closes', async () => {
    const bridge = withTunnel({ state: 'offline', url: null, reason: null });
    const { tunnel, user } = await openPanel(bridge);
    await user.click(within(tunnel).getByRole('button', { name: 'Open tunnel' }));
    expect(bridge.callsTo('openTunnel')).toHaveLength(1);
    await waitFor(() => expect(within(tunnel).getByTestId('tunnel-url').textContent).toBe(URL));
    expect(screen.getByTestId('tunnel-pill').textContent).toBe('Public URL: online');

    await user.click(within(tunnel).getByRole('button', { name: 'Close tunnel' }));
    expect(bridge.callsTo('closeTunnel')).toHaveLength(1);
    await waitFor(() => expect(screen.getByTestId('tunnel-pill').textContent).toBe('Public URL: offline'));
    expect(within(tunnel).getByRole('button', { name: 'Open tunnel' })).toBeTruthy();
  });

  it('shows a refused open inline', async () => {
    const bridge = withTunnel({ state: 'offline', url: null, reason: null });
    bridge.refuseNext.set('openTunnel', { code: 'auth-failed', message: 'ngrok refused the authtoken (ERR_NGROK_105).' });
    const { tunnel, user } = await openPanel(bridge);
    await user.click(within(tunnel).getByRole('button', { name: 'Open tunnel' }));
    expect((await within(tunnel).findByRole('alert')).textContent).toBe('ngrok refused the authtoken (ERR_NGROK_105).');
    expect(screen.getByTestId('tunnel-pill').textContent).toBe('Public URL: offline');
  });

  it('tunnel-status events update the pill with no panel open', async () => {
    const bridge = withTunnel({ state: 'offline', url: null, reason: null });
    renderApp(bridge);
    await waitFor(() => expect(screen.getByTestId('tunnel-pill').textContent).toBe('Public URL: offline'));
    act(() => bridge.setTunnel({ state: 'reconnecting', url: URL, reason: null, attempt: 1, nextRetryAt: Date.now() + 1000 }));
    await waitFor(() => expect(screen.getByTestId('tunnel-pill').textContent).toBe('Public URL: reconnecting'));
    act(() => bridge.setTunnel({ state: 'online', url: URL, reason: null }));
    await waitFor(() => expect(screen.getByTestId('tunnel-pill').getAttribute('data-state')).toBe('online'));
  });

  it('a changed public URL shows a notice until dismissed', async () => {
    const bridge = withTunnel({ state: 'online', url: URL, reason: null });
    const { user } = renderApp(bridge);
    await waitFor(() => expect(bridge.callsTo('getStatus')).toHaveLength(1));
    act(() => bridge.emit([{ type: 'tunnel-url-changed', previous: URL, current: 'https://other.ngrok-free.app' }]));
    const notice = await screen.findByRole('alert', { name: 'Public URL changed' });
    expect(notice.textContent).toContain(
      `The public URL changed from ${URL} to https://other.ngrok-free.app: actions registered in Flowent with the old URL must be updated`,
    );
    await user.click(within(notice).getByRole('button', { name: 'Dismiss URL change' }));
    expect(screen.queryByRole('alert', { name: 'Public URL changed' })).toBeNull();
  });

  it('says nothing of its own about a changed URL when linked actions follow it (the account banners do)', async () => {
    const bridge = withTunnel({ state: 'online', url: URL, reason: null });
    bridge.flowent.links = [{ profile: 'default', action: 'send_email', webhookUrl: `${URL}/actions/send_email`, linkedAt: 1 }];
    renderApp(bridge);
    await waitFor(() => expect(useAccountStore.getState().account?.links).toHaveLength(1));
    act(() => bridge.emit([{ type: 'tunnel-url-changed', previous: URL, current: 'https://other.ngrok-free.app' }]));
    await waitFor(() => expect(useUiStore.getState().urlChange).not.toBeNull());
    expect(screen.queryByRole('alert', { name: 'Public URL changed' })).toBeNull();
  });
});

describe('local network', () => {
  it('lists LAN URLs, and turns listening on all interfaces on only after confirmation', async () => {
    const bridge = withTunnel({ state: 'offline', url: null, reason: null });
    bridge.status.lanAddresses.push({ interface: 'wlan0', address: '10.0.0.5', baseUrl: 'http://10.0.0.5:8787' });
    const { dialog, user } = await openPanel(bridge);
    const lan = within(dialog).getByRole('region', { name: 'Local network' });
    const items = within(within(lan).getByRole('list', { name: 'LAN addresses' })).getAllByRole('listitem');
    expect(items.map((i) => i.querySelector('code')?.textContent)).toEqual([
      'http://192.168.1.100:8787/actions/send_email',
      'http://10.0.0.5:8787/actions/send_email',
    ]);
    await user.click(within(lan).getByRole('button', { name: 'Copy LAN URL on wlan0' }));
    await expect(navigator.clipboard.readText()).resolves.toBe('http://10.0.0.5:8787/actions/send_email');
    expect(lan.textContent).toContain('The LAN URLs below work only after turning it on.');

    const toggle = within(lan).getByRole('switch', { name: 'Listen on all interfaces' }) as HTMLInputElement;
    await user.click(toggle);
    const confirm = within(lan).getByRole('group', { name: 'Confirm listening on all interfaces' });
    expect(confirm.textContent).toContain('Turning this on exposes the webhook port to your network');
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(bridge.callsTo('setListenOnAllInterfaces')).toHaveLength(0);
    expect(toggle.checked).toBe(false);

    await user.click(toggle);
    await user.click(within(lan).getByRole('button', { name: 'Turn on' }));
    expect(bridge.callsTo('setListenOnAllInterfaces')).toEqual([[true]]);
    await waitFor(() => expect(toggle.checked).toBe(true));
    expect(lan.textContent).not.toContain('work only after turning it on');

    // Turning it off needs no confirmation.
    await user.click(toggle);
    expect(bridge.callsTo('setListenOnAllInterfaces')).toEqual([[true], [false]]);
    await waitFor(() => expect(toggle.checked).toBe(false));
  });

  it('shows a refused switch inline', async () => {
    const bridge = withTunnel({ state: 'offline', url: null, reason: null });
    bridge.refuseNext.set('setListenOnAllInterfaces', { code: 'port-in-use', message: 'Port 8787 is already in use on 0.0.0.0.' });
    const { dialog, user } = await openPanel(bridge);
    const lan = within(dialog).getByRole('region', { name: 'Local network' });
    await user.click(within(lan).getByRole('switch', { name: 'Listen on all interfaces' }));
    await user.click(within(lan).getByRole('button', { name: 'Turn on' }));
    expect((await within(lan).findByRole('alert')).textContent).toBe('Port 8787 is already in use on 0.0.0.0.');
  });
});

describe('a status snapshot older than what the page shows', () => {
  it('does not put a tunnel back to connecting after the online event', async () => {
    const bridge = withTunnel({ state: 'offline', url: null, reason: null });
    // The page's first getStatus is slow: answered only after the tunnel has come online.
    let answerStale: () => void = () => {};
    const stale = structuredClone(bridge.status);
    stale.tunnel = { state: 'connecting', url: null, reason: null };
    bridge.getStatus = () => new Promise((resolve) => (answerStale = () => resolve(stale)));
    renderApp(bridge);
    await waitFor(() => expect(screen.getByTestId('tunnel-pill')).toBeTruthy());
    act(() => bridge.emit([{ type: 'status-changed', status: { ...stale, tunnel: { state: 'online', url: URL, reason: null } } }]));
    await waitFor(() => expect(screen.getByTestId('tunnel-pill').getAttribute('data-state')).toBe('online'));
    await act(async () => answerStale());
    expect(screen.getByTestId('tunnel-pill').getAttribute('data-state')).toBe('online');
  });
});
