import { describe, expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { runCli, startServe } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

// `calls --failed`: the calls the inspector's header counts as failures, on the command line.
const KEY = 'calls-failed-key';
const { cleanups, tempDir } = cleanupsPerTest();

async function servedHistory() {
  const dir = tempDir();
  const server = await startServe(['--port', '0', '--no-inspector', '--data-dir', dir], { FLOWENT_HMAC_KEY: KEY });
  cleanups.push(() => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  });
  const send = async (action: string, body: string) => {
    const answer = await fetch(`${server.baseUrl}/actions/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    await answer.arrayBuffer();
  };
  return { dir, send };
}

const ids = (text: string) => [...text.matchAll(/^#(\d+) /gm)].map((match) => Number(match[1]));

describe('calls --failed', () => {
  it('lists only the calls counted as failures, as text and as JSON, with the other filters', async () => {
    const { dir, send } = await servedHistory();
    await send('send_email', signedBody(flowentPayload('send_email'), KEY));
    await send('send_email', signedBody(flowentPayload('send_email'), 'another-key'));
    await send('lookup_order', JSON.stringify(flowentPayload('lookup_order')));
    await send('lookup_order', signedBody(flowentPayload('lookup_order'), KEY));

    const all = await runCli(['calls', '--data-dir', dir]);
    expect(ids(all.stdout)).toEqual([4, 3, 2, 1]);
    const failed = await runCli(['calls', '--failed', '--data-dir', dir]);
    expect(failed.code).toBe(0);
    expect(ids(failed.stdout)).toEqual([3, 2]);
    expect(failed.stdout).toMatch(/^#3 {2}\d\d:\d\d:\d\d {2}lookup_order {2}missing s/m);

    const json = await runCli(['calls', '--failed', '--json', '--action', 'send_email', '--data-dir', dir]);
    const lines = json.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: number; failed: boolean; source: string });
    expect(lines.map(({ id, failed, source }) => ({ id, failed, source }))).toEqual([{ id: 2, failed: true, source: 'flowent' }]);

    // Replays, simulated and imported calls are never counted, so never listed.
    const none = await runCli(['calls', '--failed', '--source', 'replay', '--data-dir', dir]);
    expect(none.code).toBe(0);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/^None of the calls stored in .*history\.sqlite from source replay counts as a failure\.\n$/);
  });

  it('says what --failed lists in its help', async () => {
    const help = await runCli(['calls', '--help']);
    expect(help.stdout).toMatch(/--failed {11}Only the calls counted as failures: Flowent's own calls/);
    // "refused" is what the companion does to a request; a handler turning a signature down rejected it.
    expect(help.stdout).toMatch(/why your handler rejected a valid\s+signature/);
    expect(help.stdout).not.toMatch(/handler refused/);
  });
});
