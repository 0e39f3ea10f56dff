// @vitest-environment happy-dom
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import type { NgrokTunnelOptions } from '../../../main/core/tunnel/ngrok-tunnel';
import { useCompanion, valueOf, type Companion } from '../harness/companion';
import { FakeEdge } from '../../fixtures/ngrok-edge/fake-edge';
import { agentFor, useNgrokEdge } from '../harness/ngrok-edge';
import { renderApp } from '../harness/render';

// The embedded ngrok agent, for real, against the stand-in for ngrok's edge. The agent keeps
// one session registry per process: the tests of this file run one at a time.
const edge = useNgrokEdge();
/** Quick rebuilds, so a lost connection is seen through within seconds. */
let timings: Omit<NgrokTunnelOptions, 'serverAddr' | 'caCert'> = {};
const companion = useCompanion(() => ({ ngrokAuthtoken: 'test-token', core: { tunnelProvider: agentFor(edge(), timings) } }));
const FAST = { reconnectGraceMs: 500, backoffBaseMs: 500, backoffMaxMs: 1_000, forwardTimeoutMs: 3_000 };

async function openPanel(c: Companion) {
  await c.send('send_email');
  const view = renderApp(c.bridge);
  await waitFor(() => expect(document.querySelector('[data-call-id="1"]')).not.toBeNull());
  await view.user.click(screen.getByRole('button', { name: /^Public URL:/ }));
  const dialog = screen.getByRole('dialog', { name: 'Public URL' });
  return { ...view, dialog, tunnel: within(dialog).getByRole('region', { name: 'Tunnel' }) };
}

async function openTunnel(c: Companion): Promise<string> {
  return valueOf(await c.api.openTunnel()).url;
}

const pill = () => screen.getByTestId('tunnel-pill');

