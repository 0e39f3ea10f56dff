// `send --wrong-signature` without --target goes through the serve running on the data folder,
// as any send does: the handler it forwards to judges the spoiled signature. A serve that
// enforces signatures refuses the call itself, so the handler never judged it: no pass.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSignatureHandler, type SignatureHandler } from '../helpers/signature-handler-process';
import { runCli, startServe, type ServeProcess } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { hasPython } from '../core/handler-check/verifier-runners';

const KEY = 'wrong-signature-through-serve-key';
const { cleanups, tempDir } = cleanupsPerTest();
let checking: SignatureHandler;

async function serve(args: string[]): Promise<ServeProcess> {
  const server = await startServe(['--port', '0', '--no-inspector', ...args], { FLOWENT_HMAC_KEY: KEY });
  cleanups.push(() => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  });
  return server;
}

const send = (dataDir: string, ...flags: string[]) =>
  runCli(['send', 'ticket', '--params', '{"to":"a@b.c"}', '--wrong-signature', '--data-dir', dataDir, ...flags], {
    FLOWENT_HMAC_KEY: KEY,
  });
/** A call signed right, through the serve: the handler's acceptance of it, learned by the serve, makes its refusals count. */
const sendValid = (dataDir: string) =>
  runCli(['send', 'ticket', '--params', '{"to":"a@b.c"}', '--data-dir', dataDir], { FLOWENT_HMAC_KEY: KEY });

beforeAll(async () => {
  if (hasPython) checking = await startSignatureHandler('python', KEY);
}, 60_000);
afterAll(async () => {
  await checking?.stop();
});

describe.skipIf(!hasPython)('send --wrong-signature through a running serve', () => {
  it('passes when the handler the serve forwards to refuses it', async () => {
    const dataDir = tempDir();
    await serve(['--forward', checking.target, '--data-dir', dataDir]);
    expect((await sendValid(dataDir)).code).toBe(0);
    const sent = await send(dataDir);
    expect(sent.stdout).toMatch(/verdict: your handler refused the call with a wrong signature \(401\), as it should/);
    expect(sent.code, sent.stderr).toBe(0);
  }, 60_000);

  it("fails when the serve's own signature check refused it before the handler saw it", async () => {
    const dataDir = tempDir();
    await serve(['--forward', checking.target, '--enforce-signatures', '--data-dir', dataDir]);
    const sent = await send(dataDir);
    expect(sent.stdout).toMatch(
      /verdict: this companion's webhook answered in place of your handler .*: your handler never judged the signature/,
    );
    expect(sent.code, sent.stderr).toBe(1);
  }, 60_000);
});
