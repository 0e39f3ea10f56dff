import { describe, expect, it } from 'vitest';
import { addOutcome, diagnoseHandler, emptyKnowledge, judgeHandlerSignature, verifierSnippet } from '../../../main/core/handler-check';
import { handlerDiagnosisText } from '../../../main/contract/words';
import { BY_ID } from '../../helpers/signing-vocabulary';
import { sign, verify } from '../../../main/core/signature';
import { hasGo, runVerifiers } from './verifier-runners';
import type { StyleName } from '../../../main/contract/names-and-limits';

// A developer pastes the printed verifier into their handler and starts it without
// FLOWENT_HMAC_KEY. The Go verifier returns that as the error to answer 401 with; the Node and
// Python ones throw, which frameworks answer 500. Either way the companion names the cause.

const KEY = 'key-unset-key';
const body = sign(JSON.stringify({ action_name: 'greet', parameters: { name: 'Zoë' }, timestamp: 1_700_000_000 }), KEY, 'python').body;
const bytes = new TextEncoder().encode(body);
const validIn = verify(bytes, KEY, { receivedAt: Date.now() })
  .styles.filter((style) => style.matched)
  .map((style) => style.style as StyleName);
const answer = (status: number, text: string, type = 'application/json') => ({
  status,
  headers: [['Content-Type', type]] as [string, string][],
  body: new TextEncoder().encode(text),
});

function diagnosed(status: number, text: string, type?: string) {
  const handler = judgeHandlerSignature(answer(status, text, type));
  const known = addOutcome(emptyKnowledge(), { handler: 'refused', validIn });
  return { handler, diagnosis: diagnoseHandler({ verdict: 'valid', validIn, named: 'python' }, handler, known) };
}

describe('a handler whose verifier has no key', () => {
  it.skipIf(!hasGo)(
    "the printed Go verifier's own error, answered 401: no key set, not another style",
    async () => {
      const results = await runVerifiers('go', { python: verifierSnippet('go', 'python') }, [bytes], '');
      const error = results.python![0]!;
      expect(error).toContain('FLOWENT_HMAC_KEY is not set');
      const { handler, diagnosis } = diagnosed(401, JSON.stringify({ result: '', error }));
      expect(handler.verdict).toBe('refused');
      expect(diagnosis).toEqual({ code: 'handler-refused-valid-signature', cause: 'key-unset' });
      const said = handlerDiagnosisText(
        { ...handler, diagnosis: diagnosis!, known: { ...emptyTally(), refused: 1 }, knownFor: 'key-set-now' },
        BY_ID,
        'read-later',
      );
      expect(said).toContain('it says it has no HMAC key set, so it can verify no signature.');
      expect(said).toContain('Set FLOWENT_HMAC_KEY where your handler runs to the key set here');
      expect(said).not.toContain('another style');
    },
    120_000,
  );

  it.each([
    [
      "Express's error page for the Node verifier's throw",
      500,
      '<pre>Error: FLOWENT_HMAC_KEY is not set: set FLOWENT_HMAC_KEY to your Flowent HMAC key<br> &nbsp; &nbsp;at flowentSignatureError</pre>',
      'text/html',
    ],
    ['a handler of its own', 500, '{"detail":"Webhook secret not configured"}', 'application/json'],
    ['a handler of its own, 401', 401, '{"error":"missing HMAC key"}', 'application/json'],
  ])('%s: the signature refused, for want of a key', (_name, status, text, type) => {
    expect(diagnosed(status, text, type)).toMatchObject({ handler: { verdict: 'refused' }, diagnosis: { cause: 'key-unset' } });
  });

  it('a missing API key or signature is not a missing HMAC key', () => {
    expect(diagnosed(401, '{"error":"API key missing"}').handler.verdict).toBe('unknown');
    expect(diagnosed(401, '{"error":"Missing signature"}').diagnosis).not.toMatchObject({ cause: 'key-unset' });
  });
});

function emptyTally() {
  return { accepted: 0, refused: 0, acceptedUnverified: 0, refusedUnverified: 0, stylesAccepted: [], stylesRefused: [], refusedAlike: 0 };
}
