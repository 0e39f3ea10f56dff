import { describe, expect, it } from 'vitest';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { holdingHandler } from '../helpers/holding-handler';
import { runCli, startCommand, startServe } from '../helpers/spawn-cli';

// A call `send` makes through a running serve is seen twice by `calls --follow --json`: the serve's
// wait while the handler works, then the call `send` stored. Both carry the time the call was
// made, so a script can match them; the stored one was taken before `send` loaded its HTTP
// client, and came out some 0.4 s (a whole second on the clock, at times) before the wait's.
const KEY = 'sent-call-time-key';
const { cleanups, tempDir, stopOnCleanup } = cleanupsPerTest();

describe('a call sent through a running serve', () => {
  it('is stored with the time its wait was seen, within the hop', async () => {
    const dir = tempDir();
    const held = await holdingHandler(null);
    cleanups.push(held.close);
    const target = `http://127.0.0.1:${held.port}/hooks/{action_name}`;
    stopOnCleanup(await startServe(['--port', '0', '--data-dir', dir, '--forward', target], { FLOWENT_HMAC_KEY: KEY }));
    const following = stopOnCleanup(
      await startCommand(['calls', '--follow', '--json', '--data-dir', dir], { FLOWENT_HMAC_KEY: KEY }, /Press Ctrl-C to stop\./),
    );

    const sent = runCli(['send', 'send_email', '--params', '{}', '--data-dir', dir], { FLOWENT_HMAC_KEY: KEY });
    await following.waitFor(/"waiting":true/, 15_000);
    held.answerAll();
    expect((await sent).code).toBe(0);
    await following.waitFor(/"id":1\b/, 10_000);

    const lines = following
      .stdout()
      .split('\n')
      .filter((line) => line.startsWith('{'));
    const records = lines.map((line) => JSON.parse(line) as { waiting?: boolean; id?: number; receivedAt: string });
    const wait = records.find((record) => record.waiting === true)!;
    const stored = records.find((record) => record.id === 1)!;
    const gapMs = Date.parse(wait.receivedAt) - Date.parse(stored.receivedAt);
    // Sent before it was received, by no more than a loopback hop (generous for a loaded machine).
    expect(gapMs).toBeGreaterThanOrEqual(0);
    expect(gapMs).toBeLessThan(200);
  }, 60_000);
});
