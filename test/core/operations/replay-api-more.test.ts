import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BulkReplaySummary, CoreEvent } from '../../../main/contract/api';
import { createAjv } from '../../../main/core/account/ajv';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';
import { startHandler, type HandlerProcess } from '../../helpers/handler-process';
import { startCore, type RunningCore } from '../../helpers/running-core';

// Edited replay, background bulk replay, learned style, simulator and HAR through the
// contract (core.api), against a real core and the real stand-in handler process.
const KEY = 'api-replay-more-key';
const SCHEMA = {
  type: 'object',
  properties: { recipient: { type: 'string', format: 'email' }, count: { type: 'integer', minimum: 1, maximum: 9 } },
  required: ['recipient', 'count'],
  additionalProperties: false,
};
let running: RunningCore;
let handler: HandlerProcess;
let okId = 0;

const api = () => running.core.api;

/** The signature the independent signer computes for a body, to compare with what was sent. */
function expectSignedWithKey(body: string): Record<string, unknown> {
  const parsed = JSON.parse(body) as Record<string, unknown>;
  const { signature, ...rest } = parsed;
  expect(signature).toBe(createHmac('sha256', KEY).update(JSON.stringify(rest)).digest('hex'));
  return parsed;
}

async function lastReceivedBody(): Promise<string> {
  const received = await handler.received();
  return received[received.length - 1]!.body.toString('utf8');
}

async function finished(runId: string): Promise<BulkReplaySummary> {
  for (let i = 0; i < 600; i++) {
    const event = running.events.find(
      (e): e is Extract<CoreEvent, { type: 'replay-finished' }> => e.type === 'replay-finished' && e.runId === runId,
    );
    if (event) return event.summary;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`run ${runId} did not finish in 30 s`);
}

beforeAll(async () => {
  handler = await startHandler();
  running = await startCore({ key: KEY, forwardTarget: handler.target });
  for (let n = 1; n <= 3; n++) expect((await running.post('/actions/ok', signedBody(flowentPayload('ok', { n }), KEY))).status).toBe(200);
  for (let n = 1; n <= 4; n++)
    expect((await running.post('/actions/slow_ok', signedBody(flowentPayload('slow_ok', { n }), KEY))).status).toBe(200);
  const page = await api().listCalls({ action: 'ok' });
  okId = page.calls[page.calls.length - 1]!.id;
}, 60_000);

afterAll(async () => {
  await running.close();
  await handler.stop();
});

describe('core api: edited replay', () => {
  it('sends the new parameters, re-signed with the key, and stores the replay', async () => {
    const result = await api().replayEdited(okId, '{"n": 42, "note": "edited"}', null);
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.value.mode).toBe('edit');
    expect(result.value.signatureVerdict).toBe('valid');
    const sent = expectSignedWithKey(await lastReceivedBody());
    expect(sent.parameters).toEqual({ n: 42, note: 'edited' });
    expect((await api().getCall(result.value.id))?.originalCallId).toBe(okId);
  });

  it('says what is wrong with parameters that are not a JSON object', async () => {
    expect(await api().replayEdited(okId, '{"n": ', null)).toMatchObject({
      ok: false,
      code: 'invalid-parameters-json',
      problem: 'invalid-json',
    });
    expect(await api().replayEdited(okId, '[1, 2]', null)).toMatchObject({ ok: false, code: 'invalid-parameters' });
  });

  it('sends typed numbers as typed, and refuses a repeated key in the words the webhook uses', async () => {
    const result = await api().replayEdited(okId, '{"n":12345678901234567890,"y":1.0}', null);
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(await lastReceivedBody()).toContain('"parameters":{"n":12345678901234567890,"y":1.0}');
    const repeated = await api().replayEdited(okId, '{"a":1,"a":2}', null);
    expect(repeated).toMatchObject({ ok: false, code: 'invalid-parameters-json', problem: 'duplicate-key', offset: 7 });
    const webhook = await running.post('/actions/ok', '{"a":1,"a":2}');
    expect(JSON.stringify(webhook.json)).toContain('repeats the key \\"a\\" in $ at byte 7.');
  });
});

