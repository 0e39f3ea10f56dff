import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallDetail, HandlerSignature } from '../../../main/contract/api';
import { sign } from '../../../main/core/signature';
import { startSignatureHandler, type HandlerMode, type SignatureHandler } from '../../helpers/signature-handler-process';
import { startCore, type RunningCore } from '../../helpers/running-core';
import { hasPython } from '../handler-check/verifier-runners';

// The developer's handlers are real processes (test/fixtures/handlers/signature-handler.py):
// one verifies like Flowent's Python example, one like its Go example, one checks nothing.
// Calls go through a real core that forwards to them; what is stored and shown comes from
// their real answers.

const KEY = 'handler-verdicts-key';
/** Non-ASCII text and unsorted parameters: the python and go styles sign it differently. */
const PARAMETERS = { name: 'Renée', city: '北京' };

const handlers = new Map<HandlerMode, SignatureHandler>();
const cores = new Map<HandlerMode, RunningCore>();

beforeAll(async () => {
  if (!hasPython) return;
  for (const mode of ['python', 'go', 'none'] as const) {
    const handler = await startSignatureHandler(mode, KEY);
    handlers.set(mode, handler);
    cores.set(mode, await startCore({ key: KEY, forwardTarget: handler.target }));
  }
}, 60_000);
afterAll(async () => {
  await Promise.all([...cores.values()].map((core) => core.close()));
  await Promise.all([...handlers.values()].map((handler) => handler.stop()));
});

