import { describe, expect, it } from 'vitest';
import type { BulkReplayItem, BulkReplayOptions } from '../../../main/contract/api';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';
import { closedPort, handlerUrl, useHandler } from '../../helpers/handler-process';
import { coresClosedAfterEach, type RunningCore } from '../../helpers/running-core';

// What a bulk run keeps of each call is what a person reads, in the page's Failed list, to see
// why it failed without opening it: the answer's status, who gave it, the first violation.
// A real core on port 0, a real SQLite file, the real stand-in handler, a port nothing listens on.
const KEY = 'bulk-why-key';
const handler = useHandler();
const startCore = coresClosedAfterEach();

/** A core whose forwarding meets a closed port and whose mock answers in the handler's place. */
async function mockInPlace(): Promise<{ core: RunningCore; closed: string; callId: number }> {
  const closed = `http://127.0.0.1:${await closedPort()}/actions/{action_name}`;
  const core = await startCore({ key: KEY, forwardTarget: closed, fallbackToMock: true });
  await core.core.api.setMock('send_email', JSON.stringify({ body: { result: 'from the mock', error: '' } }), 'json');
  expect((await core.post('/actions/send_email', signedBody(flowentPayload('send_email'), KEY))).status).toBe(200);
  const callId = (await core.core.api.listCalls({ limit: 1 })).calls[0]!.id;
  return { core, closed, callId };
}

/** The items of a run, as its end told them. */
async function itemsOf(core: RunningCore, runId: string): Promise<BulkReplayItem[]> {
  let items: BulkReplayItem[] = [];
  await expect
    .poll(() => {
      const end = core.events.find((e) => e.type === 'replay-finished' && e.runId === runId);
      items = end?.type === 'replay-finished' ? end.summary.items : [];
      return items.length;
    })
    .toBeGreaterThan(0);
  return items;
}

/** The one item of a bulk run of `id` sent to `target`, as the run's end told it. */
async function onlyItem(core: RunningCore, id: number, target: string, options: Partial<BulkReplayOptions> = {}): Promise<BulkReplayItem> {
  const started = await core.core.api.startBulkReplay({ ids: [id] }, { concurrency: 1, resign: false, target, ...options });
  if (!started.ok) throw new Error(JSON.stringify(started));
  const { runId } = started.value;
  const items = await itemsOf(core, runId);
  expect(items).toHaveLength(1);
  // A window that missed the end reads the same item from the runs kept.
  expect((await core.core.api.listBulkReplays()).finished.find((run) => run.runId === runId)?.summary.items).toEqual(items);
  return items[0]!;
}

describe('what a bulk run keeps of each call, to tell why it failed', () => {
  it("a handler's answer that breaks the contract: its status and the first violation", async () => {
    const { core, callId } = await mockInPlace();
    const item = await onlyItem(core, callId, handlerUrl(handler(), 'error500'));
    expect(item).toMatchObject({
      originalId: callId,
      verdict: 'failed',
      answer: { status: 500, answeredBy: 'forward' },
      violation: { code: 'not-2xx', message: expect.stringContaining('500') },
      refusal: null,
      error: null,
    });
  });

  it('a handler that gave no answer: status 0, and why it could not be reached', async () => {
    const { core, callId, closed } = await mockInPlace();
    const item = await onlyItem(core, callId, closed);
    expect(item).toMatchObject({
      verdict: 'failed',
      answer: { status: 0, answeredBy: 'forward-error' },
      violation: { code: 'no-answer', message: expect.stringContaining('refused the connection') },
      error: expect.stringContaining('refused the connection'),
    });
  });

  it('the mock that answered in place of a handler that gave no answer: said, with why forwarding failed', async () => {
    const { core, callId } = await mockInPlace();
    // Sent to this companion's own webhook, which forwards it to the closed port, then mocks it.
    const item = await onlyItem(core, callId, `${core.baseUrl}/actions/{action_name}`);
    expect(item).toMatchObject({
      verdict: 'passed',
      answer: { status: 200, answeredBy: 'fallback-mock' },
      violation: null,
      error: expect.stringContaining('refused the connection'),
    });
  });

  it("a call the companion refused for its body, now answered: the original's answer and refusal beside the new one", async () => {
    const core = await startCore({ key: KEY });
    const body = signedBody({ action_name: 'send_email', timestamp: Math.floor(Date.now() / 1000) }, KEY);
    expect((await core.post('/actions/send_email', body)).status).toBe(400);
    const callId = (await core.core.api.listCalls({ limit: 1 })).calls[0]!.id;
    const item = await onlyItem(core, callId, handlerUrl(handler(), 'ok'));
    expect(item).toMatchObject({
      verdict: 'changed',
      answer: { status: 200, answeredBy: 'forward', problem: null },
      original: { status: 400, answeredBy: 'error', problem: 'missing-parameters' },
      changed: { body: true },
      violation: null,
    });
    // Refused again by this companion's own webhook: in the refusal's words, and failed.
    const again = await onlyItem(core, callId, `${core.baseUrl}/actions/{action_name}`);
    expect(again).toMatchObject({
      verdict: 'failed',
      answer: { status: 400, answeredBy: 'error', problem: 'missing-parameters' },
      changed: { headers: false, body: false },
      violation: null,
    });
  });

  it('a call that was not replayed: no answer to tell, the refusal', async () => {
    const { core } = await mockInPlace();
    // A number no float64 holds: re-signed in the learned (python) style, it would not be sent as it is.
    const body = `{"action_name":"send_email","parameters":{"n":1e400},"timestamp":${Math.floor(Date.now() / 1000)},"signature":"00"}`;
    await core.post('/actions/send_email', body);
    const callId = (await core.core.api.listCalls({ limit: 1 })).calls[0]!.id;
    const item = await onlyItem(core, callId, handlerUrl(handler(), 'ok'), { resign: true });
    expect(item).toMatchObject({
      verdict: 'notSent',
      replayId: null,
      answer: null,
      original: null,
      changed: null,
      violation: null,
      refusal: { code: 'number-beyond-style' },
    });
  });
});

