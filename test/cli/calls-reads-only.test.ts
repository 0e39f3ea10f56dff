import { afterAll, beforeAll, expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { handlerUrl, useHandler } from '../helpers/handler-process';
import { runCli, startServe, type ServeProcess } from '../helpers/spawn-cli';
import { stopServeAndFolder } from '../helpers/stop-serve-and-folder';
import { makeTempDir } from '../helpers/temp-dir';

// `calls` opens the history to read only. Telling why a handler rejected a valid signature asks
// for the style this Flowent signs in, learned from the calls stored since it was last counted:
// a count it cannot save must not end the command ("attempt to write a readonly database").
const KEY = 'calls-reads-only-key';
const dataDir = makeTempDir();
const handler = useHandler();
let serve: ServeProcess;

const post = (action: string) =>
  fetch(`${serve.baseUrl}/actions/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: signedBody(flowentPayload(action), KEY),
  });

beforeAll(async () => {
  const target = await runCli(
    ['targets', 'set', 'refuses_signatures', handlerUrl(handler(), 'refuses_signatures'), '--data-dir', dataDir.path],
    {},
  );
  expect(target.code).toBe(0);
  serve = await startServe(['--port', '0', '--data-dir', dataDir.path, '--no-inspector'], { FLOWENT_HMAC_KEY: KEY });
}, 60_000);
afterAll(() => stopServeAndFolder(serve, dataDir));

it('lists a handler that rejected a valid signature, with signed calls stored after it that no one counted yet', async () => {
  // The handler answers 401 to a valid signature: serve counts the styles to say why.
  expect((await post('refuses_signatures')).status).toBe(401);
  // A signed call the mock answers: nothing counts it until someone asks for the style again.
  expect((await post('send_email')).status).toBe(200);
  for (const args of [['calls'], ['calls', '--json'], ['calls', '--failed'], ['export', '--har', '-']]) {
    const listed = await runCli([...args, '--data-dir', dataDir.path], { FLOWENT_HMAC_KEY: KEY });
    expect(listed.stderr, args.join(' ')).not.toContain('unexpected failure');
    expect(listed.code, args.join(' ')).toBe(0);
    expect(listed.stdout).toContain('refuses_signatures');
  }
  const lines = (await runCli(['calls', '--data-dir', dataDir.path], { FLOWENT_HMAC_KEY: KEY })).stdout;
  expect(lines).toMatch(/refuses_signatures +valid \(\w+\) +401 +handler REJECTED the signature/);
  expect(lines).toMatch(/send_email +valid \(\w+\) +200/);
});
