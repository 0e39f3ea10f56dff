// A replay sent through a serve's webhook waits as long as that serve waits for the handler it
// forwards to, and a little more, so the serve's own 504 ("your handler did not answer in time")
// arrives. The serve records its --forward-timeout in the data folder for that: a companion whose
// own wait is shorter would otherwise give up first and blame the serve's webhook. A real serve
// child with a long timeout, a real handler that holds every call, and a replaying core of its
// own (a shorter timeout) on the same data folder.
import { describe, expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { holdingHandler } from '../helpers/holding-handler';
import { coresClosedAfterEach } from '../helpers/running-core';
import { startServe } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const KEY = 'replay-waits-for-serve-key';
/** The serve's wait: longer than the replaying core's own wait and its margin for a webhook's answer (2 s). */
const SERVE_TIMEOUT_MS = 3_000;
const OWN_TIMEOUT_MS = 300;
const { cleanups, tempDir } = cleanupsPerTest();
const startCore = coresClosedAfterEach();

describe("a replay through a serve's webhook to a handler too slow for that serve", () => {
  it("waits for the serve's 504, which names the handler behind it", async () => {
    const dataDir = tempDir();
    const slow = await holdingHandler(null);
    cleanups.push(() => slow.close());
    const handler = `http://127.0.0.1:${slow.port}/actions/{action_name}`;
    const serve = await startServe(
      ['--port', '0', '--no-inspector', '--forward', handler, '--forward-timeout', String(SERVE_TIMEOUT_MS), '--data-dir', dataDir],
      { FLOWENT_HMAC_KEY: KEY },
    );
    cleanups.push(() => {
      if (serve.child.exitCode === null) serve.child.kill('SIGKILL');
    });
    // The call to replay, stored by a companion of its own on the folder (its mock answers it).
    const replaying = await startCore({ key: KEY, dataDir, forwardTimeoutMs: OWN_TIMEOUT_MS });
    expect((await replaying.post('/actions/slow', signedBody(flowentPayload('slow', { n: 1 }), KEY))).status).toBe(200);
    const [stored] = (await replaying.core.api.listCalls({ limit: 1 })).calls;

    const replayed = await replaying.core.api.replayCall(stored!.id, 'as-is', `${serve.baseUrl}/actions/{action_name}`);
    if (!replayed.ok) throw new Error(JSON.stringify(replayed));
    expect(replayed.value.status).toBe(504);
    expect(replayed.value.forwardTarget).toBe(`http://127.0.0.1:${slow.port}/actions/slow`);
    expect(replayed.value.violations.map((violation) => violation.cause)).toContain('timeout');
  });
});
