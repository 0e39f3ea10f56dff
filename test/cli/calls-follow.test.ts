import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bigHar } from '../helpers/big-har';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { runCli, startCommand, startServe } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

// `calls --follow` beside a running serve, as in a second terminal or a CI step: the last calls,
// then every call any process stores, oldest first, until Ctrl-C.
const KEY = 'calls-follow-key';
const { tempDir, stopOnCleanup } = cleanupsPerTest();

/** Sends serve a signed call of `action` and expects it answered. */
function sendTo(baseUrl: string) {
  return async (action: string, n: number) => {
    const answer = await fetch(`${baseUrl}/actions/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: signedBody(flowentPayload(action, { n }), KEY),
    });
    expect(answer.status).toBe(200);
  };
}

/** A temporary folder, removed after the test, and a path `name` in it that does not exist yet. */
function pathInTempFolder(name: string): string {
  return join(tempDir(), name);
}

async function setUp() {
  const dir = tempDir();
  const server = stopOnCleanup(await startServe(['--port', '0', '--no-inspector', '--data-dir', dir], { FLOWENT_HMAC_KEY: KEY }));
  const send = sendTo(server.baseUrl);
  const follow = async (args: string[]) =>
    stopOnCleanup(await startCommand(['calls', '--follow', '--data-dir', dir, ...args], {}, /Press Ctrl-C to stop\./));
  return { dir, server, send, follow };
}

const jsonLines = (text: string) =>
  text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { id: number; action: string; source: string });

describe('calls --follow', () => {
  it('prints the last calls oldest first, then each call as it is stored, and stops on Ctrl-C', async () => {
    const { send, follow } = await setUp();
    for (let n = 1; n <= 12; n++) await send('send_email', n);
    const following = await follow([]);
    // The last 10 of 12, oldest first.
    expect([...following.stdout().matchAll(/^#(\d+) /gm)].map((match) => Number(match[1]))).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);

    await send('lookup_order', 13);
    await following.waitFor(/#13 +\d\d:\d\d:\d\d {2}lookup_order /);
    following.child.kill('SIGINT');
    expect(await following.exited).toBe(0);
  });

  it('--json with a filter prints only the calls the filter matches, every one of an import of hundreds', async () => {
    const { dir, send, follow } = await setUp();
    await send('send_email', 1);
    const following = await follow(['--json', '--source', 'import']);
    await send('send_email', 2);
    const har = bigHar(300 * 1_300, KEY, 1_300);
    const file = join(dir, 'calls.har');
    writeFileSync(file, har.text);
    const imported = await runCli(['import', file, '--data-dir', dir], { FLOWENT_HMAC_KEY: KEY });
    expect(imported.code, imported.stderr).toBe(0);
    await expect.poll(() => jsonLines(following.stdout()).length, { timeout: 10_000 }).toBe(har.entries);
    const lines = jsonLines(following.stdout());
    expect(lines.every((call) => call.source === 'import')).toBe(true);
    expect(lines.map((call) => call.id)).toEqual([...lines.map((call) => call.id)].sort((a, b) => a - b));
    expect(new Set(lines.map((call) => call.id)).size).toBe(har.entries);
    following.child.kill('SIGTERM');
    expect(await following.exited).toBe(0);
  });

  it('started before there is a history, waits for the serve that creates it and follows its calls', async () => {
    const folder = pathInTempFolder('later');
    const following = stopOnCleanup(await startCommand(['calls', '--follow', '--data-dir', folder], {}, /Press Ctrl-C to stop\./));
    expect(following.output()).toContain(
      `There is no history in ${folder} yet: waiting until serve, the app or another command creates it.`,
    );
    expect(following.output()).toContain('That folder is the one --data-dir gives.');

    const server = stopOnCleanup(await startServe(['--port', '0', '--no-inspector', '--data-dir', folder], { FLOWENT_HMAC_KEY: KEY }));
    await following.waitFor(/Following: new calls are printed as they are stored\./);
    await sendTo(server.baseUrl)('send_email', 1);
    await following.waitFor(/#1 +\d\d:\d\d:\d\d {2}send_email /);
    following.child.kill('SIGINT');
    expect(await following.exited).toBe(0);
  });

  it('waiting for a history, stops on Ctrl-C without creating one', async () => {
    const folder = pathInTempFolder('never');
    const following = stopOnCleanup(await startCommand(['calls', '-f', '--data-dir', folder], {}, /waiting until serve/));
    following.child.kill('SIGINT');
    expect(await following.exited).toBe(0);
    expect(existsSync(folder)).toBe(false);
  });

  it('refuses at once a folder that can never hold a history, instead of waiting for it', async () => {
    const notAFolder = pathInTempFolder('a-file');
    writeFileSync(notAFolder, 'not a folder');
    const refused = await runCli(['calls', '--follow', '--data-dir', notAFolder]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`Cannot use the data folder ${notAFolder}: it is a file, not a folder.`);
  });

  it('says when the history is cleared, and follows its new calls from 1', async () => {
    const { send, follow, dir } = await setUp();
    await send('send_email', 1);
    await send('send_email', 2);
    const following = await follow([]);
    await following.waitFor(/#2 /);
    // Another serve on the same folder clears it, as the app's Clear history does.
    const inspector = stopOnCleanup(await startServe(['--port', '0', '--data-dir', dir], { FLOWENT_HMAC_KEY: KEY }));
    const token = /#token=([\w-]+)/.exec(inspector.inspectorUrl ?? '')?.[1];
    const origin = new URL(inspector.inspectorUrl!).origin;
    const cleared = await fetch(`${origin}/api/call/clearHistory`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: '[]',
    });
    expect(cleared.status).toBe(200);
    await following.waitFor(/The history was cleared\./);
    await send('lookup_order', 3);
    await following.waitFor(/#1 +\d\d:\d\d:\d\d {2}lookup_order /);
  });
});
