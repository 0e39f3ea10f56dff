import { describe, expect, it } from 'vitest';
import { hasPython } from '../core/handler-check/verifier-runners';
import { handlerBehindServe } from '../helpers/handler-behind-serve';

// replay --probe-styles of a handler that verifies like the docs' Go example, with no Flowent call
// in the history to tell which style this Flowent signs in: the probe passes (it checks
// signatures), and its finding names the styles it rejects, the docs' Python example among them.

const rig = handlerBehindServe('go', 'probe-names-rejected-key');

describe.skipIf(!hasPython)('a probe with no Flowent style learned', () => {
  it('names the styles the handler rejects, and that python is what is signed with until then', async () => {
    const { send, run, handler } = rig();
    const sent = await send('greet', '{"name":"Zoë & co"}', '--style', 'go');
    expect(sent.code, sent.stdout).toBe(0);
    const id = /^Sent #(\d+)/m.exec(sent.stdout)![1]!;
    const probed = await run(['replay', id, '--probe-styles', '--target', handler.target]);
    expect(probed.code, probed.stderr).toBe(0);
    const finding = probed.stdout.slice(probed.stdout.indexOf('Your handler')).replace(/\n {2}/g, ' ');
    expect(finding).toMatch(/^Your handler checks signatures: it rejected the wrong signature and accepted go/);
    expect(finding).toMatch(
      /It rejects python, [^:]*and no Flowent call has told yet which style your Flowent signs with: if it signs in one of these, your handler will reject every call\. Calls sent from here are signed in python, as the docs' Python example signs, until a Flowent call is seen\.\n$/,
    );
  }, 60_000);
});