describe('core api: bulk replay in the background', () => {
  it('answers with a run id at once, reports progress as events and ends with the summary', async () => {
    expect(await api().previewBulkReplay({ filter: { action: 'ok' } })).toMatchObject({ calls: 3 });
    const started = await api().startBulkReplay({ filter: { action: 'ok' } }, { concurrency: 2, resign: true, target: null });
    if (!started.ok) throw new Error(JSON.stringify(started));
    expect(started.value.total).toBe(3);
    const summary = await finished(started.value.runId);
    expect(summary).toMatchObject({ total: 3, done: 3, failed: 0, cancelled: false });
    expect(summary.passed + summary.changed).toBe(3);
    const progress = running.events.filter((e) => e.type === 'replay-progress' && e.runId === started.value.runId);
    expect(progress.map((e) => (e.type === 'replay-progress' ? e.done : 0))).toEqual([1, 2, 3]);
    for (const item of summary.items) expect((await api().getCall(item.replayId!))?.originalCallId).toBe(item.originalId);
  });

  it('stops starting replays when cancelled; the summary says so', async () => {
    const started = await api().startBulkReplay({ filter: { action: 'slow_ok' } }, { concurrency: 1, resign: false, target: null });
    if (!started.ok) throw new Error(JSON.stringify(started));
    expect(started.value.total).toBe(4);
    // A window that reloads now finds the run, with how far it got.
    expect((await api().listBulkReplays()).running).toEqual([expect.objectContaining({ runId: started.value.runId, total: 4 })]);
    expect(await api().cancelBulkReplay(started.value.runId)).toEqual({ ok: true, value: { cancelled: true } });
    const summary = await finished(started.value.runId);
    expect(summary.cancelled).toBe(true);
    expect(summary.done).toBeLessThan(4);
    expect(await api().cancelBulkReplay(started.value.runId)).toMatchObject({ ok: false, code: 'run-not-found' });
    // Not running, but kept as it ended: a window that missed the end reads it here.
    const { running: going, finished: ended } = await api().listBulkReplays();
    expect(going).toEqual([]);
    expect(ended[0]).toEqual({ runId: started.value.runId, summary });
  });

  it('refuses a selection with nothing to replay, and a bad target', async () => {
    expect(
      await api().startBulkReplay({ filter: { action: 'never_called' } }, { concurrency: 1, resign: false, target: null }),
    ).toMatchObject({ ok: false, code: 'nothing-to-replay' });
    expect(await api().startBulkReplay({ ids: [okId] }, { concurrency: 1, resign: false, target: 'ftp://x/y' })).toMatchObject({
      ok: false,
      code: 'invalid-target',
    });
  });
});

describe('core api: refusals a whole run would meet, given once', () => {
  it('needs a target when the action has none, and a key to re-sign, as codes with the action they are about', async () => {
    const bare = await startCore({ key: null });
    try {
      expect((await bare.post('/actions/ok', signedBody(flowentPayload('ok', { n: 1 }), KEY))).status).toBe(200);
      const noTarget = await bare.core.api.startBulkReplay({ filter: {} }, { concurrency: 1, resign: false, target: null });
      // Its own webhook's mock answers the action for want of a target: the refusal names it.
      expect(noTarget).toEqual({ ok: false, code: 'no-target', action: 'ok', webhook: `${bare.baseUrl}/actions/ok` });
      const noKey = await bare.core.api.startBulkReplay({ filter: {} }, { concurrency: 1, resign: true, target: handler.target });
      expect(noKey).toMatchObject({ ok: false, code: 'no-key' });
      const single = await bare.core.api.replayCall(1, 'as-is', null);
      expect(single).toEqual({ ok: false, code: 'no-target', action: 'ok', webhook: `${bare.baseUrl}/actions/ok` });
      expect(bare.events.some((e) => e.type === 'replay-progress')).toBe(false);
    } finally {
      await bare.close();
    }
  });
});

