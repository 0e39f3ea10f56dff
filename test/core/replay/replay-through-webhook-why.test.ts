import { describe, expect, it } from 'vitest';
import type { CallSummary } from '../../../main/contract/api';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';
import { closedPort } from '../../helpers/handler-process';
import { coresClosedAfterEach, type RunningCore } from '../../helpers/running-core';

// A replay sent through a companion's webhook (a serve's, or its own) is stored by the sender,
// but only the webhook knows how it answered: that its forward to the handler met a closed
// port (its 502 is its own, in place of an answer never given), or that it refused the body.
// The replay's record must say what the webhook's record of the same call says, not what a
// 502 or a 400 looks like from outside. A real core on port 0, a real SQLite file.
const KEY = 'replay-through-webhook-key';
const startCore = coresClosedAfterEach();

async function lastCall(core: RunningCore): Promise<CallSummary> {
  return (await core.core.api.listCalls({ limit: 1 })).calls[0]!;
}

describe("a replay through a companion's webhook whose forward to the handler got no answer", () => {
  it("keeps the webhook's record of why (the connection refused), not 'your handler answered 502'", async () => {
    const closed = `http://127.0.0.1:${await closedPort()}/actions/{action_name}`;
    const core = await startCore({ key: KEY, forwardTarget: closed });
    expect((await core.post('/actions/down', signedBody(flowentPayload('down'), KEY))).status).toBe(502);
    const original = await lastCall(core);
    expect(original).toMatchObject({ status: 502, answeredBy: 'forward-error' });
    expect(original.violations).toEqual([expect.objectContaining({ code: 'no-answer', cause: 'refused' })]);

    const replayed = await core.core.api.replayCall(original.id, 'as-is', `${core.baseUrl}/actions/{action_name}`);
    if (!replayed.ok) throw new Error(JSON.stringify(replayed));
    expect(replayed.value).toMatchObject({ status: 502, answeredBy: 'forward-error', verdict: 'failed' });
    expect(replayed.value.violations).toEqual(original.violations);
    const stored = await lastCall(core);
    expect(stored).toMatchObject({ id: replayed.value.id, source: 'replay', status: 502, answeredBy: 'forward-error' });
    expect(stored.violations).toEqual(original.violations);
    expect(JSON.stringify(stored.violations)).not.toMatch(/answered 502/);
  });
});

describe("a replay through a companion's webhook that refuses its body", () => {
  it('is stored as the refusal it is (its problem, no check of the answer) and fails', async () => {
    const core = await startCore({ key: KEY });
    const body = signedBody({ action_name: 'send_email', timestamp: Math.floor(Date.now() / 1000) }, KEY);
    expect((await core.post('/actions/send_email', body)).status).toBe(400);
    const original = await lastCall(core);
    expect(original).toMatchObject({ status: 400, answeredBy: 'error', problem: 'missing-parameters', violations: [] });

    const replayed = await core.core.api.replayCall(original.id, 'as-is', `${core.baseUrl}/actions/{action_name}`);
    if (!replayed.ok) throw new Error(JSON.stringify(replayed));
    // Flowent sees a failed action: a 400 is no pass, whoever gave it.
    expect(replayed.value).toMatchObject({ status: 400, answeredBy: 'error', violations: [], verdict: 'failed' });
    const stored = await lastCall(core);
    expect(stored).toMatchObject({
      id: replayed.value.id,
      status: 400,
      answeredBy: 'error',
      problem: 'missing-parameters',
      violations: [],
    });
    const details = await core.core.api.getCall(stored.id);
    expect(details).toMatchObject({
      problem: 'missing-parameters',
      problemMessage: (await core.core.api.getCall(original.id))?.problemMessage,
    });
  });
});
