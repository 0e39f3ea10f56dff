import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPython } from '../core/handler-check/verifier-runners';
import { startSignatureHandler, type SignatureHandler } from '../helpers/signature-handler-process';
import { runInProcess } from '../helpers/in-process-cli';
import { startServe, type ServeProcess } from '../helpers/spawn-cli';
import { stopServeAndFolder } from '../helpers/stop-serve-and-folder';
import { makeTempDir } from '../helpers/temp-dir';

// "Zürich" in raw UTF-8 with the keys in order: raw, go and six more styles write this call
// alike, and go comes first among them. Sent in raw, it is named raw everywhere: the send's
// line, its why and verifier, the history's line and details, the serve's line. The handler
// verifies like the docs' Python example (ASCII escapes), so it rejects the call, and says why.

const KEY = 'names-its-style-key';
const PARAMS = '{"item":"Zürich tour","qty":2}';
const dataDir = makeTempDir();
const env = { FLOWENT_HMAC_KEY: KEY, FLOWENT_COMPANION_DATA_DIR: dataDir.path };
let handler: SignatureHandler;
let serve: ServeProcess;

beforeAll(async () => {
  if (!hasPython) return;
  handler = await startSignatureHandler('python', KEY);
  serve = await startServe(['--port', '0', '--data-dir', dataDir.path, '--no-inspector', '--forward', handler.target], {
    FLOWENT_HMAC_KEY: KEY,
  });
}, 60_000);
afterAll(() => stopServeAndFolder(serve, dataDir, handler));

describe.skipIf(!hasPython)('a call sent in a style that writes it alike with others', () => {
  it('is named by the style it was signed with in the send, its why, the history and the details', async () => {
    const sent = await runInProcess(['send', 'order', '--params', PARAMS, '--style', 'raw', '--target', handler.target], { env });
    expect(sent.stdout).toMatch(/^Sent #\d+ to .* \(signed, raw style\)$/m);
    const why = sent.stdout.split('\n').find((line) => line.startsWith('  why: Your handler rejected a valid signature')) ?? '';
    expect(why).toContain('this call was signed with raw.');
    expect(why).toContain('"flowent-companion verifier <python|node|go> --style raw"');

    const id = /^Sent #(\d+)/m.exec(sent.stdout)![1]!;
    const listed = await runInProcess(['calls', '--action', 'order'], { env });
    expect(listed.stdout).toMatch(new RegExp(`^#${id} .* order \\[simulated\\] {2}valid \\(raw\\) {2}401`, 'm'));
    const details = await runInProcess(['calls', id], { env });
    expect(details.stdout).toMatch(/^Signature: {2}valid \(raw\), received /m);
    expect(details.stdout).toContain('this call was signed with raw.');
    expect(details.stdout).not.toMatch(/signed with go|--style go/);
  }, 60_000);

  it("is named so in the serve's line when it goes through the serve", async () => {
    const sent = await runInProcess(['send', 'order', '--params', PARAMS, '--style', 'raw', '--data-dir', dataDir.path], {
      env: { FLOWENT_HMAC_KEY: KEY },
    });
    expect(sent.stdout).toMatch(/^Sent #\d+ to .* \(signed, raw style\)$/m);
    await serve.waitFor(/order \[simulated\] {2}valid \(\w+\)/);
    expect(serve.output()).toMatch(/order \[simulated\] {2}valid \(raw\) {2}401/);
  }, 60_000);
});