describe('core api: learned style and simulator', () => {
  it('shows the learned style for the current key and how many calls it came from', async () => {
    const learned = await api().getLearnedStyle();
    expect(learned.keySet).toBe(true);
    expect(learned.fromCalls).toBeGreaterThanOrEqual(7);
    expect(typeof learned.style).toBe('string');
  });

  it('lists actions from history, and one defined here with its schema', async () => {
    const saved = await api().saveSimulatorAction('send_email', JSON.stringify(SCHEMA));
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    const actions = await api().listSimulatorActions();
    expect(actions.find((a) => a.action === 'ok')).toMatchObject({ origin: 'history', schema: null });
    expect(actions.find((a) => a.action === 'ok')!.calls).toBeGreaterThanOrEqual(3);
    expect(actions.find((a) => a.action === 'send_email')).toMatchObject({ origin: 'local', calls: 0, schema: SCHEMA });
    expect(await api().saveSimulatorAction('send_email', '{"type": 12}')).toMatchObject({ ok: false, code: 'invalid-schema' });
    expect(await api().saveSimulatorAction('send_email', 'nope')).toEqual({
      ok: false,
      code: 'invalid-json',
      what: 'schema',
      reason: 'a text value must be in double quotes (found “nope”) (line 1, column 1)',
    });
  });

  it('generates parameters that satisfy the schema, the same for the same seed', async () => {
    const first = await api().generateParameters('send_email', 7);
    const again = await api().generateParameters('send_email', 7);
    if (!first.ok || !again.ok) throw new Error('generateParameters refused');
    expect(again.value).toBe(first.value);
    const validate = createAjv().compile(SCHEMA);
    expect(validate(JSON.parse(first.value)), JSON.stringify(validate.errors)).toBe(true);
    expect(await api().generateParameters('ok', 1)).toEqual({ ok: true, value: '{}' });
  });

  it('simulates a signed call with generated parameters and stores it as simulator', async () => {
    const sent = await api().simulateCall({ action: 'send_email', parameters: null, seed: 3, test: false, target: handler.target });
    if (!sent.ok) throw new Error(JSON.stringify(sent));
    expect(sent.value.status).toBe(200);
    expect(sent.value.violations).toEqual([]);
    const body = expectSignedWithKey(await lastReceivedBody());
    expect(body.action_name).toBe('send_email');
    expect(createAjv().compile(SCHEMA)(body.parameters)).toBe(true);
    expect((await api().getCall(sent.value.id))?.source).toBe('simulator');
  });

  it('sends the registration check unsigned, and typed parameters as given', async () => {
    const check = await api().simulateCall({ action: 'ok', parameters: null, seed: 1, test: true, target: null });
    if (!check.ok) throw new Error(JSON.stringify(check));
    expect(check.value.signedStyle).toBeNull();
    expect(JSON.parse(await lastReceivedBody())).toMatchObject({ action_name: 'ok', parameters: {}, test: true });
    const typed = await api().simulateCall({ action: 'ok', parameters: '{"x": 1}', seed: 1, test: false, target: null });
    if (!typed.ok) throw new Error(JSON.stringify(typed));
    expect(expectSignedWithKey(await lastReceivedBody()).parameters).toEqual({ x: 1 });
    expect(await api().simulateCall({ action: 'ok', parameters: '{', seed: 1, test: false, target: null })).toMatchObject({
      ok: false,
      code: 'invalid-parameters-json',
    });
  });

  it('sends typed numbers as typed (the simulator, as send --params)', async () => {
    const typed = '{"n":12345678901234567890,"y":1.0,"z":[1e2,-0.0]}';
    const sent = await api().simulateCall({ action: 'ok', parameters: ` ${typed}\n`, seed: 1, test: false, target: null, style: 'python' });
    if (!sent.ok) throw new Error(JSON.stringify(sent));
    expect(sent.value.body).toContain(`"parameters":{"n":12345678901234567890,"y":1.0,"z":[100.0,-0.0]}`);
    expect(await lastReceivedBody()).toBe(sent.value.body);
    const refused = await api().simulateCall({ action: 'ok', parameters: '{"e":-1e400}', seed: 1, test: false, target: null, style: 'go' });
    expect(refused).toMatchObject({ ok: false, code: 'number-beyond-style', literal: '-1e400', written: 'null' });
    expect(refused.ok ? [] : (refused as { styles: string[] }).styles).toEqual(['raw']);
  });
});

describe('core api: HAR export and import', () => {
  it('exports a selection without credentials and imports it back', async () => {
    const secret = 'Bearer very-secret-token';
    const posted = await running.post('/actions/ok', signedBody(flowentPayload('ok', { n: 99 }), KEY), {
      'content-type': 'application/json',
      authorization: secret,
    });
    expect(posted.status).toBe(200);
    const exported = await api().exportHar({ filter: { action: 'ok', text: '"n":99' } });
    if (!exported.ok) throw new Error(JSON.stringify(exported));
    expect(exported.value).toMatchObject({ count: 1, savedTo: null });
    const text = exported.value.text!;
    expect(text).not.toContain('very-secret-token');
    expect(JSON.parse(text).log.version).toBe('1.2');
    const before = (await api().getStats({})).total;
    // Imported back as it is, the call the history holds is left out and counted, not stored twice.
    expect(await api().importHar(text)).toMatchObject({ ok: true, value: { imported: 0, duplicates: 1 } });
    expect((await api().getStats({})).total).toBe(before);
    // As a call received at another time, it is stored.
    const har = JSON.parse(text) as { log: { entries: { startedDateTime: string }[] } };
    har.log.entries[0]!.startedDateTime = '2024-03-01T00:00:00.000Z';
    const imported = await api().importHar(JSON.stringify(har));
    if (!imported.ok) throw new Error(JSON.stringify(imported));
    expect(imported.value).toMatchObject({ imported: 1, skipped: 0, duplicates: 0, problems: [], opened: true });
    expect((await api().getStats({})).total).toBe(before + 1);
    expect((await api().getCall(imported.value.ids[0]!))?.requestBody).toContain('"n":99');
    // Told as the import's progress, not as a stored call: receivers read the history again at its end.
    expect(running.events.some((e) => e.type === 'call-stored' && e.call.id === imported.value.ids[0])).toBe(false);
    expect(running.events.filter((e) => e.type === 'har-import-progress').at(-1)).toEqual({
      type: 'har-import-progress',
      stage: 'entries',
      done: 1,
      total: 1,
      imported: 1,
      skipped: 0,
      notFlowent: 0,
      broken: 0,
      duplicates: 0,
    });
  });

  it('says what is wrong with a file that is not a HAR, and with an empty selection', async () => {
    expect(await api().importHar('not json')).toMatchObject({ ok: false, code: 'har-not-json' });
    expect(await api().importHar('{"log": {}}')).toMatchObject({ ok: false, code: 'not-har', missing: 'entries' });
    expect(await api().importHar(null)).toMatchObject({ ok: false, code: 'no-file' });
    expect(await api().exportHar({ filter: { action: 'never_called' } })).toMatchObject({ ok: false, code: 'nothing-to-export' });
  });
});
