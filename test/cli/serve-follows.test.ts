import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli as runInProcess } from '../../main/cli/run-cli';
import { flowentAndEdge, TUNNEL_ONLINE } from '../helpers/flowent-and-edge';
import { callServeInspector } from '../helpers/inspector';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const TOKEN = 'serve-follows-api-token';
const { cleanups, tempDir } = cleanupsPerTest();

/** The stand-ins, serve with a tunnel (waited for online), and actions registered and pointed somewhere. */
async function flowentAndEdgeFollowing() {
  const { gateway, edge, dir, flowentEnv, schema, serveWithTunnel: start } = await flowentAndEdge(cleanups, tempDir, { apiToken: TOKEN });

  async function serveWithTunnel(...extraArgs: string[]) {
    const server = await start(...extraArgs);
    const [, publicUrl] = await server.waitFor(TUNNEL_ONLINE);
    return { server, publicUrl: publicUrl! };
  }

  /** Runs `actions …` on the data folder; what it says on stderr is given back with its exit code. */
  async function actions(...args: string[]) {
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await runInProcess(['actions', ...args, '--data-dir', dir], { stdout: new PassThrough(), stderr, env: flowentEnv });
    return { code, err };
  }

  /** Registers an action against a URL Flowent's check reaches (the local one), then points it at `webhookUrl`. */
  async function linkAt(action: string, localUrl: string, webhookUrl: string | null) {
    expect(await actions('register', action, '--description', 'Send', '--schema', `@${schema}`, '--url', localUrl)).toMatchObject({
      code: 0,
      err: '',
    });
    if (webhookUrl !== null) expect(await actions('update', action, '--webhook-url', webhookUrl)).toMatchObject({ code: 0, err: '' });
  }

  return { gateway, edge, serveWithTunnel, linkAt };
}

const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** serve's line for the linked action re-pointed, in the page's words (repointedWords), capturing the new public URL. */
const REPOINTED = /^Flowent: Pointed send_email \(default\) at (https:\/\/\S+) in Flowent$/m;

