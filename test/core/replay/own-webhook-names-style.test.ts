import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign } from '../../../main/core/signature';
import { startSignatureHandler, type SignatureHandler } from '../../helpers/signature-handler-process';
import { startCore, type RunningCore } from '../../helpers/running-core';
import { hasPython } from '../handler-check/verifier-runners';

// A go handler behind the companion's own webhook. A call python and go write alike (keys in
// order, U+2028 escaped by both) is named go there, the style its handler verifies. Replayed
// through that webhook, the replay is stored with the sender's own check: every style's digest,
// named go too, not the webhook's summary of it (which leaves the digests out).

const KEY = 'own-webhook-style-key';
let handler: SignatureHandler;
let running: RunningCore;

async function goSignedCall(parameters: Record<string, unknown>): Promise<number> {
  const payload = JSON.stringify({ action_name: 'order', parameters, timestamp: Math.floor(Date.now() / 1000) });
  expect((await running.post('/actions/order', sign(payload, KEY, 'go').body)).status).toBe(200);
  return (await running.core.api.listCalls({ limit: 1 })).calls[0]!.id;
}

beforeAll(async () => {
  if (!hasPython) return;
  handler = await startSignatureHandler('go', KEY);
  running = await startCore({ key: KEY, forwardTarget: handler.target });
}, 60_000);
afterAll(async () => {
  await running?.close();
  await handler?.stop();
});

describe.skipIf(!hasPython)("a replay through the companion's own webhook of a call several styles write alike", () => {
  it("keeps every style's digest and the name its handler's style gives it", async () => {
    // "Zürich": python escapes the ü, go does not, so the handler is learned to verify go.
    await goSignedCall({ item: 'Zürich tour' });
    const alike = await goSignedCall({ item: 'Bern\u2028tour' });
    expect((await running.core.api.getCall(alike))?.signature.style).toBe('go');

    const replayed = await running.core.api.replayCall(alike, 'as-is', `${running.baseUrl}/actions/{action_name}`);
    expect(replayed.ok).toBe(true);
    const stored = await running.core.api.getCall(replayed.ok ? replayed.value.id : 0);
    expect(stored).toMatchObject({ answeredBy: 'forward', handlerSignature: 'accepted' });
    expect(stored!.signature.style).toBe('go');
    expect(stored!.signature.styles.filter((style) => style.expected === null)).toEqual([]);
  });
});
