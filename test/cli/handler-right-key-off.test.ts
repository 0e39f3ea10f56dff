import { describe, expect, it } from 'vitest';
import { sign } from '../../main/core/signature';
import { hasPython } from '../core/handler-check/verifier-runners';
import { handlerBehindServe } from '../helpers/handler-behind-serve';

// A key set here with a trailing space, as copied from a web page; the handler has the key
// Flowent signs with. A real serve forwards a call Flowent signed to the real handler, which
// accepts it, rightly: the why says the key set here is off, not that the handler must reject it.

const KEY = 'right-key';
const rig = handlerBehindServe('python', KEY, { serve: true, companionKey: `${KEY} ` });

describe.skipIf(!hasPython)('a handler accepting a call the key set here only fails by its whitespace', () => {
  it('is told it is right, and the key set here is off', async () => {
    const serve = rig().serve!;
    const payload = { action_name: 'greet', parameters: { name: 'Zoë' }, timestamp: Math.floor(Date.now() / 1000) };
    const { body } = sign(JSON.stringify(payload), KEY, 'python');
    const response = await fetch(`${serve.baseUrl}/actions/greet`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    await response.arrayBuffer();
    expect(response.status).toBe(200);
    await serve.waitFor(/greet {2}INVALID {2}200 .*\n(.*\n){2}/);
    const lines = serve.output().split('\n');
    const at = lines.findIndex((line) => /greet {2}INVALID {2}200/.test(line));
    // The list line does not shout at a handler that is right.
    expect(lines[at]).toContain('greet  INVALID  200  handler accepted the signature  ');
    const why = lines.slice(at + 1, at + 3).join('\n');
    expect(why).toContain(
      'why: Your handler accepted the call (it answered 200), and it is right to: the signature is valid with the key set here once its leading or trailing whitespace is trimmed. Your handler is fine; the key set here is off.',
    );
    expect(why).not.toMatch(/Make your handler reject/);
  });
});
