import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type ServeProcess } from '../helpers/spawn-cli';
import { serveWithOneSignedCall } from '../helpers/serve-with-one-signed-call';
import { stopServeAndFolder } from '../helpers/stop-serve-and-folder';
import { makeTempDir } from '../helpers/temp-dir';

// Seen installing the package: a mock reading {{parameters.recipient}} answered a call without
// it with a 500, and serve's line said only `mock failed` and `! the mock answered 500`: not
// which template field, nor what to do, which the page quotes as the mock's error. serve,
// `calls` and a replay through the serve now say it in a `why:` line, and `calls <id>` says it
// once, under the answer the mock gave. A real serve child, a real history folder.
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
  serve = await serveWithOneSignedCall(dataDir.path, KEY, {
    action: 'send_email',
    parameters: { subject: 'Hi' },
    status: 500,
    printed: /the mock answered 500/,
  });
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

  it('`calls <id>` says why once, under the answer: the request was fine, the mock failed', async () => {
    const shown = await runCli(['calls', '1', '--data-dir', dataDir.path]);
    expect(shown.code, shown.stderr).toBe(0);
    const lines = shown.stdout.split('\n');
    expect(
      lines.filter((line) => line.includes('Mock template failed') && !line.includes('"error"')),
      shown.stdout,
    ).toEqual([WHY]);
    const answer = lines.findIndex((line) => line.startsWith('Answer:'));
    const handler = lines.findIndex((line) => line.startsWith('Handler:'));
    const why = lines.indexOf(WHY);
    expect(answer, shown.stdout).toBeGreaterThan(0);
    expect(why, shown.stdout).toBeGreaterThan(answer);
    expect(why, shown.stdout).toBeLessThan(handler);
  });

  // Last: the replay adds a call to the history the tests above read.
  it('a replay through the serve, its mock answering, says why under its line', async () => {
    const replayed = await runCli(['replay', '1', '--data-dir', dataDir.path], { FLOWENT_HMAC_KEY: KEY });
    expect(replayed.stdout, replayed.stderr).toMatch(/^Replaying through the serve at /);
    const lines = replayed.stdout.split('\n');
    const at = lines.findIndex((line) => line.startsWith('#1 → #2  500'));
    expect(at, replayed.stdout).toBeGreaterThan(0);
    expect(lines[at + 1], replayed.stdout).toBe(WHY);
  });
});
