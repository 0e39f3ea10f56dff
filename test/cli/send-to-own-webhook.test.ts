import { afterEach, describe, expect, it } from 'vitest';
import { runCli, startServe, type ServeProcess } from '../helpers/spawn-cli';
import { makeTempDir } from '../helpers/temp-dir';

// `send` and `replay` are processes of their own: when their target is the webhook of a
// `serve` running on the same history, that serve answers the command's call without storing
// it as Flowent's, nor again beside the command's own record.
const KEY = 'cli-own-webhook-key';
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

async function serve(dataDir: string): Promise<ServeProcess> {
  const server = await startServe(['--port', '0', '--no-inspector', '--data-dir', dataDir], { FLOWENT_HMAC_KEY: KEY });
  cleanups.push(() => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  });
  return server;
}

async function sources(dataDir: string): Promise<string[]> {
  const listed = await runCli(['calls', '--json', '--data-dir', dataDir]);
  return listed.stdout
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { source: string }).source);
}

describe('send and replay to the webhook of a running serve', () => {
  it('are stored once, as simulated and replayed calls, never as calls from Flowent', async () => {
    const dir = makeTempDir();
    cleanups.push(dir.remove);
    const server = await serve(dir.path);
    const target = `${server.baseUrl}/actions/{action_name}`;
    const sent = await runCli(
      ['send', 'weather', '--params', '{"city":"Zürich"}', '--style', 'go', '--target', target, '--data-dir', dir.path],
      {
        FLOWENT_HMAC_KEY: KEY,
      },
    );
    expect(sent.code, sent.stderr).toBe(0);
    const id = /Sent #(\d+)/.exec(sent.stdout)?.[1];
    const replayed = await runCli(['replay', id!, '--target', target, '--data-dir', dir.path], { FLOWENT_HMAC_KEY: KEY });
    expect(replayed.code, replayed.stderr).toBe(0);
    expect((await sources(dir.path)).sort()).toEqual(['replay', 'simulator']);
  });
});
