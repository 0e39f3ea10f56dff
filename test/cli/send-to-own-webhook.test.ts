import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MOST_TOLD_ONE_BY_ONE } from '../../main/core/store/calls-from-other-processes';
import { bigHar } from '../helpers/big-har';
import { postSigned } from '../helpers/flowent-signer';
import { startHandler } from '../helpers/handler-process';
import { runCli, startServe, type ServeProcess } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { printedCount } from '../helpers/printed-count';

// `send` and `replay` are processes of their own: when their target is the webhook of a
// `serve` running on the same history, that serve answers the command's call without storing
// it as Flowent's, nor again beside the command's own record. It prints a line for each all
// the same, as for the calls it stored itself.
const KEY = 'cli-own-webhook-key';
const { cleanups, tempDir } = cleanupsPerTest();

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
    const dir = tempDir();
    const server = await serve(dir);
    const target = `${server.baseUrl}/actions/{action_name}`;
    const sent = await runCli(
      ['send', 'weather', '--params', '{"city":"Zürich"}', '--style', 'go', '--target', target, '--data-dir', dir],
      {
        FLOWENT_HMAC_KEY: KEY,
      },
    );
    expect(sent.code, sent.stderr).toBe(0);
    const id = /Sent #(\d+)/.exec(sent.stdout)?.[1];
    const replayed = await runCli(['replay', id!, '--target', target, '--data-dir', dir], { FLOWENT_HMAC_KEY: KEY });
    expect(replayed.code, replayed.stderr).toBe(0);
    expect((await sources(dir)).sort()).toEqual(['replay', 'simulator']);
    await server.waitFor(/ weather \[simulated\] (.|\n)* weather \[replay\] /);
    expect(server.output().match(/ weather \[/g)).toHaveLength(2);
  });
});

describe('replay of many calls to the webhook of a running serve that forwards', () => {
  it('follows the run to its end: each call replayed once, through the serve to the handler, and stored once', async () => {
    const handler = await startHandler();
    cleanups.push(() => handler.stop());
    const dir = tempDir();
    const server = await startServe(['--port', '0', '--no-inspector', '--forward', handler.target, '--data-dir', dir], {
      FLOWENT_HMAC_KEY: KEY,
    });
    cleanups.push(() => {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    });
    for (let n = 1; n <= 5; n++) expect((await postSigned(server.baseUrl, n % 2 === 0 ? 'slow_ok' : 'ok', { n }, KEY)).status).toBe(200);
    const replayed = await runCli(
      ['replay', '--action', 'ok', '--resign', '--target', `${server.baseUrl}/actions/{action_name}`, '--data-dir', dir],
      { FLOWENT_HMAC_KEY: KEY },
    );
    expect(replayed.code, replayed.stderr).toBe(0);
    expect(replayed.stdout.match(/^#\d+ → #\d+ /gm)).toHaveLength(3);
    expect(replayed.stdout).toContain('3 replayed: 3 passed, 0 passed with a changed answer, 0 failed.');
    expect((await sources(dir)).sort()).toEqual(['flowent', 'flowent', 'flowent', 'flowent', 'flowent', 'replay', 'replay', 'replay']);
    expect((await handler.received()).length).toBe(8);
    await expect.poll(() => server.output().match(/ ok \[replay\] /g)?.length ?? 0).toBe(3);
  });
});

describe('calls a terminal imports into the history of a running serve', () => {
  /**
   * Imports `entries` calls into the history of a running serve. With `whileServePaused`, the
   * serve is stopped (SIGSTOP) for the whole import, so its next look finds every imported
   * call at once: what one look finds then rests on the file's entries, not on how many of the
   * import's time-sliced commits a look happens to fall between on a busy machine.
   */
  async function importEntries(entries: number, whileServePaused = false): Promise<{ server: ServeProcess; imported: number }> {
    const dir = tempDir();
    const server = await serve(dir);
    // About 1,300 bytes an entry: the file is sized to hold the entries wanted.
    const har = bigHar(entries * 1_300 - 100, KEY, 1_300);
    const file = join(dir, 'calls.har');
    writeFileSync(file, har.text);
    if (whileServePaused) await pause(server);
    const imported = await runCli(['import', file, '--data-dir', dir], { FLOWENT_HMAC_KEY: KEY });
    if (whileServePaused) server.child.kill('SIGCONT');
    expect(imported.code, imported.stderr).toBe(0);
    return { server, imported: har.entries };
  }

  it('a few are printed one by one', async () => {
    const { server, imported } = await importEntries(3);
    await expect
      .poll(() => server.output().match(/ send_email \[imported\] .*\(stored by another command\)\n/g)?.length ?? 0)
      .toBe(imported);
    // Told one by one, each marked as another command's, never as a count.
    expect(server.output()).not.toMatch(/calls? stored by another command in this history/);
  });

  it(`more than ${MOST_TOLD_ONE_BY_ONE} are told in one line`, async () => {
    const { server, imported } = await importEntries(MOST_TOLD_ONE_BY_ONE * 3, true);
    expect(imported).toBeGreaterThan(MOST_TOLD_ONE_BY_ONE);
    await server.waitFor(/\d[\d,]* calls stored by another command in this history\. List them with: calls/);
    // One look found them all: one line with their number, none of them told one by one.
    expect(server.output().match(/[\d,]+(?= calls stored by another command)/g)).toEqual([imported.toLocaleString('en-US')]);
    expect(server.output()).not.toMatch(/ send_email \[imported\] /);
  });

  it('an import found over many looks (the serve running all along) is told in count lines, not call by call', async () => {
    const { server, imported } = await importEntries(3_001);
    expect(imported).toBeGreaterThan(3_000);
    const counts = () => (server.output().match(/[\d,]+(?= calls stored by another command)/g) ?? []).map(printedCount);
    await expect.poll(() => counts().reduce((sum, n) => sum + n, 0), { timeout: 20_000 }).toBe(imported);
    // One line when the import's slices come without a pause of a second; a machine busy enough
    // to stall the import that long splits it at the stall, never into a line per look (a dozen
    // here) nor into calls one by one.
    expect(counts().length).toBeLessThanOrEqual(3);
    expect(server.output()).not.toMatch(/ send_email \[imported\] /);
  });
});

/** Stops a process (SIGSTOP) and waits until the system says it is stopped. */
async function pause(server: ServeProcess): Promise<void> {
  server.child.kill('SIGSTOP');
  cleanups.push(() => void server.child.kill('SIGCONT'));
  await expect
    .poll(() =>
      execFileSync('ps', ['-o', 'stat=', '-p', String(server.child.pid)], { encoding: 'utf8' })
        .trim()
        .charAt(0),
    )
    .toBe('T');
}
