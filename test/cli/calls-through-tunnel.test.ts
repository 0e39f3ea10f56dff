import { describe, expect, it } from 'vitest';
import { tunnelCallerWords } from '../../main/contract/words';
import { FakeEdge } from '../fixtures/ngrok-edge/fake-edge';
import { postThroughEdge } from '../helpers/post-through-edge';
import { runCli, startServe } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

// `calls <id>` of a call that came through the tunnel: the socket's address is the agent's, on this
// machine, so the line names the caller ngrok's edge saw, in the words the page's call detail uses.
const KEY = 'tunnel-caller-key';
const { cleanups, tempDir, stopOnCleanup } = cleanupsPerTest();

describe('calls <id> of a call through the tunnel', () => {
  it('says who sent it through the tunnel, after the loopback address it came from', async () => {
    const edge = await FakeEdge.start();
    cleanups.push(() => edge.stop());
    const dir = tempDir();
    const server = stopOnCleanup(
      await startServe(
        ['--port', '0', '--no-inspector', '--data-dir', dir, '--tunnel'],
        { FLOWENT_HMAC_KEY: KEY, NGROK_AUTHTOKEN: 'good-token' },
        { ngrokEdge: edge.serverAddr },
      ),
    );
    await server.waitFor(/Tunnel: online\./);
    const answer = await postThroughEdge(edge, 'send_email', { via: 'tunnel' }, KEY);
    expect(answer.status).toBe(200);
    await server.waitFor(/send_email {2}valid/);

    const one = await runCli(['calls', '1', '--data-dir', dir], { FLOWENT_HMAC_KEY: KEY });
    expect(one.code, one.stderr).toBe(0);
    // The fake edge, as ngrok's does, appends the address the request came to it from.
    expect(one.stdout).toMatch(/^Request: {2}POST \/actions\/send_email {2}from 127\.0\.0\.1 \(through the tunnel from 127\.0\.0\.1\)$/m);
    expect(one.stdout).toContain(`(${tunnelCallerWords('127.0.0.1')})`);
  }, 30_000);
});
