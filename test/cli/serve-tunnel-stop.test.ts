// Stopping `serve --tunnel` while ngrok's edge has completed TLS and never answers (a stalled
// edge, a proxy): the agent library cannot cancel that session setup, and its pending call holds
// the process. Ctrl-C and SIGTERM must still say "Stopping..." at once and end the process.
import { describe, expect, it } from 'vitest';
import { FakeEdge } from '../fixtures/ngrok-edge/fake-edge';
import { startServe, type ServeProcess } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const { cleanups, tempDir } = cleanupsPerTest();

/** An edge that takes the agent's connection and never answers its Auth. */
async function silentEdge(): Promise<FakeEdge> {
  const edge = await FakeEdge.start();
  edge.silentAuth = true;
  cleanups.push(() => edge.stop());
  return edge;
}

async function serveThrough(edge: FakeEdge): Promise<ServeProcess> {
  const server = await startServe(
    ['--port', '0', '--no-inspector', '--data-dir', tempDir(), '--tunnel'],
    { FLOWENT_HMAC_KEY: 'stop-key', NGROK_AUTHTOKEN: 'good-token' },
    { ngrokEdge: edge.serverAddr },
  );
  // Killed hard after the test if it is still there: the point of the test is that it is not.
  cleanups.push(() => {
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  });
  return server;
}

/** Sends `signal` and says how long "Stopping..." and the process's end took, and its exit code. */
async function stop(server: ServeProcess, signal: NodeJS.Signals) {
  const sent = Date.now();
  server.child.kill(signal);
  await server.waitFor(/Stopping\.\.\./, 10_000);
  const stoppingAfterMs = Date.now() - sent;
  const code = await Promise.race([
    server.exited,
    new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 10_000)),
  ]);
  return { stoppingAfterMs, exitedAfterMs: Date.now() - sent, code };
}

describe('stopping serve --tunnel while ngrok does not answer', () => {
  it('Ctrl-C while the first open waits for ngrok: "Stopping..." at once, then the process ends', async () => {
    const edge = await silentEdge();
    const server = await serveThrough(edge);
    await server.waitFor(/Tunnel: connecting\.\.\./);
    await expect.poll(() => edge.counters.authAttempts).toBe(1);

    const stopped = await stop(server, 'SIGINT');
    expect(stopped.stoppingAfterMs).toBeLessThan(1_000);
    expect(stopped.code).toBe(0);
    expect(stopped.exitedAfterMs).toBeLessThan(4_000);
    expect(server.output()).toMatch(/Stopping\.\.\.\nTunnel: closed\.\nStopped\.\n$/);
  }, 30_000);

  it('SIGTERM after the open gave up on ngrok and retries behind the stuck attempt: the process ends', async () => {
    const edge = await silentEdge();
    const server = await serveThrough(edge);
    // The open's own time limit (15 s) runs out; the retry waits for the attempt ngrok never answered.
    await server.waitFor(/Tunnel: not connected yet, trying again, attempt 1 in 1 s \(ngrok did not answer within 15 s/, 25_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    const stopped = await stop(server, 'SIGTERM');
    expect(stopped.stoppingAfterMs).toBeLessThan(1_000);
    expect(stopped.code).toBe(0);
    expect(stopped.exitedAfterMs).toBeLessThan(4_000);
    expect(server.output()).toContain('Stopped.');
  }, 60_000);
});