describe.sequential('the tunnel panel', () => {
  it('connecting: while ngrok has not answered', async () => {
    timings = {};
    edge().silentAuth = true;
    const c = companion();
    const { tunnel } = await openPanel(c);
    void c.api.openTunnel();
    await waitFor(() => expect(within(tunnel).getByTestId('tunnel-state').textContent).toBe('connecting'));
    expect(within(tunnel).getByTestId('tunnel-detail').textContent).toBe('Connecting to ngrok…');
    expect(within(tunnel).getByRole('button', { name: 'Close tunnel' })).toBeTruthy();
    // ngrok answers at last, with a refusal: the attempt ends in a state, so nothing waits on it.
    edge().refuseHeldAuths('ERR_NGROK_105');
    await waitFor(() => expect(within(tunnel).getByTestId('tunnel-state').textContent).toBe('offline'));
  });

  it('online: the URL and the full action URL for the picked action, both copyable; calls come through it', async () => {
    timings = {};
    const c = companion();
    await c.send('create_ticket');
    const url = await openTunnel(c);
    expect(url.endsWith('.edge.test')).toBe(true);
    const { tunnel, dialog, user } = await openPanel(c);
    expect(pill().textContent).toBe('Public URL: online');
    expect(within(tunnel).getByTestId('tunnel-url').textContent).toBe(url);
    await user.click(within(tunnel).getByRole('button', { name: 'Copy public URL' }));
    await expect(navigator.clipboard.readText()).resolves.toBe(url);

    // The action called is offered; another name can be typed.
    const field = within(dialog).getByRole('combobox', { name: 'Action' });
    await waitFor(() => expect((field as HTMLInputElement).value).toBe('create_ticket'));
    await user.clear(field);
    await user.type(field, 'create_ticket');
    expect(within(tunnel).getByTestId('tunnel-action-url').textContent).toBe(`${url}/actions/create_ticket`);
    await user.click(within(tunnel).getByRole('button', { name: 'Copy public action URL' }));
    await expect(navigator.clipboard.readText()).resolves.toBe(`${url}/actions/create_ticket`);
  });

  it('reconnecting: the attempt and a countdown to the next try', async () => {
    timings = { ...FAST, backoffBaseMs: 3_000, backoffMaxMs: 3_000 };
    const c = companion();
    const url = await openTunnel(c);
    const { tunnel } = await openPanel(c);
    await edge().drop(10_000);
    const detail = () => within(tunnel).getByTestId('tunnel-detail');
    await waitFor(() => expect(detail().textContent).toContain('Reconnecting (attempt 1)'));
    expect(pill().textContent).toBe('Public URL: reconnecting');
    const status = (await c.api.getStatus()).tunnel;
    expect(detail().textContent).toContain('The connection to ngrok was lost; reconnecting.');
    expect(detail().textContent).toContain(url);
    // The countdown to the retry the core scheduled (counted from now, not from when the panel opened), then the retry.
    const secondsLeft = Number(/next try in (\d+) s/.exec(within(tunnel).getByTestId('tunnel-retry').textContent ?? '')?.[1]);
    expect(Math.abs(secondsLeft - Math.ceil((status.nextRetryAt! - Date.now()) / 1000))).toBeLessThanOrEqual(1);
    await waitFor(() => expect(detail().textContent).toContain('Reconnecting (attempt 2)'));
  });

  it('never connected yet: still trying to connect (attempt n), not reconnecting, until ngrok is reached', async () => {
    timings = {};
    // ngrok's address is known but nothing listens there: a machine with no network yet.
    const down = await FakeEdge.startDown();
    try {
      const c = await companion.restart({ ngrokAuthtoken: 'test-token', core: { tunnelProvider: agentFor(down, FAST) } });
      const { tunnel } = await openPanel(c);
      void c.api.openTunnel();
      const detail = () => within(tunnel).getByTestId('tunnel-detail');
      await waitFor(() => expect(detail().textContent).toMatch(/^Not connected yet, trying again \(attempt \d+\)/));
      expect(detail().textContent).not.toMatch(/reconnecting/i);
      expect(detail().textContent).toContain('Cannot reach ngrok');
      expect(pill().textContent).toBe('Public URL: not connected yet');
      expect(within(tunnel).getByTestId('tunnel-state').textContent).toBe('not connected yet');
      await down.up();
      await waitFor(() => expect(pill().textContent).toBe('Public URL: online'), { timeout: 15_000 });
      await c.api.closeTunnel();
    } finally {
      await down.stop();
    }
  });

  it('offline with the reason ngrok gave', async () => {
    timings = {};
    edge().rejectAuthWith = 'ERR_NGROK_105';
    const c = companion();
    const { tunnel, user } = await openPanel(c);
    await user.click(within(tunnel).getByRole('button', { name: 'Open tunnel' }));
    // The refusal, inline, and the reason the tunnel is offline.
    const refusal = await within(tunnel).findByRole('alert');
    expect((await c.api.getStatus()).tunnel.state).toBe('offline');
    // The page names its own field, not the NGROK_AUTHTOKEN variable the command line names.
    const said =
      'ngrok rejected the authtoken: it does not look like an ngrok authtoken (ERR_NGROK_105). Copy a current one from https://dashboard.ngrok.com/get-started/your-authtoken and set it in Settings > ngrok authtoken.';
    expect(refusal.textContent).toBe(said);
    expect((await within(tunnel).findByTestId('tunnel-reason')).textContent).toBe(said);
    expect(within(tunnel).getByRole('button', { name: 'Open tunnel' })).toBeTruthy();
    expect(within(tunnel).queryByTestId('tunnel-no-token')).toBeNull();
    expect(pill().textContent).toBe('Public URL: offline');
  });

  it('without an authtoken: says where to set it, and opens Settings', async () => {
    timings = {};
    const c = await companion.restart({ ngrokAuthtoken: null, core: { tunnelProvider: agentFor(edge()) } });
    const { tunnel, user } = await openPanel(c);
    expect(within(tunnel).getByTestId('tunnel-no-token').textContent).toContain(
      'Set your ngrok authtoken in Settings (or NGROK_AUTHTOKEN)',
    );
    // Opening anyway is refused inline, naming the page's own field.
    await user.click(within(tunnel).getByRole('button', { name: 'Open tunnel' }));
    expect((await within(tunnel).findByRole('alert')).textContent).toBe(
      'No ngrok authtoken is set. Set it in Settings > ngrok authtoken; find it at https://dashboard.ngrok.com/get-started/your-authtoken.',
    );
    expect(pill().textContent).toBe('Public URL: offline');
    await user.click(within(tunnel).getByRole('button', { name: 'Open Settings' }));
    const settings = screen.getByRole('dialog', { name: 'Settings' });
    expect(within(settings).getByRole('region', { name: 'ngrok authtoken' })).toBeTruthy();
    expect(screen.queryByRole('dialog', { name: 'Public URL' })).toBeNull();
  });

  it('Open tunnel opens it through ngrok; status events move the pill; Close tunnel closes', async () => {
    timings = {};
    const c = companion();
    const { tunnel, user } = await openPanel(c);
    await user.click(within(tunnel).getByRole('button', { name: 'Open tunnel' }));
    expect(c.bridge.callsTo('openTunnel')).toHaveLength(1);
    await waitFor(() => expect(within(tunnel).getByTestId('tunnel-url').textContent).toBe(edge().boundUrls[0]));
    expect(pill().textContent).toBe('Public URL: online');

    await user.click(within(tunnel).getByRole('button', { name: 'Close tunnel' }));
    expect(c.bridge.callsTo('closeTunnel')).toHaveLength(1);
    await waitFor(() => expect(pill().textContent).toBe('Public URL: offline'));
    expect(within(tunnel).getByRole('button', { name: 'Open tunnel' })).toBeTruthy();
    // The edge drops the binding when the session's close reaches it, which on a busy machine
    // can be a moment after the core has said offline.
    await waitFor(() => expect(edge().boundUrls).toEqual([]), { timeout: 5_000 });
  });

  it('status events move the pill with no panel open, and a changed public URL shows a notice until dismissed', async () => {
    timings = FAST;
    const c = companion();
    const { user } = renderApp(c.bridge);
    await waitFor(() => expect(pill().textContent).toBe('Public URL: offline'));
    const url = await openTunnel(c);
    await waitFor(() => expect(pill().getAttribute('data-state')).toBe('online'));
    // A long outage: the agent's session is rebuilt, and ngrok hands out another URL.
    await edge().drop(4_000);
    await waitFor(() => expect(pill().textContent).toBe('Public URL: reconnecting'));
    const notice = await screen.findByRole('alert', { name: 'Public URL changed' });
    const current = (await c.api.getStatus()).tunnel.url!;
    expect(current).not.toBe(url);
    expect(pill().getAttribute('data-state')).toBe('online');
    expect(notice.textContent).toContain(
      `The public URL changed from ${url} to ${current}: actions registered in Flowent with the old URL must be updated`,
    );
    await user.click(within(notice).getByRole('button', { name: 'Dismiss URL change' }));
    expect(screen.queryByRole('alert', { name: 'Public URL changed' })).toBeNull();
  });

  it('does not put a tunnel back to connecting after the online event (a stale status answer)', async () => {
    timings = {};
    const c = companion();
    // The page's first getStatus is answered by the core at once, and reaches the page only after the tunnel came online.
    const answerStale = c.bridge.holdNext('getStatus', 'answer');
    renderApp(c.bridge);
    await waitFor(() => expect(c.bridge.callsTo('getStatus')).toHaveLength(1));
    await openTunnel(c);
    await waitFor(() => expect(pill().getAttribute('data-state')).toBe('online'));
    await act(async () => answerStale());
    expect(pill().getAttribute('data-state')).toBe('online');
  });
});

