import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign } from '../../../main/core/signature';
import { startCore, type RunningCore } from '../../helpers/running-core';
import { startSignatureHandler, type SignatureHandler } from '../../helpers/signature-handler-process';
import { hasPython } from '../handler-check/verifier-runners';

// What a probe adds to what a handler taught, against a real handler process
// (test/fixtures/handlers/signature-handler.py verifying as JavaScript's JSON.stringify writes).

const KEY = 'probe-evidence-key';
let handler: SignatureHandler;
let running: RunningCore;

beforeAll(async () => {
  if (!hasPython) return;
  handler = await startSignatureHandler('node', KEY);
  running = await startCore({ key: KEY, forwardTarget: handler.target });
}, 60_000);
afterAll(async () => {
  await running?.close();
  await handler?.stop();
});

/** Posts `parameters` as a Flowent call signed in `style`, forwarded to the handler; the stored call's id. */
async function forwarded(parameters: Record<string, string>, style: 'go' | 'python'): Promise<number> {
  const body = JSON.stringify({ action_name: 'greet', parameters, timestamp: Math.floor(Date.now() / 1000) });
  await running.post('/actions/greet', sign(body, KEY, style).body);
  return (await running.core.api.listCalls({ limit: 1 })).calls[0]!.id;
}

async function known(id: number) {
  const report = (await running.core.api.getCall(id))?.handler;
  if (!report) throw new Error(`call #${id} has no handler report`);
  return report;
}

describe.skipIf(!hasPython)('a probe on a call every style signs alike', () => {
  it('says it cannot tell the styles apart, and keeps what earlier calls told apart', async () => {
    // Non-ASCII text, <&> and keys out of order: go's bytes are no other documented style's, and
    // this handler (JSON.stringify: keys as sent, raw UTF-8) refuses them.
    const goCall = await forwarded({ city: 'Zürich', b: '<&>' }, 'go');
    expect((await known(goCall)).verdict).toBe('refused');
    // Plain ASCII, keys already sorted: all 13 styles sign it in the same bytes. Accepted.
    const asciiCall = await forwarded({ a: 'x' }, 'python');
    expect((await known(asciiCall)).verdict).toBe('accepted');
    const before = (await known(goCall)).known;
    expect(before.stylesRefused).toEqual(expect.arrayContaining(['go', 'go-struct', 'raw']));
    expect(before.stylesRefused).not.toContain('as-sent+utf8');
    expect(before.stylesAccepted).toContain('as-sent+utf8');

    const probed = await running.core.api.probeHandler(asciiCall, null);
    if (!probed.ok) throw new Error(JSON.stringify(probed));
    const probe = probed.value;
    // One signed request (every style's bytes) and the wrong signature.
    expect(probe.rows).toHaveLength(1);
    expect(probe.rows[0]).toMatchObject({ handler: 'accepted' });
    expect(probe.rows[0]!.styles).toHaveLength(13);
    expect(probe.wrongSignature.handler).toBe('refused');
    // Accepted on bytes every style shares: not evidence any one style is accepted.
    expect(probe).toMatchObject({ finding: { code: 'checks-signatures', stylesAlike: true }, checksSignatures: true });
    expect(probe.stylesAccepted).toEqual([]);

    // What the go call told apart is still known, and its diagnosis still agrees with it.
    const after = await known(goCall);
    expect(after.known.stylesRefused).toEqual(before.stylesRefused);
    expect(after.known.stylesAccepted).toEqual(before.stylesAccepted);
    expect(after.known.refusedUnverified).toBe(1);
    expect(after.diagnosis?.code).toBe('handler-signature-style-mismatch');
    // The diagnosis names the styles it verifies with from this tally: go is not among them.
    expect(after.known.stylesAccepted).not.toContain('go');
  });
});
