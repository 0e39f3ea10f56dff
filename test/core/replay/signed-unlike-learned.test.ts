import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flowentPayload, signedAs } from '../../helpers/flowent-signer';
import { KEY, startWorld, type ReplayWorld } from './harness';

// A Flowent call whose valid signature matches only other styles than the one learned from the
// other calls passed as plain "valid": nothing said that a handler written for the learned style
// rejects it, and the learned style's count left it out.
let world: ReplayWorld;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

/** Posts `body` to the core's webhook as Flowent would; resolves with the stored call's id. */
async function post(body: string): Promise<number> {
  await world.running.post('/actions/ok', body);
  return world.store.calls.lastCallId();
}

/** A call with text past ASCII and keys out of order: Python's and Go's examples sign it differently. */
const telling = (n: number) => flowentPayload('ok', { zebra: `Zürich ${n}`, apple: n });

const detail = async (id: number) => (await world.running.core.api.getCall(id))!;

describe('a Flowent call signed unlike the learned style', () => {
  it('is said to be, with the learned style and its calls, and is counted beside it', async () => {
    for (let n = 0; n < 3; n++) await post(signedAs(telling(n), KEY, 'python'));
    // Plain ASCII, keys in order: every style signs it alike, so it is no call against python.
    const alike = await post(signedAs(flowentPayload('ok', { a: 'plain' }), KEY, 'go'));
    const contrary = await post(signedAs(telling(9), KEY, 'go'));

    const info = await world.running.core.api.getLearnedStyle();
    expect(info).toMatchObject({ style: 'python', fromCalls: 4, contrary: [{ style: 'go', calls: 1 }] });
    expect((await detail(contrary)).signature.verdict).toBe('valid');
    expect((await detail(contrary)).signedUnlikeLearned).toEqual({ style: 'python', fromCalls: 4 });
    expect((await detail(alike)).signedUnlikeLearned).toBeNull();
    expect((await detail(1)).signedUnlikeLearned).toBeNull();
  });

  it('is not said of a replay, nor counted: only calls from Flowent teach the style', async () => {
    for (let n = 0; n < 2; n++) await post(signedAs(telling(n), KEY, 'python'));
    const original = await post(signedAs(telling(5), KEY, 'go'));
    const replayed = await world.api.replay(original, { mode: 'resign', style: 'go' });
    expect(replayed.ok).toBe(true);
    const replay = world.store.calls.lastCallId();
    expect(replay).not.toBe(original);

    expect((await detail(replay)).signature.style).toBe('go');
    expect((await detail(replay)).signedUnlikeLearned).toBeNull();
    expect((await detail(original)).signedUnlikeLearned).toEqual({ style: 'python', fromCalls: 2 });
    expect(await world.running.core.api.getLearnedStyle()).toMatchObject({ contrary: [{ style: 'go', calls: 1 }] });
  });

  it('is not said while the calls have not told a style: the majority signs like it', async () => {
    const only = await post(signedAs(telling(1), KEY, 'go'));
    expect((await detail(only)).signedUnlikeLearned).toBeNull();
    expect(await world.running.core.api.getLearnedStyle()).toMatchObject({ style: 'go', contrary: [] });
  });
});
