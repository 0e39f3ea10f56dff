import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handlerUrl, startHandler, type HandlerProcess } from '../helpers/handler-process';
import { runCli, type ServeProcess } from '../helpers/spawn-cli';
import { serveWithOneSignedCall } from '../helpers/serve-with-one-signed-call';
import { stopServeAndFolder } from '../helpers/stop-serve-and-folder';
import { makeTempDir } from '../helpers/temp-dir';

// Seen installing the package: serve runs with FLOWENT_HMAC_KEY, `calls` in another terminal
// without it. The why-line of a call whose handler rejected its valid signature said "This call
// was checked with another key than the one set now", though no key was set at all. A real
// serve, a real handler child that refuses every signature, `calls` as a child process.
const KEY = 'calls-without-key';
const dataDir = makeTempDir();
let handler: HandlerProcess | undefined;
let serve: ServeProcess | undefined;

beforeAll(async () => {
  handler = await startHandler();
  const set = await runCli(['targets', 'set', 'send_email', handlerUrl(handler, 'refuses_signatures'), '--data-dir', dataDir.path]);
  expect(set.code, set.stderr).toBe(0);
  const call = { action: 'send_email', parameters: { recipient: 'a@b.c' }, status: 401, printed: /handler REJECTED the signature/ };
  serve = await serveWithOneSignedCall(dataDir.path, KEY, call);
});

afterAll(() => stopServeAndFolder(serve, dataDir, handler));

describe('`calls` run without the key of the serve that checked the call', () => {
  it('says no key is set now, not that another key is', async () => {
    const listed = await runCli(['calls', '--data-dir', dataDir.path], { FLOWENT_HMAC_KEY: '' });
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(
      'No HMAC key is set now (FLOWENT_HMAC_KEY, or Settings): what your handler did is shown for the key this call was checked with.',
    );
    expect(listed.stdout).not.toContain('another key than the one set now');
  });

  it('says nothing of keys with the same key set', async () => {
    const listed = await runCli(['calls', '--data-dir', dataDir.path], { FLOWENT_HMAC_KEY: KEY });
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain('handler REJECTED the signature');
    expect(listed.stdout).not.toMatch(/key set now|another key than/);
  });
});
