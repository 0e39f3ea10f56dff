import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallDetail } from '../../../main/contract/api';
import { sign } from '../../../main/core/signature';
import { startSignatureHandler, type SignatureHandler } from '../../helpers/signature-handler-process';
import { startCore, type RunningCore } from '../../helpers/running-core';
import { hasPython } from '../handler-check/verifier-runners';

// A call answered on the quick path is stored with the styles up to its first match only. Its
// handler diagnosis must not depend on whether the key that rebuilds the rest is set when the
// history is read: which styles it is valid in follows from the stored match and the body.
// A real core on a real SQLite file forwards to a real python handler that has another key.

const KEY = 'diagnosis-key';

let handler: SignatureHandler;
let running: RunningCore;

beforeAll(async () => {
  if (!hasPython) return;
  handler = await startSignatureHandler('python', 'not-the-companion-key');
  // The key is the session's, so clearing it leaves none (an environment key would come back).
  running = await startCore({ key: null, forwardTarget: handler.target });
  expect((await running.core.api.setHmacKey(KEY)).ok).toBe(true);
}, 60_000);
afterAll(async () => {
  await running?.close();
  await handler?.stop();
});

function payload(parameters: Record<string, unknown>): string {
  return JSON.stringify({ action_name: 'greet', parameters, timestamp: Math.floor(Date.now() / 1000) });
}

async function forward(body: string): Promise<number> {
  expect((await running.post('/actions/greet', body)).status).toBe(401);
  return (await running.core.api.listCalls({ limit: 1 })).calls[0]!.id;
}

async function handlerOf(id: number): Promise<CallDetail['handler']> {
  const detail = await running.core.api.getCall(id);
  return detail!.handler;
}

describe.skipIf(!hasPython)('the handler diagnosis of a stored call, read with and without the key', () => {
  it('is the same either way: an ASCII call every style signs alike, and a go-signed non-ASCII one', async () => {
    expect((await running.core.api.setHmacKey(KEY)).ok).toBe(true);
    const alike = await forward(sign(payload({ name: 'Ada' }), KEY, 'python').body);
    const go = await forward(sign(payload({ name: 'Renée', city: '北京' }), KEY, 'go').body);
    const withKey = { alike: await handlerOf(alike), go: await handlerOf(go) };
    expect(withKey.alike?.diagnosis).toEqual({ code: 'handler-refused-valid-signature', cause: 'styles-alike' });
    // Its key differs: having refused a call every style signs alike, no style is the cause of this one either.
    expect(withKey.go?.diagnosis).toEqual({ code: 'handler-refused-valid-signature', cause: 'every-style-refused' });

    expect((await running.core.api.clearHmacKey()).ok).toBe(true);
    const withoutKey = { alike: await handlerOf(alike), go: await handlerOf(go) };
    // The style learned from the history is per key: without one, none is named beside the call's.
    // What the handler taught is the key's the calls were checked with, said to be set no more.
    const noLearned = (report: CallDetail['handler']) =>
      report?.diagnosis && 'mostCallsIn' in report.diagnosis
        ? { ...report, diagnosis: { ...report.diagnosis, mostCallsIn: null } }
        : report;
    expect(withoutKey.alike).toEqual({ ...withKey.alike, knownFor: 'no-key-now' });
    expect(withoutKey.go).toEqual({ ...noLearned(withKey.go), knownFor: 'no-key-now' });

    // With another key, what the handler taught about the key the calls were checked with is
    // still theirs, and the diagnosis, from the stored match, stays as it was.
    expect((await running.core.api.setHmacKey('a-different-key')).ok).toBe(true);
    const otherKey = await handlerOf(alike);
    expect(otherKey?.diagnosis).toEqual(withKey.alike?.diagnosis);
    expect(otherKey?.known).toEqual(withKey.alike?.known);
    expect(otherKey?.knownFor).toBe('key-changed');
  });
});
