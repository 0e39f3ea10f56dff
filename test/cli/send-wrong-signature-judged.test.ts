import { afterAll, describe, expect, it } from 'vitest';
import { handlerUrl, useHandler } from '../helpers/handler-process';
import { runInProcess } from '../helpers/in-process-cli';
import { makeTempDir } from '../helpers/temp-dir';

// `send --wrong-signature` against the stand-in handler (test/fixtures/handlers/flowent-handler.mjs):
// a refusal for the signature by a route that refuses every call proves nothing, and fails (the
// pass is test/cli/send-wrong-signature.test.ts's, a real verifier); a 400 for the parameters is
// said as a refusal not clearly for the signature, and fails. The calls stored say they were spoiled on
// purpose, in `calls`' lines, its JSON and a call in full, and the verdict filter still finds them.

const KEY = 'wrong-signature-judged-key';
const handler = useHandler();
const dataDir = makeTempDir();
const env = { FLOWENT_HMAC_KEY: KEY, FLOWENT_COMPANION_DATA_DIR: dataDir.path };
afterAll(() => dataDir.remove());

const send = (behaviour: string, ...flags: string[]) =>
  runInProcess(['send', 'ticket', '--params', '{"subject":"hi"}', '--target', handlerUrl(handler(), behaviour), ...flags], { env });
const calls = (...args: string[]) => runInProcess(['calls', ...args], { env });

describe('send --wrong-signature judged by what the handler answered', () => {
  it('fails on a 401 from a handler that refuses every call, and on a 400 for something else, saying what it answered and what to check', async () => {
    const refused = await send('refuses_signatures', '--wrong-signature');
    expect(refused.stdout).toMatch(
      /verdict: your handler refused the call with a wrong signature \(401\), but it has not accepted a call with a valid signature yet: this proves nothing/,
    );
    expect(refused.code).toBe(1);

    const otherwise = await send('checks_parameters_first', '--wrong-signature');
    expect(otherwise.stdout).toContain(
      '  verdict: your handler refused the call, but not clearly for its signature: it answered 400 with "Missing parameter: recipient". ' +
        'Check that it verifies the signature before anything else (its JSON, its parameters, its path) and answers a wrong one with 401 {"error":"Invalid signature"}, as Flowent\'s docs do\n',
    );
    expect(otherwise.code).toBe(1);
  }, 60_000);

  it('stores the calls as spoiled on purpose: calls says so, and --verdict invalid still lists them', async () => {
    const ordinary = await send('ok');
    expect(ordinary.code).toBe(0);

    const listed = await calls('--verdict', 'invalid');
    const lines = listed.stdout.split('\n');
    expect(lines.filter((line) => /ticket \[simulated\] {2}wrong signature, spoiled on purpose {2}40[01] /.test(line))).toHaveLength(2);
    expect(listed.stdout).not.toContain('INVALID');
    expect(
      lines.filter(
        (line) =>
          line === '  why: signature spoiled on purpose by send --wrong-signature / Simulate, to check that your handler refuses it',
      ),
    ).toHaveLength(2);

    const json = (await calls('--json')).stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: number; verdict: string; spoiledSignature: boolean });
    expect(json.map(({ verdict, spoiledSignature }) => ({ verdict, spoiledSignature }))).toEqual([
      { verdict: 'valid', spoiledSignature: false },
      { verdict: 'invalid', spoiledSignature: true },
      { verdict: 'invalid', spoiledSignature: true },
    ]);

    const inFull = await calls(String(json[1]!.id));
    expect(inFull.stdout).toMatch(
      /^Signature: {2}invalid, signature spoiled on purpose by send --wrong-signature \/ Simulate, received [0-9a-f]{64}$/m,
    );
    expect(inFull.stdout).toMatch(
      /^ {2}verdict: your handler refused the call, but not clearly for its signature: it answered 400 with "Missing parameter: recipient"\./m,
    );
    // No advice to sign it right: it was spoiled on purpose.
    expect(inFull.stdout).not.toMatch(/what to do:/);
  }, 60_000);
});
