import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { runCli, startServe, type ServeProcess } from '../helpers/spawn-cli';
import { stopServeAndFolder } from '../helpers/stop-serve-and-folder';
import { makeTempDir } from '../helpers/temp-dir';

// Seen installing the package: a mock reading {{parameters.recipient}} answered a call without
// it with a 500, and serve's line said only `mock failed` and `! the mock answered 500`: not
// which template field, nor what to do, which the page quotes as the mock's error. serve and
// `calls` now say it in a `why:` line. A real serve child, a real history folder.
const KEY = 'mock-why-key';
const dataDir = makeTempDir();
let serve: ServeProcess | undefined;
const WHY =
  '  why: Mock template failed: {{parameters.recipient}}: this call has no parameters.recipient (template line 1, column 11). Send it, or use {{#if ...}} around it';

beforeAll(async () => {
  const mock = join(dataDir.path, 'mock.json');
  writeFileSync(mock, JSON.stringify({ status: 200, body: { result: 'Sent to {{parameters.recipient}}', error: '' } }));
  const set = await runCli(['mocks', 'set', 'send_email', '--file', mock, '--data-dir', dataDir.path]);
  expect(set.code, set.stderr).toBe(0);
  serve = await startServe(['--port', '0', '--no-inspector', '--data-dir', dataDir.path], { FLOWENT_HMAC_KEY: KEY });
  const answer = await fetch(`${serve.baseUrl}/actions/send_email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: signedBody(flowentPayload('send_email', { subject: 'Hi' }), KEY),
  });
  expect(answer.status).toBe(500);
  await serve.waitFor(/the mock answered 500/);
});

afterAll(() => stopServeAndFolder(serve, dataDir));

describe('a call its mock failed to answer', () => {
  it("serve's line says why under it", () => {
    const lines = serve!.stdout().split('\n');
    const at = lines.findIndex((line) => / {2}mock failed$/.test(line));
    expect(at, serve!.stdout()).toBeGreaterThanOrEqual(0);
    expect(lines[at + 1]).toBe(WHY);
  });

  it('`calls` says why under its line', async () => {
    const listed = await runCli(['calls', '--data-dir', dataDir.path]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout.split('\n')[1]).toBe(WHY);
  });
});
