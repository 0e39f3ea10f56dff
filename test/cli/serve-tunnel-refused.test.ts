// `serve --tunnel` promises a public URL or an exit code that is not 0: a script or CI step that
// needs the URL must never go on with a local one. Without a token that is exit 2 before the
// start; a tunnel ngrok refuses for good ends serve with exit 1. What can heal keeps retrying.
import { describe, expect, it } from 'vitest';
import { readServeState } from '../../main/core/account/serve-state';
import { FakeEdge } from '../fixtures/ngrok-edge/fake-edge';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { callServeInspector } from '../helpers/inspector';
import { startServe, type ServeProcess } from '../helpers/spawn-cli';

const { cleanups, tempDir } = cleanupsPerTest();

async function edgeThat(refuses: (edge: FakeEdge) => void = () => {}): Promise<FakeEdge> {
  const edge = await FakeEdge.start();
  refuses(edge);
  cleanups.push(() => edge.stop());
  return edge;
}

async function serveThrough(edge: FakeEdge, args: string[]): Promise<{ server: ServeProcess; dataDir: string }> {
  const dataDir = tempDir();
  const server = await startServe(
    ['--port', '0', '--data-dir', dataDir, ...args],
    { NGROK_AUTHTOKEN: 'the-token' },
    { ngrokEdge: edge.serverAddr },
  );
  cleanups.push(async () => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return;
    server.child.kill('SIGTERM');
    await server.exited;
  });
  return { server, dataDir };
}

/** The exit code, or 'still running' when the process has not ended within `ms`. */
function exitWithin(server: ServeProcess, ms: number): Promise<number | null | 'still running'> {
  return Promise.race([server.exited, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), ms))]);
}

const STOPS = /Tunnel: serve stops: --tunnel asks for a public URL, and this tunnel will not open until that is fixed\./;

describe('serve --tunnel that ngrok refuses for good', () => {
  it.each([
    [
      'an authtoken ngrok refuses (reset or revoked)',
      (edge: FakeEdge) => (edge.rejectAuthWith = 'ERR_NGROK_107'),
      [],
      /ngrok rejected the authtoken: .*\(ERR_NGROK_107\)/,
    ],
    [
      'an agent ngrok no longer supports',
      (edge: FakeEdge) => (edge.rejectAuthWith = 'ERR_NGROK_120'),
      [],
      /no longer supports this version of the agent \(ERR_NGROK_120\)/,
    ],
    [
      'a domain reserved by another account',
      (edge: FakeEdge) => (edge.rejectBindWith = 'ERR_NGROK_320'),
      ['--domain', 'taken.ngrok.app'],
      /This domain is reserved by another ngrok account \(ERR_NGROK_320\)\. Use a domain reserved on your account \(\S+\) or start without --domain\./,
    ],
  ])(
    'stops with exit code 1, saying why: %s',
    async (_, refuses, args, reason) => {
      const edge = await edgeThat(refuses);
      const { server, dataDir } = await serveThrough(edge, ['--tunnel', ...args]);
      expect(await exitWithin(server, 10_000)).toBe(1);
      const output = server.output();
      expect(output).toMatch(new RegExp(`Tunnel: offline: .*${reason.source}.*\\n${STOPS.source}`));
      expect(output).toMatch(/Stopped\.\n$/);
      // Closed already: the stop has nothing more to say of the tunnel.
      expect(output).not.toContain('Tunnel: closed.');
      // Said once, not retried: a refusal for good does not heal by retrying.
      expect(output).not.toMatch(/trying again|reconnecting/);
      expect(readServeState(dataDir)).toBeNull();
    },
    30_000,
  );

  it('goes on serving when the tunnel is refused that the inspector opened again: the inspector took the tunnel over', async () => {
    const edge = await edgeThat();
    const { server } = await serveThrough(edge, ['--tunnel']);
    await server.waitFor(/Tunnel: online\./);
    edge.rejectAuthWith = 'ERR_NGROK_107';
    expect(await callServeInspector(server, 'openTunnel')).toMatchObject({ ok: false, code: 'tunnel-authtoken-invalid' });
    await server.waitFor(/Tunnel: offline: ngrok rejected the authtoken/);
    expect(await exitWithin(server, 1_500)).toBe('still running');
    expect(server.output()).not.toMatch(STOPS);
    const answer = await fetch(`${server.baseUrl}/actions/send_email`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(400);
  }, 30_000);

  it('goes on serving without --tunnel when the tunnel the inspector opens is refused', async () => {
    const edge = await edgeThat((refusing) => (refusing.rejectAuthWith = 'ERR_NGROK_107'));
    const { server } = await serveThrough(edge, []);
    expect(await callServeInspector(server, 'openTunnel')).toMatchObject({ ok: false, code: 'tunnel-authtoken-invalid' });
    await server.waitFor(/Tunnel: offline: ngrok rejected the authtoken/);
    expect(await exitWithin(server, 1_500)).toBe('still running');
    expect(server.output()).not.toMatch(STOPS);
  }, 30_000);
});
