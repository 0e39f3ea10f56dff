import { describe, expect, it } from 'vitest';
import { REPLAYS_UNCHECKED_NOTE } from '../../main/contract/words';
import { useCoreWithOneCall } from '../helpers/core-with-one-call';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { runCli } from '../helpers/spawn-cli';

// Seen replaying a stored call from a shell without FLOWENT_HMAC_KEY: the replay went out, its
// line said nothing of keys, and `calls` then showed the replay as "no key" with no word of why.
// A real core with one signed call, `replay` as a child process.
const KEY = 'replay-without-key';
const stored = useCoreWithOneCall(KEY, { path: '/actions/send_email', body: signedBody(flowentPayload('send_email'), KEY) });

describe('replay with no HMAC key set', () => {
  it('says before the replays that their signatures are stored unchecked, and how to check them', async () => {
    const { env } = stored();
    const replayed = await runCli(['replay', '1'], { ...env, FLOWENT_HMAC_KEY: '' });
    expect(replayed.code, replayed.stderr).toBe(0);
    expect(replayed.stderr.split('\n')).toContain(REPLAYS_UNCHECKED_NOTE);
    expect(REPLAYS_UNCHECKED_NOTE).toContain('Set FLOWENT_HMAC_KEY');
    const listed = await runCli(['calls', '2'], { ...env, FLOWENT_HMAC_KEY: '' });
    expect(listed.stdout).toMatch(/^#2 .*\[replay\] {2}no key/m);
  });

  it('says nothing of keys with the key set', async () => {
    const replayed = await runCli(['replay', '1'], stored().env);
    expect(replayed.code, replayed.stderr).toBe(0);
    expect(replayed.stderr).not.toContain('No HMAC key');
  });
});
