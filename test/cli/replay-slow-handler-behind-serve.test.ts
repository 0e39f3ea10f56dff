// `replay --action` without --target goes through the running serve's webhook, which forwards to
// a handler that holds every call past the serve's --forward-timeout: the serve answers each
// replay 504 in the handler's place. A handler too slow once may answer the next call, so the run
// sends every call, as one sent straight to the handler does, and its last line names that
// handler at its own address, not the serve's webhook. The built command, a real serve child, a
// real handler on port 0 that never answers in time.
import { describe, expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { holdingHandler } from '../helpers/holding-handler';
import { runCli, startServe } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const KEY = 'replay-slow-behind-serve-key';
const CALLS = 4;
const { cleanups, tempDir } = cleanupsPerTest();

describe('replay through a running serve to a handler too slow for it', () => {
  it('sends every call, and says once that the handler behind the serve did not answer in time', async () => {
    const dataDir = tempDir();
    const slow = await holdingHandler(null);
    cleanups.push(() => slow.close());
    const handler = `http://127.0.0.1:${slow.port}`;
    const server = await startServe(
      ['--port', '0', '--no-inspector', '--forward', `${handler}/actions/{action_name}`, '--forward-timeout', '300', '--data-dir', dataDir],
      { FLOWENT_HMAC_KEY: KEY },
    );
    cleanups.push(() => {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    });
    for (let n = 0; n < CALLS; n++) {
      const answer = await fetch(`${server.baseUrl}/actions/slow`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: signedBody(flowentPayload('slow', { n }), KEY),
      });
      expect(answer.status).toBe(504);
    }

    const replayed = await runCli(['replay', '--action', 'slow', '--since', '1h', '--data-dir', dataDir], { FLOWENT_HMAC_KEY: KEY });
    const lines = replayed.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Replaying through /);
    expect(lines.filter((line) => /^#\d+ → #\d+ {2}504 {2}same {2}failed$/.test(line))).toHaveLength(CALLS);
    expect(lines.at(-1)).toBe(
      `All 4 failed replays: your handler at ${handler}/actions/slow, behind this companion's webhook, did not answer in time.`,
    );
    expect(replayed.code).toBe(1);
  });
});
