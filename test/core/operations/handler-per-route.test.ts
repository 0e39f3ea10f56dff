import { describe, expect, it } from 'vitest';
import { sign } from '../../../main/core/signature';
import { handlerUrl, useHandler } from '../../helpers/handler-process';
import { coresClosedAfterEach } from '../../helpers/running-core';

// One handler server, one target for every action (`.../actions/{action_name}`): the route of
// `refuses_signatures` refuses every call, the route of `greet` accepts every call. What the
// handler taught is learned per route, so neither call's details speak of the other route.

const handler = useHandler();
const startCore = coresClosedAfterEach();
const KEY = 'per-route-key';

function signed(action: string): string {
  return sign(
    JSON.stringify({ action_name: action, parameters: { city: 'Paris' }, timestamp: Math.floor(Date.now() / 1000) }),
    KEY,
    'python',
  ).body;
}

describe('what a handler taught is learned per route it was reached at', () => {
  it("one action's refusals do not count against another action's route of the same target", async () => {
    const template = handlerUrl(handler(), '{action_name}');
    const running = await startCore({ key: KEY, forwardTarget: template });
    await running.post('/actions/greet', signed('greet'));
    await running.post('/actions/refuses_signatures', signed('refuses_signatures'));
    await running.post('/actions/greet', signed('greet'));

    const [refused, greeted] = [await running.core.api.getCall(2), await running.core.api.getCall(3)];
    expect(greeted?.handler).toMatchObject({ verdict: 'accepted', target: template, reached: handlerUrl(handler(), 'greet') });
    expect(greeted?.handler?.known).toMatchObject({ accepted: 2, refused: 0, stylesRefused: [] });
    expect(greeted?.handler?.known.stylesAccepted).toContain('python');

    expect(refused?.handler).toMatchObject({ verdict: 'refused', reached: handlerUrl(handler(), 'refuses_signatures') });
    // Plain ASCII text, keys in order: every style signs it alike, so it is counted as such, no style named.
    expect(refused?.handler?.known).toMatchObject({ accepted: 0, refused: 1, refusedAlike: 1, stylesAccepted: [], stylesRefused: [] });
  });

  it("a probe of one action's call teaches its own route only", async () => {
    const template = handlerUrl(handler(), '{action_name}');
    const running = await startCore({ key: KEY, forwardTarget: template });
    await running.post('/actions/greet', signed('greet'));
    await running.post('/actions/refuses_signatures', signed('refuses_signatures'));
    const before = (await running.core.api.getCall(1))?.handler?.known;

    const probe = await running.core.api.probeHandler(2, template);
    expect(probe.ok).toBe(true);
    expect((await running.core.api.getCall(1))?.handler?.known).toEqual(before);
    const after = (await running.core.api.getCall(2))?.handler?.known;
    expect(after?.refused).toBeGreaterThan(1);
    expect(after?.accepted).toBe(0);
  });

  it('a route that took a wrong signature in a probe is said to verify with no style, whatever its requests were signed in', async () => {
    const template = handlerUrl(handler(), '{action_name}');
    const running = await startCore({ key: KEY, forwardTarget: template });
    await running.post('/actions/greet', signed('greet'));
    expect((await running.core.api.probeHandler(1, template)).ok).toBe(true);
    const known = (await running.core.api.getCall(1))?.handler?.known;
    // It took every request, the wrong signature too: raw matches each request's own bytes, but
    // a handler that takes a wrong signature verifies with none.
    expect(known?.acceptedUnverified).toBe(1);
    expect(known?.stylesAccepted).toEqual([]);
  });
});
