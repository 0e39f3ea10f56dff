import { describe, expect, it } from 'vitest';
import { hasPython } from '../core/handler-check/verifier-runners';
import { handlerBehindServe } from '../helpers/handler-behind-serve';

// A spoiled call refused by a handler that had accepted no valid call yet proves nothing, and
// `send` says so. Once the handler accepts a valid call, the stored call's details judge it with
// that (its refusal now shows the handler checks signatures), and say they judge it as of now.

const rig = handlerBehindServe('python', 'judged-now-key');

const send = (...flags: string[]) => rig().send('ticket', '{"subject":"hi"}', ...flags);
const verdictOf = (stdout: string) => stdout.split('\n').find((line) => line.startsWith('  verdict: ')) ?? '';

describe.skipIf(!hasPython)("a spoiled call's verdict, read after the handler accepted a valid call", () => {
  it('is judged with what is known now, and says so; when sent, it was judged with what was known then', async () => {
    const spoiled = await send('--wrong-signature');
    expect(verdictOf(spoiled.stdout)).toContain('but it has not accepted a call with a valid signature yet: this proves nothing');
    expect(verdictOf(spoiled.stdout)).not.toContain('judged with');
    const id = /^Sent #(\d+)/m.exec(spoiled.stdout)![1]!;

    expect((await send()).code).toBe(0);

    const inFull = await rig().run(['calls', id]);
    expect(verdictOf(inFull.stdout)).toBe(
      '  verdict: your handler refused the call with a wrong signature (401), as it should: it checks signatures; ' +
        'judged with what your handler has accepted until now, not when this call was sent',
    );
  }, 60_000);
});
