import { describe, expect, it } from 'vitest';
import type { CallDetail } from '../../../main/contract/api';
import { coresClosedAfterEach, type RunningCore } from '../../helpers/running-core';

// A call the companion refused for its body is listed under the URL's action, with the body's
// name as written and why it was refused. Exported as HAR and imported into another history, it
// must come back the same: not filed under the body's action, nor without its reason.
const start = coresClosedAfterEach();

const MISMATCH = '{"action_name":"other","parameters":{},"timestamp":1}';
const NO_PARAMETERS = '{"action_name":"send_email","timestamp":1}';

async function stored(core: RunningCore): Promise<CallDetail[]> {
  const page = await core.core.api.listCalls({ limit: 100 });
  const calls = await Promise.all(page.calls.map((call) => core.core.api.getCall(call.id)));
  return calls.map((call) => call!).reverse();
}

const reading = (call: CallDetail) => ({
  action: call.action,
  sentAction: call.sentAction,
  problem: call.problem,
  problemMessage: call.problemMessage,
  status: call.status,
  answeredBy: call.answeredBy,
});

async function exported(): Promise<{ before: CallDetail[]; text: string }> {
  const source = await start({ key: 'k' });
  expect((await source.post('/actions/send_email', MISMATCH)).status).toBe(400);
  expect((await source.post('/actions/send_email', NO_PARAMETERS)).status).toBe(400);
  const before = await stored(source);
  const har = await source.core.api.exportHar({ filter: { action: 'send_email' }, limit: 100 });
  if (!har.ok || har.value.text === null) throw new Error(JSON.stringify(har));
  return { before, text: har.value.text };
}

async function imported(text: string): Promise<CallDetail[]> {
  const target = await start({ key: 'k' });
  const result = await target.core.api.importHar(text);
  expect(result).toMatchObject({ ok: true, value: { imported: 2, problems: [] } });
  return stored(target);
}

describe('calls the companion refused for their body, exported and imported again', () => {
  it('keep their action, the action_name as sent, the problem and its message', async () => {
    const { before, text } = await exported();
    expect(before.map(reading)).toEqual([
      expect.objectContaining({ action: 'send_email', sentAction: '"other"', problem: 'action-mismatch', status: 400 }),
      expect.objectContaining({ action: 'send_email', sentAction: null, problem: 'missing-parameters', status: 400 }),
    ]);
    expect(before.every((call) => call.problemMessage !== null)).toBe(true);
    expect((await imported(text)).map(reading)).toEqual(before.map(reading));
  });

  it('read from an export made before _sentAction was written, come back the same', async () => {
    const { before, text } = await exported();
    const har = JSON.parse(text) as { log: { entries: Record<string, unknown>[] } };
    for (const entry of har.log.entries) delete entry._sentAction;
    expect((await imported(JSON.stringify(har))).map(reading)).toEqual(before.map(reading));
  });

  it("read from another tool's HAR (no _ fields), are still imported, under the body's action as before", async () => {
    const { text } = await exported();
    const har = JSON.parse(text) as { log: { entries: Record<string, unknown>[] } };
    har.log.entries = har.log.entries.map((entry) => Object.fromEntries(Object.entries(entry).filter(([key]) => !key.startsWith('_'))));
    const after = await imported(JSON.stringify(har));
    expect(after.map((call) => [call.action, call.sentAction, call.problem])).toEqual([
      ['other', null, null],
      ['send_email', null, null],
    ]);
  });
});
