import { describe, expect, it } from 'vitest';
import { coresClosedAfterEach } from '../../helpers/running-core';
import { pythonSigned } from '../../e2e/screen-calls';
import { OWN_WEBHOOK_MARGIN_MS } from '../../../main/core/replay/deliver';

// "This companion" as the target of a simulated call or a replay: the companion's own webhook
// receives the call and answers it; the call is stored once, by the sender, as what it is. It
// is the companion talking to itself, not Flowent: it must not count as Flowent's call (its
// failures, the source filter) nor teach which style Flowent signs in.
const KEY = 'test-key';
const start = coresClosedAfterEach();

describe('calls the companion sends to its own webhook', () => {
  it('are stored once, with the source they were sent as, never as Flowent calls, and teach no signing style', async () => {
    const core = await start({ key: KEY });
    // Three calls from Flowent, signed the way its Python example does.
    for (let i = 0; i < 3; i++)
      expect((await core.post('/actions/weather', pythonSigned('weather', '{"city":"Z\\u00fcrich"}', KEY))).status).toBe(200);
    expect(await core.core.api.getLearnedStyle()).toMatchObject({ style: 'python', fromCalls: 3 });

    const own = `${core.baseUrl}/actions/{action_name}`;
    for (let i = 0; i < 5; i++) {
      const sent = await core.core.api.simulateCall({
        action: 'weather',
        parameters: '{"city":"Zürich"}',
        seed: 1,
        test: false,
        target: own,
        style: 'go',
      });
      expect(sent.ok).toBe(true);
    }
    const first = (await core.core.api.listCalls({ limit: 1000 })).calls.at(-1)!;
    const replayed = await core.core.api.replayCall(first.id, 'as-is', own);
    expect(replayed.ok).toBe(true);

    const calls = (await core.core.api.listCalls({ limit: 1000 })).calls;
    expect(calls.filter((call) => call.source === 'flowent')).toHaveLength(3);
    expect(calls).toHaveLength(3 + 5 + 1);
    expect(calls.filter((call) => call.source === 'simulator')).toHaveLength(5);
    const replays = calls.filter((call) => call.source === 'replay');
    expect(replays.map((call) => call.id)).toEqual([replayed.ok && replayed.value.id]);
    expect(await core.core.api.getCall(replays[0]!.id)).toMatchObject({ originalCallId: first.id, status: 200 });
    expect(await core.core.api.getLearnedStyle()).toMatchObject({ style: 'python', fromCalls: 3 });
  });
});

describe('what the companion says answered a call it sent to its own webhook', () => {
  it('names its mock, as its webhook says, not your handler, in the record and in what the answer breaks', async () => {
    const core = await start({ key: KEY });
    // The companion's own mock answers 500: no handler of the developer's runs.
    expect(
      await core.core.api.setMock('weather', JSON.stringify({ status: 500, body: { result: '', error: 'down' } }), 'json'),
    ).toMatchObject({
      ok: true,
    });
    const own = `${core.baseUrl}/actions/{action_name}`;
    const sent = await core.core.api.simulateCall({ action: 'weather', parameters: '{}', seed: 1, test: false, target: own, style: 'go' });
    expect(sent.ok).toBe(true);
    const simulated = (await core.core.api.listCalls({ limit: 10 })).calls[0]!;
    const replayed = await core.core.api.replayCall(simulated.id, 'as-is', own);
    expect(replayed.ok).toBe(true);

    for (const call of (await core.core.api.listCalls({ limit: 10 })).calls) {
      expect(call).toMatchObject({ status: 500, answeredBy: 'mock', handlerSignature: null });
      expect(call.violations.map((violation) => violation.message)).toEqual([
        expect.stringMatching(/^the mock answered 500; Flowent treats anything but 2xx/),
      ]);
      expect(JSON.stringify(call.violations)).not.toMatch(/your handler/);
    }
  });
});

describe('a call the companion sends to its own webhook that gets no answer', () => {
  it("says the companion's webhook failed, not your handler", async () => {
    const core = await start({ key: KEY, forwardTimeoutMs: 300 });
    // The companion's own mock holds its answer past the time a sent call waits: its webhook's
    // forward timeout and the margin for that webhook's own 504 (OWN_WEBHOOK_MARGIN_MS).
    expect(
      (await core.core.api.setMock('weather', JSON.stringify({ delayMs: 4_000, body: { result: 'late', error: '' } }), 'json')).ok,
    ).toBe(true);
    const own = `${core.baseUrl}/actions/{action_name}`;
    const sent = await core.core.api.simulateCall({ action: 'weather', parameters: '{}', seed: 1, test: false, target: own, style: 'go' });
    expect(sent.ok).toBe(true);
    const call = (await core.core.api.listCalls({ limit: 10 })).calls.find((stored) => stored.source === 'simulator')!;
    expect(call).toMatchObject({ status: 0, answeredBy: 'companion-error', handlerSignature: null });
    expect(call.violations.map((violation) => violation.message)).toEqual([
      `This companion's webhook at ${core.baseUrl}/actions/weather did not answer within ${300 + OWN_WEBHOOK_MARGIN_MS} ms (Flowent gives up after 30 s). Check that the handler it forwards to answers sooner.`,
    ]);
  });
});
