import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnoseHandler, handlerStyles, judgeHandlerSignature, learnFromAnswer, type CheckedCall } from '../../../main/core/handler-check';
import type { HandlerSignature } from '../../../main/contract/api';
import { sign, verify } from '../../../main/core/signature';
import { startSignatureHandler, type HandlerMode, type SignatureHandler } from '../../helpers/signature-handler-process';
import { InMemoryHandlerMemory } from './in-memory-handler-memory';
import { hasPython } from './verifier-runners';
import type { StyleName } from '../../../main/contract/names-and-limits';

// Real handlers (test/fixtures/handlers/signature-handler.py) answer calls signed by the
// product's signer; the verdict, the learning and the diagnosis work from their real answers.

const KEY = 'handler-check-key';
const now = Math.floor(Date.now() / 1000);
/** Non-ASCII text and unsorted parameters: the python and go styles sign it differently. */
const CALL = JSON.stringify({ action_name: 'greet', parameters: { name: 'Renée', city: '北京' }, timestamp: now });
const REGISTRATION = JSON.stringify({ action_name: 'greet', parameters: {}, timestamp: now, test: true });

function checked(body: string): CheckedCall {
  const report = verify(new TextEncoder().encode(body), KEY, { receivedAt: Date.now() });
  return { verdict: report.verdict, validIn: report.styles.filter((s) => s.matched).map((s) => s.style as StyleName) };
}

const signedIn = (style: StyleName): string => sign(CALL, KEY, style).body;
const forged = (): string => {
  const { body, signature } = sign(CALL, KEY, 'python');
  return body.replace(
    signature,
    signature.replace(/.$/, (c) => (c === '0' ? '1' : '0')),
  );
};

// [call, body, what each handler's answer says]
const CALLS: [string, () => string, Record<HandlerMode, HandlerSignature>][] = [
  [
    'signed in the python style',
    () => signedIn('python'),
    { python: 'accepted', go: 'refused', node: 'refused', spaces: 'refused', soft: 'accepted', none: 'accepted' },
  ],
  // Sent in its sorted order, with no <, > or & to escape: as sent, in raw UTF-8, it is what JSON.stringify writes too.
  [
    'signed in the go style',
    () => signedIn('go'),
    { python: 'refused', go: 'accepted', node: 'accepted', spaces: 'refused', soft: 'refused', none: 'accepted' },
  ],
  [
    "signed as JavaScript's JSON.stringify writes it",
    () => signedIn('as-sent+utf8'),
    { python: 'refused', go: 'refused', node: 'accepted', spaces: 'refused', soft: 'refused', none: 'accepted' },
  ],
  [
    'with a wrong signature',
    forged,
    { python: 'refused', go: 'refused', node: 'refused', spaces: 'refused', soft: 'refused', none: 'accepted' },
  ],
  [
    'without a signature',
    () => CALL,
    { python: 'refused', go: 'refused', node: 'refused', spaces: 'refused', soft: 'refused', none: 'accepted' },
  ],
  [
    "Flowent's registration check, unsigned",
    () => REGISTRATION,
    { python: 'accepted', go: 'accepted', node: 'accepted', spaces: 'accepted', soft: 'accepted', none: 'accepted' },
  ],
];

const handlers = new Map<HandlerMode, SignatureHandler>();

beforeAll(async () => {
  if (!hasPython) return;
  for (const mode of ['python', 'go', 'node', 'spaces', 'soft', 'none'] as const)
    handlers.set(mode, await startSignatureHandler(mode, KEY));
});
afterAll(async () => {
  await Promise.all([...handlers.values()].map((handler) => handler.stop()));
});

describe.skipIf(!hasPython)('the verdict on real handlers', () => {
  for (const mode of ['python', 'go', 'node', 'spaces', 'soft', 'none'] as const) {
    it.each(CALLS)(`the ${mode} handler, a call %s`, async (_name, body, expected) => {
      const answer = await handlers.get(mode)!.post('greet', body());
      expect(judgeHandlerSignature(answer).verdict).toBe(expected[mode]);
    });
  }
});

describe.skipIf(!hasPython)('learning a real handler and diagnosing it', () => {
  it('a handler that verifies like the python example, fed a go-signed call, is told in words', async () => {
    const handler = handlers.get('python')!;
    const memory = new InMemoryHandlerMemory();
    const run = async (body: string) => {
      const call = checked(body);
      const verdict = judgeHandlerSignature(await handler.post('greet', body));
      return { call, verdict, known: learnFromAnswer(memory, handler.target, call, verdict) };
    };

    const first = await run(signedIn('python'));
    expect(diagnoseHandler(first.call, first.verdict, first.known)).toBeNull();

    const second = await run(signedIn('go'));
    expect(second.call.verdict).toBe('valid');
    const diagnosis = diagnoseHandler(second.call, second.verdict, second.known);
    expect(diagnosis).toEqual({ code: 'handler-signature-style-mismatch', signedIn: 'go', mostCallsIn: null });
    expect(second.verdict.evidence).toBe('401 "Invalid signature"');
    // What the words name as the style it verifies with, and the counts they give.
    expect(handlerStyles(second.known).possible).toEqual(['python']);
    expect([second.known.accepted, second.known.refused]).toEqual([1, 1]);
    expect(memory.targets()).toEqual([
      'http://localhost:' + new URL(handler.target.replace('{action_name}', 'x')).port + '/actions/%7Baction_name%7D',
    ]);
  });

  it('a handler that checks nothing is found out by a wrong signature', async () => {
    const handler = handlers.get('none')!;
    const call = checked(forged());
    expect(call.verdict).toBe('invalid');
    const verdict = judgeHandlerSignature(await handler.post('greet', forged()));
    const known = learnFromAnswer(new InMemoryHandlerMemory(), handler.target, call, verdict);
    expect(known.acceptedUnverified).toBe(1);
    expect(diagnoseHandler(call, verdict, known)?.code).toBe('handler-accepted-invalid-signature');
  });
});
