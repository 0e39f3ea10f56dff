import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readServeState } from '../../main/core/account/serve-state';
import { FakeEdge } from '../fixtures/ngrok-edge/fake-edge';
import { postThroughEdge } from '../helpers/post-through-edge';
import { runCli, startServe, type ServeProcess } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { callServeInspector } from '../helpers/inspector';

const KEY = 'tunnel-cli-key';
const { cleanups, tempDir } = cleanupsPerTest();

let lastDataDir = '';

async function serveThrough(edge: FakeEdge, args: string[], env: NodeJS.ProcessEnv): Promise<ServeProcess> {
  const dir = tempDir();
  lastDataDir = dir;
  const server = await startServe(
    ['--port', '0', '--data-dir', dir, ...args],
    { FLOWENT_HMAC_KEY: KEY, ...env },
    { ngrokEdge: edge.serverAddr },
  );
  cleanups.push(async () => {
    if (server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });
  return server;
}

describe('serve --tunnel', () => {
  it('prints the public URL, and a call from the internet through the tunnel is stored with its verdict', async () => {
    const edge = await FakeEdge.start();
    cleanups.push(() => edge.stop());
    const server = await serveThrough(edge, ['--tunnel'], { NGROK_AUTHTOKEN: 'good-token' });
    const [, publicUrl] = await server.waitFor(/Tunnel: online\. Public URL: (https:\/\/\S+)\/actions\/<action_name>/);
    expect(publicUrl).toMatch(/^https:\/\/.+/);
    // A running serve says where it is reachable, for `actions register --here`.
    await expect.poll(() => readServeState(lastDataDir)?.publicUrl).toBe(publicUrl);
    expect(readServeState(lastDataDir)?.webhookBaseUrl).toBe(server.baseUrl);

    const answer = await postThroughEdge(edge, 'send_email', { via: 'tunnel' }, KEY);
    expect(answer.status).toBe(200);
    await server.waitFor(/send_email {2}valid/);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toMatch(/Tunnel: closed\./);
    expect(readServeState(lastDataDir)).toBeNull();
  }, 30_000);

  it('refuses to start without an authtoken, saying how to set one (exit 2): a CI step that needs the public URL notices', async () => {
    const refused = await runCli(['serve', '--port', '0', '--no-inspector', '--tunnel', '--data-dir', tempDir()], {
      FLOWENT_HMAC_KEY: KEY,
      NGROK_AUTHTOKEN: '',
    });
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(
      'flowent-companion serve: --tunnel needs an ngrok authtoken, and NGROK_AUTHTOKEN is not set: set it (find it at https://dashboard.ngrok.com/get-started/your-authtoken) and start again',
    );
  }, 30_000);

  it('refuses to start with a blank authtoken as without one (exit 2): spaces, or a line break read from a file, are no token', async () => {
    const refused = await runCli(
      ['serve', '--port', '0', '--no-inspector', '--tunnel', '--data-dir', tempDir()],
      {
        FLOWENT_HMAC_KEY: KEY,
        NGROK_AUTHTOKEN: ' \t\r',
      },
      { killAfterMs: 10_000 },
    );
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('flowent-companion serve: --tunnel needs an ngrok authtoken, and NGROK_AUTHTOKEN is not set');
  }, 30_000);

  it('takes blank secrets in the environment for unset: the banner, the status and Open tunnel agree', async () => {
    const server = await startServe(['--port', '0', '--data-dir', tempDir()], { FLOWENT_HMAC_KEY: '  ', NGROK_AUTHTOKEN: ' \r' });
    cleanups.push(async () => {
      server.child.kill('SIGTERM');
      await server.exited;
    });
    expect(server.output()).toContain('HMAC key:     not set: signatures cannot be checked.');
    const status = (await callServeInspector(server, 'getStatus')) as { hmacKey: object; ngrokAuthtoken: object };
    expect(status.ngrokAuthtoken).toEqual({ set: false, source: null });
    expect(status.hmacKey).toMatchObject({ set: false, source: null });
    // Open tunnel, as the page's button does: no token, said once, by the answer (the page shows it).
    expect(await callServeInspector(server, 'openTunnel')).toEqual({ ok: false, code: 'tunnel-no-authtoken' });
    expect(server.output()).not.toMatch(/Tunnel:/);
  }, 30_000);

  it('started without a network, keeps trying, says so, and comes up when ngrok can be reached', async () => {
    const edge = await FakeEdge.startDown();
    cleanups.push(() => edge.stop());
    const server = await serveThrough(edge, ['--tunnel'], { NGROK_AUTHTOKEN: 'good-token' });
    await server.waitFor(
      /Tunnel: not connected yet, trying again, attempt 1 in 1 s \(Cannot reach ngrok \(.+\)\. Check your internet connection\.\)/,
    );
    expect(server.output()).not.toMatch(/Tunnel: offline/);
    await edge.up();
    const [, publicUrl] = await server.waitFor(/Tunnel: online\. Public URL: (https:\/\/\S+)\/actions\/<action_name>/);
    await expect.poll(() => readServeState(lastDataDir)?.publicUrl).toBe(publicUrl);
    const answer = await postThroughEdge(edge, 'send_email', { via: 'tunnel' }, KEY);
    expect(answer.status).toBe(200);
  }, 30_000);

  it("explains a rejected authtoken with ngrok's error code", async () => {
    const edge = await FakeEdge.start();
    edge.rejectAuthWith = 'ERR_NGROK_105';
    cleanups.push(() => edge.stop());
    const server = await serveThrough(edge, ['--tunnel'], { NGROK_AUTHTOKEN: 'revoked-token' });
    await server.waitFor(/Tunnel: offline: .*ERR_NGROK_105/);
    // Said once, not retried: a rejected token does not heal by retrying.
    expect(server.output()).not.toMatch(/trying again|reconnecting/);
  }, 30_000);

  it('takes the authtoken out of a refusal whose code it does not know, where ngrok quotes the token', async () => {
    const edge = await FakeEdge.start();
    edge.rejectAuthWith = 'ERR_NGROK_334';
    cleanups.push(() => edge.stop());
    const server = await serveThrough(edge, ['--tunnel'], { NGROK_AUTHTOKEN: 'AUDITTOKEN_2f9c7e' });
    await server.waitFor(/Tunnel: offline: ngrok refused the tunnel \(ERR_NGROK_334\)/);
    expect(server.output()).not.toContain('AUDITTOKEN_2f9c7e');
    expect(server.output()).toMatch(
      /\(ERR_NGROK_334\): The authtoken you specified is not valid \(test edge\)\. Your authtoken: \[redacted\] Instructions/,
    );
  }, 30_000);

  it("says offline with ngrok's reason when ngrok refuses the agent's own reconnection (a revoked authtoken), not online", async () => {
    const edge = await FakeEdge.start();
    cleanups.push(() => edge.stop());
    const server = await serveThrough(edge, ['--tunnel'], { NGROK_AUTHTOKEN: 'good-token' });
    const [, publicUrl] = await server.waitFor(/Tunnel: online\. Public URL: (https:\/\/\S+)\/actions\/<action_name>/);
    await expect.poll(() => readServeState(lastDataDir)?.publicUrl).toBe(publicUrl);

    // The token is revoked while the connection blips: the agent redials, and ngrok refuses it.
    edge.rejectAuthWith = 'ERR_NGROK_107';
    await edge.drop(300);
    await server.waitFor(/Tunnel: reconnecting/);
    await server.waitFor(/Tunnel: offline: ngrok rejected the authtoken.*\(ERR_NGROK_107\)/, 15_000);
    expect(server.output().match(/Tunnel: online/g)).toHaveLength(1);
    // The tunnel --tunnel asked for is gone for good: serve stops, and `actions register --here` is not handed the dead URL.
    expect(await server.exited).toBe(1);
    expect(readServeState(lastDataDir)).toBeNull();
    expect(edge.boundUrls).toEqual([]);
  }, 30_000);

  it('refuses --domain without --tunnel', async () => {
    const result = await runCli(['serve', '--domain', 'x.ngrok.app', '--data-dir', join(tempDir(), 'd')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--domain only makes sense with --tunnel/);
  });
});
