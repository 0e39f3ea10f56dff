// `replay --action` without --target goes through the running serve's webhook, which forwards
// to a handler nobody runs: the serve answers each replay 502 in the handler's place, an answer
// from outside, yet the serve's own word is that the handler refused the connection. The run
// must stop after 3 as one sent straight to the handler does, and say who was not there (the
// handler at its own address, as the serve said where it forwarded) and what to do. The built command, a real serve child, a port listened on then closed.
import { describe, expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { runCli } from '../helpers/spawn-cli';
import { serveForwardingToNobody } from '../helpers/serve-forwarding';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const KEY = 'replay-stops-behind-serve-key';
const CALLS = 6;
const { cleanups, tempDir } = cleanupsPerTest();

describe('replay through a running serve to a handler nobody runs', () => {
  it('stops after 3, names the handler behind the serve and what to do, and exits 1', async () => {
    const dataDir = tempDir();
    const { server, nobody } = await serveForwardingToNobody(dataDir, KEY, cleanups);
    for (let n = 0; n < CALLS; n++) {
      const answer = await fetch(`${server.baseUrl}/actions/down`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: signedBody(flowentPayload('down', { n }), KEY),
      });
      expect(answer.status).toBe(502);
    }

    const replayed = await runCli(['replay', '--action', 'down', '--since', '1h', '--data-dir', dataDir], { FLOWENT_HMAC_KEY: KEY });
    const lines = replayed.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Replaying through /);
    // Three replays sent, each answered 502 by the serve; the three left are not sent.
    expect(lines.filter((line) => /^#\d+ → #\d+ {2}502 {2}same {2}failed$/.test(line))).toHaveLength(3);
    expect(lines.at(-2)).toBe('0 replayed: 0 passed, 0 passed with a changed answer, 0 failed; 3 reached nobody, 3 not sent.');
    expect(lines.at(-1)).toBe(
      `Stopped after 3 calls: your handler at ${nobody}/actions/down, behind this companion's webhook, refused the connection (nothing is listening). 3 calls not sent. Start your handler, or point the action's forwarding target elsewhere, and run again.`,
    );
    expect(replayed.code).toBe(1);
    // Three failed replays in the history, beside the six calls from Flowent, not six.
    const stored = await runCli(['calls', '--json', '--data-dir', dataDir]);
    const sources = stored.stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { source: string }).source);
    expect(sources.filter((source) => source === 'replay')).toHaveLength(3);
  });
});