describe('serve --tunnel and the Flowent actions linked to it', () => {
  it('re-points a linked action when the tunnel comes back with another URL, and says so', async () => {
    const { gateway, edge, serveWithTunnel, linkAt } = await flowentAndEdgeFollowing();
    const { server, publicUrl } = await serveWithTunnel('--follow', 'auto');
    expect(server.output()).toContain('Follow:       linked Flowent actions are re-pointed when the public URL changes');

    // Registered against the local URL (Flowent's check must reach it), then pointed at the tunnel, still linked.
    await linkAt('send_email', server.baseUrl, `${publicUrl}/actions/send_email`);

    // The edge goes away long enough for the tunnel to be rebuilt under a new URL.
    await edge.drop(7_000);
    const [, current] = await server.waitFor(REPOINTED, 60_000);
    expect(current).not.toBe(publicUrl);
    expect(server.output()).toContain(`Tunnel: the public URL changed from ${publicUrl} to ${current}`);
    expect(gateway.stored()).toMatchObject([{ name: 'send_email', webhook_url: `${current}/actions/send_email` }]);
    expect(server.output()).not.toContain(TOKEN);
  }, 90_000);

  it('with --follow auto, re-points a linked action when the tunnel is closed and opened again from the inspector at another URL', async () => {
    const { gateway, serveWithTunnel, linkAt } = await flowentAndEdgeFollowing();
    const { server, publicUrl } = await serveWithTunnel('--follow', 'auto');
    await linkAt('send_email', server.baseUrl, `${publicUrl}/actions/send_email`);

    await callServeInspector(server, 'closeTunnel');
    await server.waitFor(/Tunnel: closed\./);
    await callServeInspector(server, 'openTunnel');
    const [, current] = await server.waitFor(REPOINTED);
    expect(current).not.toBe(publicUrl);
    expect(server.output()).toContain(`Tunnel: online. Public URL: ${current}/actions/<action_name>`);
    expect(server.output()).toContain(`Tunnel: the public URL changed from ${publicUrl} to ${current}`);
    expect(gateway.stored()).toMatchObject([{ name: 'send_email', webhook_url: `${current}/actions/send_email` }]);
  }, 90_000);

  it('with --follow ask, names in its terminal the linked action left at the old URL when the tunnel opens again at another', async () => {
    const { gateway, serveWithTunnel, linkAt } = await flowentAndEdgeFollowing();
    const { server, publicUrl } = await serveWithTunnel();
    await linkAt('send_email', server.baseUrl, `${publicUrl}/actions/send_email`);

    await callServeInspector(server, 'closeTunnel');
    await server.waitFor(/Tunnel: closed\./);
    await callServeInspector(server, 'openTunnel');
    const [, current] = await server.waitFor(
      new RegExp(
        `Flowent: send_email \\(default\\) still points at the old URL ${literally(publicUrl)}/actions/send_email: re-point it to ` +
          '(https://\\S+)/actions/send_email from the inspector, or run serve with --follow auto\\.',
      ),
    );
    expect(current).not.toBe(publicUrl);
    expect(gateway.stored()).toMatchObject([{ name: 'send_email', webhook_url: `${publicUrl}/actions/send_email` }]);
  }, 90_000);

  it('with --follow auto, re-points at start the linked action left at the URL the tunnel had before serve was restarted', async () => {
    const { gateway, serveWithTunnel, linkAt } = await flowentAndEdgeFollowing();
    const earlier = await serveWithTunnel();
    await linkAt('send_email', earlier.server.baseUrl, `${earlier.publicUrl}/actions/send_email`);
    earlier.server.child.kill('SIGTERM');
    expect(await earlier.server.exited).toBe(0);

    const { server, publicUrl } = await serveWithTunnel('--follow', 'auto');
    expect(publicUrl).not.toBe(earlier.publicUrl);
    await server.waitFor(new RegExp(`^Flowent: Pointed send_email \\(default\\) at ${literally(publicUrl)} in Flowent$`, 'm'));
    expect(server.output()).toContain(`Tunnel: the public URL changed from ${earlier.publicUrl} to ${publicUrl}`);
    expect(server.output()).not.toContain('still points at');
    expect(gateway.stored()).toMatchObject([{ name: 'send_email', webhook_url: `${publicUrl}/actions/send_email` }]);
  }, 90_000);

  it('names the linked actions the tunnel leaves behind when it is closed, once, and what brings them back', async () => {
    const { serveWithTunnel, linkAt } = await flowentAndEdgeFollowing();
    const { server, publicUrl } = await serveWithTunnel();
    // Two linked actions at the tunnel's URL, one linked at the local URL (closing the tunnel leaves it reachable).
    await linkAt('send_email', server.baseUrl, `${publicUrl}/actions/send_email`);
    await linkAt('lookup_order', server.baseUrl, `${publicUrl}/actions/lookup_order`);
    await linkAt('make_note', server.baseUrl, null);

    await callServeInspector(server, 'closeTunnel');
    await server.waitFor(
      new RegExp(
        `Flowent: lookup_order \\(default\\), send_email \\(default\\) still point at the tunnel's URL ${literally(publicUrl)}, ` +
          "which is closed: Flowent's calls to them fail\\. Open a tunnel again from the inspector, or restart serve with --tunnel " +
          '\\(with --follow auto, a tunnel at another URL re-points them\\)\\.\\n',
      ),
    );
    expect(server.output()).not.toMatch(/make_note \(default\) point/);

    // Stopping closes the tunnel too, but that is the serve's end, not news.
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output().match(/which is closed/g)).toHaveLength(1);
  }, 90_000);

  // At start, a linked action the tunnel's URL does not reach is named by the start check; the
  // tunnel's URL changing soon after (the follow event) must not name it a second time.
  it('names a linked action left at an earlier tunnel URL once, though the tunnel moves right after start', async () => {
    const { edge, serveWithTunnel, linkAt } = await flowentAndEdgeFollowing();
    const earlier = await serveWithTunnel();
    await linkAt('send_email', earlier.server.baseUrl, `${earlier.publicUrl}/actions/send_email`);
    earlier.server.child.kill('SIGTERM');
    await earlier.server.exited;

    const { server } = await serveWithTunnel();
    await server.waitFor(/Flowent: send_email \(default\) still points at /);
    // The edge goes away long enough for the tunnel to be rebuilt under a new URL.
    await edge.drop(7_000);
    await server.waitFor(/Tunnel: the public URL changed from /, 60_000);
    server.child.kill('SIGTERM');
    await server.exited;
    expect(server.output().match(/send_email \(default\)/g)).toHaveLength(1);
  }, 90_000);

  it('refuses a --follow that is neither auto nor ask', async () => {
    const dir = tempDir();
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await runInProcess(['serve', '--follow', 'always', '--data-dir', dir], {
      stdout: new PassThrough(),
      stderr,
      env: {},
    });
    expect(code).toBe(2);
    expect(err).toContain('--follow must be "auto" or "ask", not "always".');
  });
});
