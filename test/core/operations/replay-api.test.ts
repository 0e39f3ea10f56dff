import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';
import { startHandler, type HandlerProcess } from '../../helpers/handler-process';
import { startCore, type RunningCore } from '../../helpers/running-core';

// replayCall and copyAsCurl through the contract (core.api), against a real core and the real stand-in handler.
const KEY = 'api-replay-key';
let running: RunningCore;
let handler: HandlerProcess;
let originalId = 0;

beforeAll(async () => {
  handler = await startHandler();
  running = await startCore({ key: KEY, forwardTarget: handler.target });
  const sent = await running.post('/actions/ok', signedBody(flowentPayload('ok', { n: 1 }), KEY));
  expect(sent.status).toBe(200);
  const page = await running.core.api.listCalls({});
  originalId = page.calls[0]?.id ?? 0;
  expect(originalId).toBeGreaterThan(0);
});

afterAll(async () => {
  await running.close();
  await handler.stop();
});

describe('core api: replayCall and copyAsCurl', () => {
  it('replays re-signed to the forwarding target, stores the replay and announces it', async () => {
    const before = (await handler.received()).length;
    const result = await running.core.api.replayCall(originalId, 'resign', null);
    if (!result.ok) throw new Error(JSON.stringify(result));
    const outcome = result.value;
    expect(outcome.originalId).toBe(originalId);
    expect(outcome.id).toBeGreaterThan(originalId);
    expect(outcome.mode).toBe('resign');
    expect(outcome.status).toBe(200);
    expect(outcome.signedStyle).not.toBeNull();
    expect(outcome.signatureVerdict).toBe('valid');
    expect(['passed', 'changed']).toContain(outcome.verdict);
    expect(outcome.diff.status).toEqual({ before: 200, after: 200, changed: false });
    expect((await handler.received()).length).toBe(before + 1);
    const stored = await running.core.api.getCall(outcome.id);
    expect(stored?.source).toBe('replay');
    expect(stored?.originalCallId).toBe(originalId);
    expect(running.events.some((e) => e.type === 'call-stored' && e.call.id === outcome.id)).toBe(true);
  });

  it('replays as is to an explicit target', async () => {
    const result = await running.core.api.replayCall(originalId, 'as-is', handler.target);
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.value.mode).toBe('as-is');
    expect(result.value.signedStyle).toBeNull();
    expect(result.value.url).toBe(`http://127.0.0.1:${handler.port}/actions/ok`);
  });

  it('refuses a target that is not an http(s) URL, and an unknown call', async () => {
    const bad = await running.core.api.replayCall(originalId, 'as-is', 'ftp://example.com/x');
    expect(bad).toMatchObject({ ok: false, code: 'invalid-target' });
    const missing = await running.core.api.replayCall(999_999, 'resign', null);
    expect(missing).toMatchObject({ ok: false, code: 'call-not-found' });
  });

  it('copies the call as cURL, as is and re-signed', async () => {
    const asIs = await running.core.api.copyAsCurl(originalId, false);
    const resigned = await running.core.api.copyAsCurl(originalId, true);
    if (!asIs.ok || !resigned.ok) throw new Error('copyAsCurl refused');
    expect(asIs.value).toMatch(/^curl /);
    expect(asIs.value).toContain('/actions/ok');
    expect(resigned.value).toMatch(/^curl /);
    expect(await running.core.api.copyAsCurl(999_999, false)).toMatchObject({ ok: false, code: 'call-not-found' });
  });
});
