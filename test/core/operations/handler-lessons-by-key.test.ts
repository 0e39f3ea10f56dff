import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallDetail } from '../../../main/contract/api';
import { DATA_FILES } from '../../../main/core';
import { sign } from '../../../main/core/signature';
import { startHandler, type HandlerProcess } from '../../helpers/handler-process';
import { runInProcess } from '../../helpers/in-process-cli';
import { startCore, type RunningCore } from '../../helpers/running-core';

// What a handler taught is kept per key the companion checked its calls with. A call's details,
// through the core's API and `calls <id>`, show the record of the key that call was checked with,
// and say so when it is not the key set now: after a switch of key they showed the new key's
// record (0 accepted, 0 rejected) beside a call the handler had rejected, and a diagnosis that
// the handler had never accepted a signed call. A real core on a real SQLite file forwards to the
// stand-in handler process: `ok` accepts every call, `refuses_signatures` answers 401.

const A = 'key-the-calls-came-with';
const B = 'key-set-since';
const CHANGED =
  'This call was checked with another key than the one set now: what your handler did is shown for the key this call was checked with.';
const NOT_RECORDED = 'Which key this call was checked with was not recorded';

let handler: HandlerProcess;
let running: RunningCore;

beforeAll(async () => {
  handler = await startHandler();
  // The key is the session's: set and changed as a user does it in Settings.
  running = await startCore({ key: null, forwardTarget: handler.target });
  expect((await running.core.api.setHmacKey(A)).ok).toBe(true);
}, 60_000);
afterAll(async () => {
  await running?.close();
  await handler?.stop();
});

/** Forwards a call to the handler's `route`, signed with `key` (non-ASCII, so the styles sign it apart), and returns its id. */
async function forward(route: string, key: string, status: number): Promise<number> {
  const payload = JSON.stringify({ action_name: route, parameters: { city: 'Zürich' }, timestamp: Math.floor(Date.now() / 1000) });
  expect((await running.post(`/actions/${route}`, sign(payload, key, 'go').body)).status).toBe(status);
  return (await running.core.api.listCalls({ limit: 1 })).calls[0]!.id;
}

async function handlerOf(id: number): Promise<NonNullable<CallDetail['handler']>> {
  return (await running.core.api.getCall(id))!.handler!;
}

/** `calls <id>` as the user runs it with `key` in the environment, on the core's history. */
async function callsInFull(id: number, key: string): Promise<string> {
  const printed = await runInProcess(['calls', String(id), '--data-dir', running.dataDir], { env: { FLOWENT_HMAC_KEY: key } });
  expect(printed.code, printed.stderr).toBe(0);
  return printed.stdout;
}