describe('local network', () => {
  it('lists LAN URLs, and turns listening on all interfaces on only after confirmation', async () => {
    timings = {};
    const c = companion();
    const lanAddresses = (await c.api.getStatus()).lanAddresses;
    const { dialog, user } = await openPanel(c);
    const lan = within(dialog).getByRole('region', { name: 'Local network' });
    if (lanAddresses.length > 0) {
      const items = within(within(lan).getByRole('list', { name: 'LAN addresses' })).getAllByRole('listitem');
      await waitFor(() =>
        expect(items.map((i) => i.querySelector('code')?.textContent)).toEqual(lanAddresses.map((a) => `${a.baseUrl}/actions/send_email`)),
      );
      const first = lanAddresses[0]!;
      await user.click(within(lan).getByRole('button', { name: `Copy LAN URL on ${first.interface}` }));
      await expect(navigator.clipboard.readText()).resolves.toBe(`${first.baseUrl}/actions/send_email`);
      expect(lan.textContent).toContain('The LAN URLs below work only after turning it on.');
    }

    const toggle = within(lan).getByRole('switch', { name: 'Listen on all interfaces' }) as HTMLInputElement;
    await user.click(toggle);
    const confirm = within(lan).getByRole('group', { name: 'Confirm listening on all interfaces' });
    expect(confirm.textContent).toContain('Turning this on exposes the webhook port to your network');
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(c.bridge.callsTo('setListenOnAllInterfaces')).toHaveLength(0);
    expect(toggle.checked).toBe(false);

    await user.click(toggle);
    await user.click(within(lan).getByRole('button', { name: 'Turn on' }));
    expect(c.bridge.callsTo('setListenOnAllInterfaces')).toEqual([[true]]);
    await waitFor(() => expect(toggle.checked).toBe(true));
    expect((await c.api.getStatus()).listeningOnAllInterfaces).toBe(true);
    expect(lan.textContent).not.toContain('work only after turning it on');

    // Turning it off needs no confirmation.
    await user.click(toggle);
    expect(c.bridge.callsTo('setListenOnAllInterfaces')).toEqual([[true], [false]]);
    await waitFor(() => expect(toggle.checked).toBe(false));
  });

  it('shows a refused switch inline', async () => {
    timings = {};
    const c = companion();
    // Another program holds the webhook's port on another local address: all interfaces cannot be had.
    const port = Number(new URL(c.baseUrl).port);
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.2', resolve));
    try {
      const { dialog, user } = await openPanel(c);
      const lan = within(dialog).getByRole('region', { name: 'Local network' });
      await user.click(within(lan).getByRole('switch', { name: 'Listen on all interfaces' }));
      await user.click(within(lan).getByRole('button', { name: 'Turn on' }));
      // The page has no port field: it says what to do without naming --port.
      expect((await within(lan).findByRole('alert')).textContent).toBe(
        `Port ${port} on 0.0.0.0 is already in use. Stop the program using it.`,
      );
      expect((await c.api.getStatus()).listeningOnAllInterfaces).toBe(false);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });
});

// Chromium drops the keyboard focus of a control disabled under it: one whose work runs says it is busy instead.
describe('the keyboard focus through the panel’s work', () => {
  it('stays on Open tunnel while it opens, and on the same button once it reads Close tunnel', async () => {
    timings = {};
    const c = companion();
    const { tunnel, user } = await openPanel(c);
    const open = within(tunnel).getByRole('button', { name: 'Open tunnel' });
    const release = c.bridge.holdNext('openTunnel', 'request');
    open.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(open.getAttribute('aria-disabled')).toBe('true'));
    expect(open.hasAttribute('disabled')).toBe(false);
    expect(document.activeElement).toBe(open);
    await user.keyboard('{Enter}');
    release();
    await waitFor(() => expect(within(tunnel).getByRole('button', { name: 'Close tunnel' })).toBe(open));
    await waitFor(() => expect(open.hasAttribute('aria-disabled')).toBe(false));
    expect(document.activeElement).toBe(open);
    expect(c.bridge.callsTo('openTunnel')).toHaveLength(1);
    valueOf(await c.api.closeTunnel());
  });

  it('stays on the LAN switch while it is turned on after the question, and a press meanwhile does nothing', async () => {
    timings = {};
    const c = companion();
    const { dialog, user } = await openPanel(c);
    const lan = within(dialog).getByRole('region', { name: 'Local network' });
    const toggle = within(lan).getByRole('switch', { name: 'Listen on all interfaces' }) as HTMLInputElement;
    await user.click(toggle);
    const release = c.bridge.holdNext('setListenOnAllInterfaces', 'request');
    within(lan).getByRole('button', { name: 'Turn on' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(toggle.getAttribute('aria-disabled')).toBe('true'));
    expect(toggle.disabled).toBe(false);
    // The question went: the keyboard is back on the switch that asked it.
    await waitFor(() => expect(document.activeElement).toBe(toggle));
    await user.keyboard(' ');
    expect(within(lan).queryByRole('group', { name: 'Confirm listening on all interfaces' })).toBeNull();
    release();
    await waitFor(() => expect(toggle.checked).toBe(true));
    expect(toggle.hasAttribute('aria-disabled')).toBe(false);
    expect(document.activeElement).toBe(toggle);
    expect(c.bridge.callsTo('setListenOnAllInterfaces')).toEqual([[true]]);
  });
});
