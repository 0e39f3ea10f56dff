import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkArgs } from '../../../main/core/operations/validate-args';
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
    if (!result.ok) throw new Error(result.message);
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
    if (!result.ok) throw new Error(result.message);
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

  it('checks the arguments from the renderer', () => {
    expect(checkArgs('replayCall', [1, 'resign', null])).toEqual({ ok: true, args: [1, 'resign', null] });
    expect(checkArgs('replayCall', [1, 'as-is', 'http://localhost:1/x'])).toEqual({ ok: true, args: [1, 'as-is', 'http://localhost:1/x'] });
    expect(checkArgs('replayCall', [0, 'resign', null]).ok).toBe(false);
    expect(checkArgs('replayCall', [1, 'edit', null]).ok).toBe(false);
    expect(checkArgs('replayCall', [1, 'resign', 'x'.repeat(2049)]).ok).toBe(false);
    expect(checkArgs('replayCall', [1, 'resign']).ok).toBe(false);
    expect(checkArgs('copyAsCurl', [1, true])).toEqual({ ok: true, args: [1, true] });
    expect(checkArgs('copyAsCurl', [1, 'yes']).ok).toBe(false);
    expect(checkArgs('copyAsCurl', [-1, false]).ok).toBe(false);
  });
});

describe('argument checks for the rest of the replay contract', () => {
  it('accepts well-formed arguments and refuses the rest', () => {
    expect(checkArgs('replayEdited', [1, '{}', null]).ok).toBe(true);
    expect(checkArgs('replayEdited', [1, {}, null]).ok).toBe(false);
    expect(checkArgs('startBulkReplay', [{ filter: { action: 'ok' } }, { concurrency: 4, resign: true, target: null }]).ok).toBe(true);
    expect(checkArgs('startBulkReplay', [{ ids: [1, 2] }, { concurrency: 1, resign: false, target: 'http://x/y' }]).ok).toBe(true);
    expect(checkArgs('startBulkReplay', [{ ids: [] }, { concurrency: 1, resign: false, target: null }]).ok).toBe(false);
    expect(checkArgs('startBulkReplay', [{ filter: { nope: 1 } }, { concurrency: 1, resign: false, target: null }]).ok).toBe(false);
    expect(checkArgs('startBulkReplay', [{ ids: [1] }, { concurrency: 65, resign: false, target: null }]).ok).toBe(false);
    const edited = { concurrency: 64, resign: false, target: null, parameters: '{"n":1}', style: 'go' };
    expect(checkArgs('startBulkReplay', [{ filter: { action: 'ok' }, limit: 10 }, edited]).ok).toBe(true);
    expect(checkArgs('startBulkReplay', [{ filter: {}, limit: 10_001 }, edited]).ok).toBe(false);
    expect(checkArgs('startBulkReplay', [{ ids: [1] }, { ...edited, style: 'nope' }]).ok).toBe(false);
    expect(checkArgs('startBulkReplay', [{ ids: [1] }, { ...edited, parameters: 5 }]).ok).toBe(false);
    expect(checkArgs('startBulkReplay', [{ ids: [1] }, { concurrency: 1, resign: 'yes', target: null }]).ok).toBe(false);
    expect(checkArgs('cancelBulkReplay', ['0b7c-run']).ok).toBe(true);
    expect(checkArgs('cancelBulkReplay', ['../x']).ok).toBe(false);
    expect(checkArgs('getLearnedStyle', []).ok).toBe(true);
    expect(checkArgs('saveSimulatorAction', ['send_email', null]).ok).toBe(true);
    expect(checkArgs('saveSimulatorAction', ['Send Email', '{}']).ok).toBe(false);
    expect(checkArgs('generateParameters', ['send_email', 3]).ok).toBe(true);
    expect(checkArgs('generateParameters', ['send_email', 1.5]).ok).toBe(false);
    expect(checkArgs('simulateCall', [{ action: 'ok', parameters: null, seed: 1, test: false, target: null }]).ok).toBe(true);
    expect(checkArgs('simulateCall', [{ action: 'ok', parameters: null, seed: 1, test: false, target: null, key: 'x' }]).ok).toBe(false);
    expect(checkArgs('exportHar', [{ filter: {} }]).ok).toBe(true);
    expect(checkArgs('exportHar', [{ path: '/etc/passwd' }]).ok).toBe(false);
    expect(checkArgs('importHar', [null]).ok).toBe(true);
    expect(checkArgs('importHar', [42]).ok).toBe(false);
    expect(checkArgs('probeHandler', [3, null]).ok).toBe(true);
    expect(checkArgs('probeHandler', [3, 'http://localhost:8000/actions/{action_name}']).ok).toBe(true);
    expect(checkArgs('probeHandler', [0, null]).ok).toBe(false);
    expect(checkArgs('probeHandler', [3]).ok).toBe(false);
    expect(checkArgs('getVerifierSnippet', ['go', 'sorted+utf8']).ok).toBe(true);
    expect(checkArgs('getVerifierSnippet', ['rust', 'go']).ok).toBe(false);
    expect(checkArgs('getVerifierSnippet', ['python', 'nope']).ok).toBe(false);
  });
});