describe("a call's record of its handler, after the key was changed", () => {
  it('is the record of the key the call was checked with, said to be another key than the one set now', async () => {
    const rejected = await forward('refuses_signatures', A, 401);
    await forward('refuses_signatures', A, 401);
    const accepted = await forward('ok', A, 200);
    const before = await handlerOf(rejected);
    expect(before).toMatchObject({ knownFor: 'key-set-now', known: { accepted: 0, refused: 2 } });
    expect(before.diagnosis).toMatchObject({ code: 'handler-refused-valid-signature', cause: 'none-accepted' });
    expect(await callsInFull(rejected, A)).not.toContain(CHANGED);

    expect((await running.core.api.setHmacKey(B)).ok).toBe(true);
    // The new key's own record: a call checked with it, rejected.
    const rejectedSince = await forward('refuses_signatures', B, 401);
    expect(await handlerOf(rejectedSince)).toMatchObject({ knownFor: 'key-set-now', known: { accepted: 0, refused: 1 } });

    // The older call keeps its key's record and its diagnosis, and says whose they are.
    expect(await handlerOf(rejected)).toEqual({ ...before, knownFor: 'key-changed' });
    const acceptedNow = await handlerOf(accepted);
    expect(acceptedNow).toMatchObject({ knownFor: 'key-changed', known: { accepted: 1, refused: 0 } });

    // The command line says the same, with the key set now in its environment: in the why-line
    // of the rejected call, under the handler of the accepted one (no why-line says it there).
    const rejectedInFull = await callsInFull(rejected, B);
    expect(rejectedInFull).toContain(
      `${CHANGED} So far (as of now, not when this call came), your handler has accepted 0 calls with a valid signature and rejected 2.`,
    );
    expect(rejectedInFull.split(CHANGED)).toHaveLength(2);
    expect(await callsInFull(accepted, B)).toMatch(
      new RegExp(
        `^Handler: {2}accepted the signature: 200 \\(at .*/actions/ok\\)\\n {2}${CHANGED.replace(/[.:]/g, '\\$&')} So far \\(as of now, not when this call came\\), your handler has accepted 1 call with a valid signature and rejected 0\\.$`,
        'm',
      ),
    );
    // With the key the calls were checked with set again, nothing is said.
    expect(await callsInFull(rejected, A)).not.toContain(CHANGED);
  });

  // Not "another key than the one set now" when none is set now (a `calls` run without
  // FLOWENT_HMAC_KEY beside the serve that has it), nor of a call that came with none.
  it('stays the key it was checked with when no key is set now, said so, or the first key is set again', async () => {
    const rejected = (await running.core.api.listCalls({ action: 'refuses_signatures', limit: 3 })).calls.at(-1)!.id;
    expect((await running.core.api.clearHmacKey()).ok).toBe(true);
    expect(await handlerOf(rejected)).toMatchObject({ knownFor: 'no-key-now', known: { accepted: 0, refused: 2 } });
    const withoutKey = await callsInFull(rejected, '');
    expect(withoutKey).toContain(
      'No HMAC key is set now (FLOWENT_HMAC_KEY, or Settings): what your handler did is shown for the key this call was checked with.',
    );
    expect(withoutKey).not.toContain(CHANGED);
    expect((await running.core.api.setHmacKey(A)).ok).toBe(true);
    expect(await handlerOf(rejected)).toMatchObject({ knownFor: 'key-set-now', known: { accepted: 0, refused: 2 } });
  });

  it('of a call that came while no key was set is the record of the calls that came without one', async () => {
    expect((await running.core.api.clearHmacKey()).ok).toBe(true);
    const unchecked = await forward('refuses_signatures', A, 401);
    // No key checked it, so its refusal taught nothing: the record of the calls without a key is empty.
    const nothingLearned = { accepted: 0, refused: 0 };
    expect(await handlerOf(unchecked)).toMatchObject({ knownFor: 'key-set-now', known: nothingLearned });
    expect((await running.core.api.setHmacKey(A)).ok).toBe(true);
    expect(await handlerOf(unchecked)).toMatchObject({ knownFor: 'no-key-then', known: nothingLearned });
    const inFull = await callsInFull(unchecked, A);
    expect(inFull).toContain(
      'This call came while no HMAC key was set: what your handler did is shown for the calls that came without one.',
    );
    expect(inFull).not.toContain(CHANGED);
  });

  it('of a replay is the key it was checked with: straight to the handler, or by the webhook that forwarded it', async () => {
    expect((await running.core.api.setHmacKey(A)).ok).toBe(true);
    const original = await forward('refuses_signatures', A, 401);
    const straight = await running.core.api.replayCall(original, 'as-is', handler.target);
    // Through this companion's own webhook, which checks it and forwards it: its answer says which key checked it.
    const throughWebhook = await running.core.api.replayCall(original, 'as-is', `${running.baseUrl}/actions/{action_name}`);
    if (!straight.ok || !throughWebhook.ok) throw new Error(JSON.stringify([straight, throughWebhook]));
    expect((await running.core.api.getCall(throughWebhook.value.id))!.answeredBy).toBe('forward');
    expect((await running.core.api.setHmacKey(B)).ok).toBe(true);
    for (const replay of [straight.value.id, throughWebhook.value.id])
      expect(await handlerOf(replay), `#${replay}`).toMatchObject({ knownFor: 'key-changed', known: { accepted: 0, refused: 5 } });
  });

  it('of a call that does not say which key checked it, is the key set now, said as such', async () => {
    expect((await running.core.api.setHmacKey(A)).ok).toBe(true);
    const older = await forward('refuses_signatures', A, 401);
    // As a call stored by a version that did not record the key.
    const db = new Database(join(running.dataDir, DATA_FILES.history));
    db.prepare('UPDATE calls SET key_fingerprint = NULL WHERE id = ?').run(older);
    db.close();
    expect((await running.core.api.setHmacKey(B)).ok).toBe(true);
    expect(await handlerOf(older)).toMatchObject({ knownFor: 'key-not-recorded', known: { accepted: 0, refused: 1 } });
    expect(await callsInFull(older, B)).toContain(NOT_RECORDED);
  });
});
