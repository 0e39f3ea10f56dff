import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSignatureHandler, type SignatureHandler } from '../helpers/signature-handler-process';
import { runCli } from '../helpers/spawn-cli';
import { makeTempDir } from '../helpers/temp-dir';
import { hasPython } from '../core/handler-check/verifier-runners';

// `send` with another key, the natural way to check that a handler refuses a bad signature,
// against a real handler process (test/fixtures/handlers/signature-handler.py verifying as
// JSON.stringify writes the payload): the handler rightly refuses it, and what the calls
// signed with the handler's key taught stays as it was.

const KEY = 'send-key';
let handler: SignatureHandler;
const dataDir = makeTempDir();
const env = (key: string) => ({ FLOWENT_HMAC_KEY: key, FLOWENT_COMPANION_DATA_DIR: dataDir.path });

async function send(key: string, params: object, style: string | null): Promise<string> {
  const args = ['send', 'ticket', '--params', JSON.stringify(params), '--target', handler.target];
  const sent = await runCli(style === null ? args : [...args, '--style', style], env(key));
  return sent.stdout;
}

const why = (output: string) => /^ {2}why: (.*)$/m.exec(output)?.[1] ?? null;

/** The style mismatch the go-signed call is rightly diagnosed with while only the handler's key signed. */
const GO_MISMATCH = /this call was signed with go, a style it does not verify with\. It verifies with as-sent\+utf8\./;

beforeAll(async () => {
  if (!hasPython) return;
  handler = await startSignatureHandler('node', KEY);
}, 60_000);
afterAll(async () => {
  await handler?.stop();
  dataDir.remove();
});

describe.skipIf(!hasPython)('a call sent with another key', () => {
  it('teaches nothing about how the handler serializes: the calls signed with its key are diagnosed as before', async () => {
    expect(await send(KEY, { subject: 'Zürich', recipient: 'a@example.com' }, 'as-sent+utf8')).toMatch(/answer: {2}200/);
    const goCall = await send(KEY, { subject: 'Zürich <b>', recipient: 'a@example.com' }, 'go');
    expect(why(goCall)).toMatch(GO_MISMATCH);

    const otherKey = await send('another-key', { subject: 'x', recipient: 'a@example.com' }, null);
    expect(otherKey).toMatch(/answer: {2}401/);
    // Judged with the key it was signed with, the handler has accepted none: nothing says the serialization is not the cause.
    expect(why(otherKey)).not.toMatch(/no single signing style fits/);

    const earlier = await runCli(['calls', '2'], env(KEY));
    expect(why(earlier.stdout)).toMatch(GO_MISMATCH);
    const again = await send(KEY, { subject: 'Zürich <b>', recipient: 'a@example.com' }, 'go');
    expect(why(again)).toMatch(GO_MISMATCH);
    expect(why(again)).toMatch(/accepted 1 call with a valid signature and rejected 2/);
  }, 60_000);
});
