import { describe, expect, it } from 'vitest';
import type { ServeProcess } from '../helpers/spawn-cli';
import { flowentAndEdge, TUNNEL_ONLINE } from '../helpers/flowent-and-edge';
import { callServeInspector } from '../helpers/inspector';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { runInProcess } from '../helpers/in-process-cli';

const TOKEN = 'here-tunnel-api-token';
const { cleanups, tempDir } = cleanupsPerTest();

/** The stand-ins and serve with a tunnel, with `actions …` run on serve's data folder. */
async function flowentAndEdgeHere() {
  const setup = await flowentAndEdge(cleanups, tempDir, { apiToken: TOKEN });
  const { gateway, dir, flowentEnv, schema } = setup;
  const actions = (...args: string[]) => runInProcess(['actions', ...args, '--data-dir', dir], { env: flowentEnv });

  /** Registers send_email at serve's public URL (Flowent's check comes through the tunnel's local door), linked. */
  async function registeredAt(server: ServeProcess, publicUrl: string) {
    expect(
      await actions('register', 'send_email', '--description', 'Send', '--schema', `@${schema}`, '--url', server.baseUrl),
    ).toMatchObject({
      code: 0,
    });
    expect(await actions('update', 'send_email', '--url', publicUrl)).toMatchObject({ code: 0 });
    expect(gateway.stored()).toMatchObject([{ webhook_url: `${publicUrl}/actions/send_email` }]);
  }

  return { ...setup, actions, registeredAt };
}

describe('--here while serve was asked for a tunnel that is not online', () => {
  it('refuses while the tunnel reconnects, saying so, and leaves the action at the public URL', async () => {
    const { gateway, edge, schema, serveWithTunnel, actions, registeredAt } = await flowentAndEdgeHere();
    const server = await serveWithTunnel();
    const [, publicUrl] = await server.waitFor(TUNNEL_ONLINE);
    await registeredAt(server, publicUrl!);

    // The edge is gone for longer than the test: serve keeps reconnecting.
    await edge.drop(120_000);
    await server.waitFor(/Tunnel: reconnecting/);
    for (const args of [
      ['update', 'send_email', '--here'],
      ['register', 'send_email', '--description', 'Send', '--schema', `@${schema}`, '--here'],
      ['link', 'send_email', '--here'],
    ]) {
      const refused = await actions(...args);
      expect(refused.code).toBe(1);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toMatch(
        /^flowent-companion actions: --here: serve's tunnel is reconnecting \(.+\), so serve has no public URL for Flowent to call until it is online; nothing was sent to Flowent\. Run this again once the tunnel is online: it comes back by itself\. To point it at another URL meanwhile, give --url\.\n$/,
      );
      expect(refused.stderr).not.toContain('127.0.0.1');
      expect(refused.stderr).not.toContain('--tunnel');
    }
    expect(gateway.stored()).toMatchObject([{ webhook_url: `${publicUrl}/actions/send_email` }]);
  }, 90_000);

  it('refuses while the tunnel is still opening at start', async () => {
    const { gateway, edge, serveWithTunnel, actions } = await flowentAndEdgeHere();
    // ngrok does not answer the agent yet: serve's tunnel stays connecting.
    edge.silentAuth = true;
    const server = await serveWithTunnel();
    await server.waitFor(/Tunnel: connecting\.\.\./);
    const refused = await actions('update', 'send_email', '--here');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      "flowent-companion actions: --here: serve's tunnel is still opening, so serve has no public URL for Flowent to call yet; " +
        'nothing was sent to Flowent. Run this again once the tunnel is online. To point it at another URL meanwhile, give --url.\n',
    );
    expect(gateway.requests.filter((request) => request.method !== 'GET' && request.path.includes('/actions'))).toEqual([]);
  }, 60_000);

  it("refuses once ngrok refused the tunnel opened again from the inspector, with ngrok's reason and how to open it again", async () => {
    const { edge, serveWithTunnel, actions } = await flowentAndEdgeHere();
    const server = await serveWithTunnel();
    await server.waitFor(TUNNEL_ONLINE);
    // Opened again from the inspector with a token revoked meanwhile: ngrok refuses it, and serve goes on.
    await callServeInspector(server, 'closeTunnel');
    await server.waitFor(/Tunnel: closed\./);
    edge.rejectAuthWith = 'ERR_NGROK_107';
    await callServeInspector(server, 'openTunnel');
    await server.waitFor(/Tunnel: offline: .*ERR_NGROK_107/, 30_000);
    const refused = await actions('update', 'send_email', '--here');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      "flowent-companion actions: --here: serve's tunnel is offline (ngrok rejected the authtoken: it is well formed but not valid " +
        '(reset or revoked?) (ERR_NGROK_107).), so serve has no public URL for Flowent to call; nothing was sent to Flowent. ' +
        'Copy a current one from https://dashboard.ngrok.com/get-started/your-authtoken and set NGROK_AUTHTOKEN. ' +
        'Then open it again from the inspector (Public URL > Open tunnel), or restart serve with --tunnel, and run this again. ' +
        'To point it at another URL meanwhile, give --url.\n',
    );
  }, 60_000);

  it('uses the local URL once the user closed the tunnel, with a note on opening it again, not on a flag serve has', async () => {
    const { gateway, serveWithTunnel, actions, registeredAt } = await flowentAndEdgeHere();
    const server = await serveWithTunnel();
    const [, publicUrl] = await server.waitFor(TUNNEL_ONLINE);
    await registeredAt(server, publicUrl!);

    await callServeInspector(server, 'closeTunnel');
    await server.waitFor(/Tunnel: closed\./);
    const updated = await actions('update', 'send_email', '--here');
    expect(updated.code).toBe(0);
    expect(updated.stderr).toContain(
      `Note: serve's tunnel was closed, so it has no public URL: using ${server.baseUrl}, which Flowent in the cloud cannot reach. ` +
        'Open it again from the inspector (Public URL > Open tunnel) for a public URL.\n',
    );
    expect(updated.stderr).not.toContain('--tunnel');
    expect(gateway.stored()).toMatchObject([{ webhook_url: `${server.baseUrl}/actions/send_email` }]);
  }, 60_000);
});
