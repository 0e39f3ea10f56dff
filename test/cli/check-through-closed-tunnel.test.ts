import { describe, expect, it } from 'vitest';
import type { ServeProcess } from '../helpers/spawn-cli';
import { flowentAndEdge, TUNNEL_ONLINE } from '../helpers/flowent-and-edge';
import { callServeInspector } from '../helpers/inspector';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { runInProcess } from '../helpers/in-process-cli';

// Flowent's check of a URL this companion's tunnel had, when that tunnel is not open there: ngrok's
// edge answers it 404 (ERR_NGROK_3200), which is no action name mistyped.

const TOKEN = 'closed-tunnel-api-token';
const { cleanups, tempDir } = cleanupsPerTest();

/** Flowent reaching the edge's public side as the internet does, serve with a tunnel through it, and `actions …` on its data folder. */
async function flowentAndEdgePublic() {
  const {
    gateway,
    dir,
    flowentEnv,
    schema,
    serveWithTunnel: start,
  } = await flowentAndEdge(cleanups, tempDir, {
    apiToken: TOKEN,
    flowentReachesEdge: true,
  });

  async function serveWithTunnel(): Promise<{ server: ServeProcess; publicUrl: string }> {
    const server = await start();
    const [, publicUrl] = await server.waitFor(TUNNEL_ONLINE);
    return { server, publicUrl: publicUrl! };
  }

  const actions = (...args: string[]) => runInProcess(['actions', ...args, '--data-dir', dir], { env: flowentEnv });
  const register = (name: string, webhookUrl: string) =>
    actions('register', name, '--description', 'Notify', '--schema', `@${schema}`, '--webhook-url', webhookUrl);

  return { gateway, serveWithTunnel, actions, register };
}

describe("a failed registration check at this companion's own tunnel URL", () => {
  it('says the tunnel is not open there and how to open it again, once serve has stopped', async () => {
    const { gateway, serveWithTunnel, register } = await flowentAndEdgePublic();
    const { server, publicUrl } = await serveWithTunnel();
    // Through the open tunnel, Flowent's check reaches serve and passes.
    expect(await register('notify', `${publicUrl}/actions/notify`)).toMatchObject({ code: 0 });
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);

    const failed = await register('remind', `${publicUrl}/actions/remind`);
    expect(gateway.registrationChecks.at(-1)).toMatchObject({ url: `${publicUrl}/actions/remind`, status: 404 });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toBe(
      `flowent-companion actions: Flowent's registration check failed: your webhook at ${publicUrl}/actions/remind returned status 404. ` +
        `That is a URL this companion's tunnel had (${publicUrl}), and no tunnel of this companion is open now, so the check ` +
        'never reached it: ngrok answers 404 for a tunnel it does not have. Open the tunnel again (start "flowent-companion serve ' +
        "--tunnel\", or Public URL > Open tunnel in a running serve's inspector), then give the action the tunnel's URL (--here does), " +
        'and try again: without a reserved domain, the tunnel opens at a new URL.\n',
    );
    expect(failed.stderr).not.toContain('mistyped');
  }, 60_000);

  it('names the URL the tunnel is open at now when it opened again elsewhere', async () => {
    const { serveWithTunnel, register } = await flowentAndEdgePublic();
    const { server, publicUrl } = await serveWithTunnel();
    await callServeInspector(server, 'closeTunnel');
    await server.waitFor(/Tunnel: closed\./);
    await callServeInspector(server, 'openTunnel');
    const [, current] = await server.waitFor(/Tunnel: the public URL changed from \S+ to (https:\/\/\S+): /);
    expect(current).not.toBe(publicUrl);

    const failed = await register('remind', `${publicUrl}/actions/remind`);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toBe(
      `flowent-companion actions: Flowent's registration check failed: your webhook at ${publicUrl}/actions/remind returned status 404. ` +
        `That is a URL this companion's tunnel had (${publicUrl}), and the tunnel is open at ${current} now, so the check never ` +
        "reached it: ngrok answers 404 for a tunnel it does not have. Give the action the tunnel's URL (--here does), and try again.\n",
    );
  }, 60_000);
});