function payload(extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ action_name: 'greet', parameters: PARAMETERS, timestamp: Math.floor(Date.now() / 1000), ...extra });
}
const signedIn = (style: 'python' | 'go') => sign(payload(), KEY, style).body;
const forged = () => signedIn('python').replace(/"signature":"(.)/, (_all, first: string) => `"signature":"${first === '0' ? '1' : '0'}`);

/** Sends a call through the core forwarding to the `mode` handler; resolves with its stored details. */
async function forward(mode: HandlerMode, body: string): Promise<CallDetail> {
  const running = cores.get(mode)!;
  await running.post('/actions/greet', body);
  const page = await running.core.api.listCalls({ limit: 1 });
  const detail = await running.core.api.getCall(page.calls[0]!.id);
  if (!detail) throw new Error('the call was not stored');
  return detail;
}

describe.skipIf(!hasPython)("the handler's verdict, stored with each forwarded call", () => {
  it.each<[string, HandlerMode, () => string, HandlerSignature]>([
    ['the python handler accepts a python-signed call', 'python', () => signedIn('python'), 'accepted'],
    ['the python handler refuses a go-signed call', 'python', () => signedIn('go'), 'refused'],
    ['the go handler accepts a go-signed call', 'go', () => signedIn('go'), 'accepted'],
    ['the go handler refuses a wrong signature', 'go', forged, 'refused'],
    ['the handler that checks nothing accepts a wrong signature', 'none', forged, 'accepted'],
  ])('%s', async (_name, mode, body, verdict) => {
    const detail = await forward(mode, body());
    expect(detail.answeredBy).toBe('forward');
    expect(detail.handlerSignature).toBe(verdict);
    expect(detail.handler?.verdict).toBe(verdict);
    const summary = (await cores.get(mode)!.core.api.listCalls({ limit: 1 })).calls[0]!;
    expect(summary.handlerSignature).toBe(verdict);
    // The event that serve prints and the page lists carries it too.
    const stored = cores.get(mode)!.events.filter((event) => event.type === 'call-stored');
    expect(stored[stored.length - 1]).toMatchObject({ call: { id: detail.id, handlerSignature: verdict } });
  });

  it('a call the mock answers has no handler verdict', async () => {
    const running = cores.get('python')!;
    const set = await running.core.api.setAnswerMode('mocked', 'mock');
    expect(set.ok).toBe(true);
    await running.post('/actions/mocked', sign(JSON.stringify({ action_name: 'mocked', parameters: {}, timestamp: 1 }), KEY, 'go').body);
    const summary = (await running.core.api.listCalls({ limit: 1 })).calls[0]!;
    expect(summary).toMatchObject({ action: 'mocked', answeredBy: 'mock', handlerSignature: null });
    expect((await running.core.api.getCall(summary.id))?.handler).toBeNull();
  });
});

describe.skipIf(!hasPython)('what a handler taught, and the diagnosis when it disagrees with the companion', () => {
  it('the python handler, fed a go-signed call after a python one, is diagnosed in words with what it accepted and refused', async () => {
    await forward('python', signedIn('python'));
    const detail = await forward('python', signedIn('go'));
    expect(detail.verdict).toBe('valid');
    const handler = detail.handler!;
    // As configured, so a probe can be sent to it.
    expect(handler.target).toBe(handlers.get('python')!.target);
    expect(handler.evidence).toBe('401 "Invalid signature"');
    // The style it was signed in, for the words; the styles the handler verifies with are in `known`.
    expect(handler.diagnosis).toMatchObject({ code: 'handler-signature-style-mismatch', signedIn: 'go' });
    expect(handler.verifierStyle).toBe('go');
    expect(handler.known.refused).toBeGreaterThanOrEqual(1);
    expect(handler.known.accepted).toBeGreaterThanOrEqual(1);
    expect(handler.known.stylesAccepted).toContain('python');
    expect(handler.known.stylesAccepted).not.toContain('go');
    expect(handler.known.stylesRefused).toContain('go');
  });

  it("learns per route, across calls: each call of an action adds to its route's record, another action's route keeps its own", async () => {
    const running = cores.get('go')!;
    const before = (await forward('go', signedIn('go'))).handler!.known;
    const other = sign(JSON.stringify({ action_name: 'other_action', parameters: PARAMETERS, timestamp: 1 }), KEY, 'go').body;
    await running.post('/actions/other_action', other);
    const otherCall = (await running.core.api.listCalls({ limit: 1 })).calls[0]!;
    expect((await running.core.api.getCall(otherCall.id))?.handler?.known).toMatchObject({ accepted: 1, refused: 0 });
    const refused = await forward('go', signedIn('python'));
    const known = refused.handler!.known;
    expect(known.accepted).toBe(before.accepted);
    expect(known.refused).toBe(before.refused + 1);
    expect(known.stylesAccepted).toContain('go');
    expect(known.stylesRefused).toContain('python');
    // Go-signed calls with these parameters do not tell apart every style it may verify with.
    expect(known.stylesAccepted).toEqual(expect.arrayContaining(['go', 'go-struct']));
    expect(refused.handler!.diagnosis).toMatchObject({ code: 'handler-signature-style-mismatch', signedIn: 'python' });
  });

  it('a handler that checks nothing is found out by a wrong signature and by a call without one', async () => {
    const wrong = await forward('none', forged());
    expect(wrong.verdict).toBe('invalid');
    expect(wrong.handler?.diagnosis?.code).toBe('handler-accepted-invalid-signature');
    const unsigned = await forward('none', payload());
    expect(unsigned.verdict).toBe('missing');
    expect(unsigned.handler?.diagnosis?.code).toBe('handler-accepted-unsigned');
    expect(unsigned.handler?.known.acceptedUnverified).toBeGreaterThanOrEqual(2);
  });

  it('a handler that accepts a signature no key gives (not 64 hex characters) is not told to check its key', async () => {
    const detail = await forward('none', signedIn('python').replace(/"signature":"[0-9a-f]{64}"/, '"signature":"not-a-signature"'));
    expect(detail.verdict).toBe('malformed');
    expect(detail.handler?.diagnosis?.code).toBe('handler-accepted-malformed-signature');
  });

  it('when the companion finds the signature invalid too, the usual diagnosis stands', async () => {
    const detail = await forward('python', forged());
    expect(detail.handlerSignature).toBe('refused');
    expect(detail.handler?.diagnosis).toBeNull();
    expect(detail.signature.diagnosis.length).toBeGreaterThan(0);
  });
});
