import { describe, expect, it } from 'vitest';
import { hasPython } from '../core/handler-check/verifier-runners';
import { handlerBehindServe } from '../helpers/handler-behind-serve';
import { handlerUrl, useHandler } from '../helpers/handler-process';

// `send --wrong-signature` judges the handler's answer as every call's handler verdict is (its
// status and its error text), and counts a refusal only from a handler seen accepting a valid
// signature: a CSRF page or a handler refusing everything is no proof that it checks signatures.

const standIn = useHandler();
// Answers a refusal 200 {"error": "Invalid signature"}.
const soft = handlerBehindServe('soft', 'wrong-signature-proves-key');

const send = (target: string, ...flags: string[]) =>
  soft().run(['send', 'ticket', '--params', '{"subject":"hi"}', '--target', target, ...flags]);
const verdictOf = (stdout: string) => stdout.split('\n').find((line) => line.startsWith('  verdict: ')) ?? '';

describe('a refusal of a wrong signature by a handler that has accepted no valid one', () => {
  it.each([
    ['a CSRF check in front of the handler (403 page)', 'csrf', '403'],
    ['a handler that refuses every call (401)', 'refuses_signatures', '401'],
  ])(
    '%s: proves nothing, exit 1',
    async (_name, behaviour, status) => {
      const sent = await send(handlerUrl(standIn(), behaviour), '--wrong-signature');
      expect(verdictOf(sent.stdout)).toBe(
        `  verdict: your handler refused the call with a wrong signature (${status}), but it has not accepted a call with a valid signature yet: ` +
          'this proves nothing, as it may refuse every call (a check in front of it, such as CSRF, or another key). ' +
          'Send it a call with a valid signature and see that it accepts it, then spoil the signature again',
      );
      expect(sent.code).toBe(1);
    },
    60_000,
  );
});

describe.skipIf(!hasPython)('a handler that answers a refusal 200 {"error":"Invalid signature"}', () => {
  it('is judged once: refused in send --wrong-signature as in the stored call, and it passes once it accepted a valid call', async () => {
    const valid = await send(soft().handler.target);
    expect(valid.code).toBe(0);

    const spoiled = await send(soft().handler.target, '--wrong-signature');
    expect(verdictOf(spoiled.stdout)).toBe(
      '  verdict: your handler refused the call with a wrong signature, as it should: it checks signatures. But it answered 200 with "Invalid signature", ' +
        'and Flowent counts a 2xx as the action done: answer a wrong signature with 401 {"error":"Invalid signature"}, as Flowent\'s docs do',
    );
    expect(spoiled.stdout).not.toMatch(/does not check signatures/);
    expect(spoiled.code).toBe(0);

    const id = /^Sent #(\d+)/m.exec(spoiled.stdout)![1]!;
    const stored = await soft().run(['calls', id, '--json']);
    expect(JSON.parse(stored.stdout)).toMatchObject({ handlerSignature: 'refused', spoiledSignature: true });
    const inFull = await soft().run(['calls', id]);
    expect(inFull.stdout).toContain(verdictOf(spoiled.stdout));
  }, 60_000);
});