describe('a run whose calls name several actions, one with nowhere to go', () => {
  // The calls with no target were counted Failed, beside replays a handler failed: they are Not sent, told before the run starts.
  it('replays the calls that have a target and counts the others not sent, with their action, named before it starts', async () => {
    const core = await startCore({ key: KEY });
    // The first call's action has no target: it alone refused the whole run before.
    for (const action of ['send_email', 'create_ticket', 'create_ticket'])
      expect((await core.post(`/actions/${action}`, signedBody(flowentPayload(action), KEY))).status).toBe(200);
    await core.core.api.setForwardTarget('create_ticket', handlerUrl(handler(), 'ok'));
    expect(await core.core.api.previewBulkReplay({ filter: {} })).toEqual({ calls: 3, withoutTarget: ['send_email'], notSent: 1 });
    expect(await core.core.api.previewBulkReplay({ filter: { action: 'create_ticket' } })).toEqual({
      calls: 2,
      withoutTarget: [],
      notSent: 0,
    });
    const started = await core.core.api.startBulkReplay({ filter: {} }, { concurrency: 1, resign: false, target: null });
    if (!started.ok) throw new Error(JSON.stringify(started));
    expect(started.value.total).toBe(3);
    const items = await itemsOf(core, started.value.runId);
    const end = core.events.find((e) => e.type === 'replay-finished' && e.runId === started.value.runId);
    expect(end?.type === 'replay-finished' && end.summary).toMatchObject({ done: 3, changed: 2, failed: 0, notSent: 1 });
    expect(
      items.map(({ action, verdict, answer, refusal }) => ({
        action,
        verdict,
        status: answer?.status ?? null,
        refusal: refusal?.code ?? null,
      })),
    ).toEqual([
      { action: 'send_email', verdict: 'notSent', status: null, refusal: 'no-target' },
      { action: 'create_ticket', verdict: 'changed', status: 200, refusal: null },
      { action: 'create_ticket', verdict: 'changed', status: 200, refusal: null },
    ]);
  });

  it('is refused before it starts when no call of it has anywhere to go', async () => {
    const core = await startCore({ key: KEY });
    for (const action of ['send_email', 'create_ticket'])
      expect((await core.post(`/actions/${action}`, signedBody(flowentPayload(action), KEY))).status).toBe(200);
    const started = await core.core.api.startBulkReplay({ filter: {} }, { concurrency: 1, resign: false, target: null });
    expect(started).toMatchObject({ ok: false, code: 'no-target', action: 'send_email' });
  });

  it("a companion's webhook with no target for the action: the violation says so by its cause, beside the call's action", async () => {
    const core = await startCore({ key: KEY });
    expect((await core.post('/actions/send_email', signedBody(flowentPayload('send_email'), KEY))).status).toBe(200);
    const callId = (await core.core.api.listCalls({ limit: 1 })).calls[0]!.id;
    // Forward, with no target anywhere: the webhook answers 502 for the handler it cannot reach.
    await core.core.api.setAnswerMode('send_email', 'forward');
    const item = await onlyItem(core, callId, `${core.baseUrl}/actions/{action_name}`);
    expect(item).toMatchObject({
      action: 'send_email',
      verdict: 'failed',
      answer: { status: 502 },
      violation: { code: 'no-answer', cause: 'no-target' },
    });
  });
});

describe("a replay to this companion's own webhook, whose handler is too slow", () => {
  it("waits past the webhook's forward timeout: the webhook's 504 and why arrive, not 'this companion did not answer'", async () => {
    const core = await startCore({ key: KEY, forwardTimeoutMs: 700, forwardTarget: handlerUrl(handler(), 'hang') });
    await core.core.api.setMock('send_email', JSON.stringify({ body: { result: 'from the mock', error: '' } }), 'json');
    await core.core.api.setAnswerMode('send_email', 'mock');
    expect((await core.post('/actions/send_email', signedBody(flowentPayload('send_email'), KEY))).status).toBe(200);
    const callId = (await core.core.api.listCalls({ limit: 1 })).calls[0]!.id;
    await core.core.api.setAnswerMode('send_email', 'forward');
    // Its webhook forwards to the handler that never answers, and gives up after 700 ms.
    const item = await onlyItem(core, callId, `${core.baseUrl}/actions/{action_name}`);
    expect(item).toMatchObject({
      verdict: 'failed',
      answer: { status: 504 },
      violation: { code: 'too-slow', message: expect.stringMatching(/^Your handler at .* did not answer within/) },
    });
  });
});
