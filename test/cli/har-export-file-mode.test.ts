// A HAR export holds callers' headers and bodies, as the history does: it is kept as private (0600).
import { chmodSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { runCli } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const { tempDir } = cleanupsPerTest();

/** A history folder with one call in it, imported from a HAR. */
async function historyWithACall(): Promise<string> {
  const dir = tempDir();
  const file = join(dir, 'in.har');
  const entry = {
    startedDateTime: '2024-03-01T00:00:00.000Z',
    request: {
      method: 'POST',
      url: 'http://127.0.0.1:8787/actions/ok',
      headers: [{ name: 'content-type', value: 'application/json' }],
      postData: { mimeType: 'application/json', text: signedBody(flowentPayload('ok'), 'k') },
    },
    response: { status: 200, headers: [], content: { text: '{"result":"ok","error":""}' } },
  };
  writeFileSync(file, JSON.stringify({ log: { version: '1.2', entries: [entry] } }));
  expect((await runCli(['import', file, '--data-dir', dir], { FLOWENT_HMAC_KEY: 'k' })).code).toBe(0);
  return dir;
}

it.skipIf(process.platform === 'win32')('export --har writes a new file 0600, and makes a file it writes over 0600', async () => {
  const dir = await historyWithACall();
  const fresh = join(dir, 'new.har');
  expect((await runCli(['export', '--har', fresh, '--data-dir', dir])).code).toBe(0);
  expect(statSync(fresh).mode & 0o777).toBe(0o600);

  const old = join(dir, 'old.har');
  writeFileSync(old, 'an older export');
  chmodSync(old, 0o644);
  expect((await runCli(['export', '--har', old, '--data-dir', dir])).code).toBe(0);
  expect(statSync(old).mode & 0o777).toBe(0o600);
});
