import { describe, expect, it } from 'vitest';
import { sign } from '../../main/core/signature';
import { useCoreWithOneCall } from '../helpers/core-with-one-call';
import { runCli } from '../helpers/spawn-cli';

const KEY = 'cli-replay-guard-key';
const NOTE =
  "  note: Replayed with the original's signature and timestamp, which a handler that refuses replays or old timestamps rejects. Replay it with --resign to send it as Flowent would now, with a fresh timestamp and signature.";
// Accepted once: the handler remembers its signature and refuses it when it comes again.
const payload = JSON.stringify({ action_name: 'replay_guard', parameters: { n: 1 }, timestamp: Math.floor(Date.now() / 1000) });
const forwarding = useCoreWithOneCall(KEY, { path: '/actions/replay_guard', body: sign(payload, KEY, 'python').body });

// A replay guard refuses the original bytes by design: the line says why, and that re-signing sends it as Flowent would now.
describe('replay of the original bytes to a handler that refuses replays', () => {
  it('says it carried the original signature and timestamp, and to re-sign', async () => {
    const { env } = forwarding();
    const asIs = await runCli(['replay', '1'], env);
    expect(asIs.stdout).toMatch(/^#1 → #\d+ {2}200 → 401 {2}changed/m);
    expect(asIs.stdout.split('\n')).toContain(NOTE);
    expect(asIs.code).toBe(1);

    const resigned = await runCli(['replay', '1', '--resign'], env);
    expect(resigned.stdout).toMatch(/^#1 → #\d+ {2}200 {2}same {2}ok {2}re-signed \(python\)$/m);
    expect(resigned.stdout).not.toContain('original signature');
    expect(resigned.code).toBe(0);
  });
});
