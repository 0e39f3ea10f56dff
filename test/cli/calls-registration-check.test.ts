import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowentPayload } from '../helpers/flowent-signer';
import { startHandler, type HandlerProcess } from '../helpers/handler-process';
import { runCli, startServe, type ServeProcess } from '../helpers/spawn-cli';
import { stopServeAndFolder } from '../helpers/stop-serve-and-folder';
import { makeTempDir } from '../helpers/temp-dir';

// `calls <id>` of Flowent's unsigned registration check: what to do is said by how the check
// went, as the page's details say it, not the same signature advice for every check.
const dataDir = makeTempDir();
let handler: HandlerProcess | undefined;
let serve: ServeProcess | undefined;
/** The call id of the check sent to each of the stand-in handler's behaviours. */
const ids = new Map<string, number>();

beforeAll(async () => {
  handler = await startHandler();
  serve = await startServe(['--port', '0', '--no-inspector', '--data-dir', dataDir.path, '--forward', handler.target], {
    FLOWENT_HMAC_KEY: 'registration-check-key',
  });
  // ok: answered 200; reset: no answer; refuses_signatures: 401 for wanting a signature; reg_fail: 400.
  for (const action of ['ok', 'reset', 'refuses_signatures', 'reg_fail']) {
    const body = JSON.stringify(flowentPayload(action, {}, { test: true }));
    const answer = await fetch(`${serve.baseUrl}/actions/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    await answer.arrayBuffer();
    await serve.waitFor(new RegExp(`${action} \\[registration check\\]`));
    ids.set(action, ids.size + 1);
  }
}, 60_000);

afterAll(() => stopServeAndFolder(serve, dataDir, handler));

/** The lines `calls <id>` prints under Signature, up to the blank line before the answer. */
async function signatureSection(action: string): Promise<string[]> {
  const shown = await runCli(['calls', String(ids.get(action)), '--data-dir', dataDir.path]);
  expect(shown.code, shown.stderr).toBe(0);
  const lines = shown.stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith('Signature:'));
  const end = lines.indexOf('', start);
  expect(lines[start]).toBe('Signature:  unsigned-test');
  return lines.slice(start + 1, end).filter((line) => !line.startsWith('  timestamp'));
}

const SIGNATURE_ADVICE = 'Its signature needs no fix: answer it with any 2xx status and never require a signature on it.';

describe('calls <id> of a registration check', () => {
  it('that passed: how it passed, and nothing to do', async () => {
    expect(await signatureSection('ok')).toEqual([
      '  Any 2xx answer passes it, with no signature to check.',
      '  Not signed: there is nothing to match.',
    ]);
  });

  it('that nothing answered: who did not, and what to do about that, not about its signature', async () => {
    expect(await signatureSection('reset')).toEqual([
      '  Registration check failed: your handler closed the connection before finishing its answer.',
      '  what to do: Check its log for a crash while it handled the check. Flowent registers the action only when this check gets a 2xx answer.',
      '  Not signed: there is nothing to match.',
    ]);
  });

  it('that was answered with another status: to answer it with a 2xx', async () => {
    expect(await signatureSection('reg_fail')).toEqual([
      '  Registration check failed: answered 400, and only a 2xx answer passes it.',
      '  what to do: Answer it with any 2xx status (its 400 answer below may say why it did not).',
      '  Not signed: there is nothing to match.',
    ]);
  });

  it('that the handler refused for wanting a signature: never to require one on it', async () => {
    expect(await signatureSection('refuses_signatures')).toEqual([
      '  Registration check failed: answered 401, and only a 2xx answer passes it.',
      `  what to do: ${SIGNATURE_ADVICE}`,
      '  Not signed: there is nothing to match.',
    ]);
  });
});
