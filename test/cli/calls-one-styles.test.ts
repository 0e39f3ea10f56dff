import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { runCli, startServe, type ServeProcess } from '../helpers/spawn-cli';
import { stopServeAndFolder } from '../helpers/stop-serve-and-folder';
import { makeTempDir } from '../helpers/temp-dir';

// `calls <id>` lists every signing style only where one was compared, as the page's details do:
// a call with no signature has nothing to match, and one that came with no key set was not checked.
const dataDir = makeTempDir();
let serve: ServeProcess | undefined;

beforeAll(async () => {
  // No FLOWENT_HMAC_KEY: a signed call cannot be checked.
  serve = await startServe(['--port', '0', '--no-inspector', '--data-dir', dataDir.path], { FLOWENT_HMAC_KEY: '' });
  for (const body of [signedBody(flowentPayload('send_email'), 'some-key'), JSON.stringify(flowentPayload('send_email'))]) {
    const answer = await fetch(`${serve.baseUrl}/actions/send_email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    await answer.arrayBuffer();
  }
  await serve.waitFor(/missing signature/);
}, 60_000);

afterAll(() => stopServeAndFolder(serve, dataDir));

/** The lines `calls <id>` prints under Signature after its timestamp, up to the blank line before the answer. */
async function signatureSection(id: number): Promise<string[]> {
  const shown = await runCli(['calls', String(id), '--data-dir', dataDir.path]);
  expect(shown.code, shown.stderr).toBe(0);
  const lines = shown.stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith('Signature:'));
  return lines.slice(start, lines.indexOf('', start)).filter((line) => !line.startsWith('  timestamp'));
}

describe('calls <id> of a call no style was compared on', () => {
  it('that came with no key set: not checked, in place of a row per style', async () => {
    expect(await signatureSection(1)).toEqual([
      expect.stringMatching(/^Signature: {2}no-key, received [0-9a-f]{64}$/),
      // Why before what to do, as the page's verdict line says it.
      // Said of the call as it came: read where a key is set now, "no HMAC key is set" would be untrue.
      '  The call is signed, but no HMAC key was set when it arrived.',
      expect.stringMatching(/^ {2}what to do: Set FLOWENT_HMAC_KEY .*, then replay the call to check it\.$/),
      '  Not checked: no HMAC key was set when this call arrived, so no signing style was tried.',
    ]);
  });

  it('that carried no signature: nothing to match', async () => {
    expect(await signatureSection(2)).toEqual([
      'Signature:  missing',
      expect.stringMatching(/^ {2}what to do: Flowent signs every call but its registration check\. To send signed calls yourself, set/),
      '  Not signed: there is nothing to match.',
    ]);
  });
});
