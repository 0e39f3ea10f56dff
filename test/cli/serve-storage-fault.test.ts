/**
 * serve, when Flowent's calls cannot be stored: one line when it starts, in words with what to
 * do (not "internal error"), no line per refused call, and one line when calls are stored again
 * with how many were refused meanwhile. The history is made full two ways: its page count capped
 * (a real SQLITE_FULL on any system, through a preload), and a real full tmpfs (root on Linux).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { HISTORY_PAGE_CAP, postPageFillingCall } from '../helpers/history-page-cap';
import { startServe, type ServeOptions, type ServeProcess } from '../helpers/spawn-cli';
import { fill, mountTmpfs, tmpfsProblem, tmpfsUnmountedAfterAll } from '../helpers/tmpfs';

const KEY = 'serve-fault-key';
const { cleanups, tempDir } = cleanupsPerTest();
tmpfsUnmountedAfterAll();

async function serve(dataDir: string, env: NodeJS.ProcessEnv = {}, options: ServeOptions = {}): Promise<ServeProcess> {
  const server = await startServe(['--port', '0', '--no-inspector', '--data-dir', dataDir], { FLOWENT_HMAC_KEY: KEY, ...env }, options);
  cleanups.push(async () => {
    if (server.child.exitCode !== null) return;
    server.child.kill('SIGTERM');
    await server.exited;
  });
  return server;
}

const post = (server: ServeProcess, n: number) => postPageFillingCall(server.baseUrl, n, KEY);

/**
 * Sends calls until one is answered `until` (the disk seen full, or freed), then `more` calls,
 * which must all be answered the same; the statuses of all.
 */
async function sendUntil(server: ServeProcess, from: number, until: number, more: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let n = from; statuses.at(-1) !== until; n++) {
    if (statuses.length > 200) throw new Error(`no ${until} after 200 calls: ${statuses.join(',')}`);
    statuses.push(await post(server, n));
  }
  for (let n = 0; n < more; n++) statuses.push(await post(server, from + 1000 + n));
  expect(statuses.slice(-more - 1)).toEqual(Array.from({ length: more + 1 }, () => until));
  return statuses;
}

/** What serve printed from the start line of the fault on, checked the same way for both kinds of full disk. */
async function expectFaultLines(server: ServeProcess, dataDir: string, refused: number): Promise<void> {
  const [ended] = await server.waitFor(/Calls are stored again since .*/);
  const output = server.output();
  expect(output).not.toContain('internal error');
  const clock = '\\d\\d:\\d\\d:\\d\\d';
  const starts = output.split('\n').filter((line) => line.includes('Calls cannot be stored'));
  expect(starts).toHaveLength(1);
  expect(starts[0]).toMatch(
    new RegExp(
      `^! Calls cannot be stored: the disk is full, since ${clock}\\. 1 call refused so far: ` +
        'Flowent got 503 for each \\(it may send them again\\); they are not in the history\\. ' +
        `Free space on the disk holding ${dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the next call is stored again by itself\\.$`,
    ),
  );
  expect(ended).toMatch(
    new RegExp(
      `^Calls are stored again since ${clock}\\. ${refused} calls were refused from ${clock} \\(the disk is full\\): ` +
        'Flowent got 503 for each \\(it may send them again\\); they are not in the history\\.$',
    ),
  );
  // A line per call stored, none per call refused.
  const after = output.slice(output.indexOf('Calls cannot be stored'));
  expect(after.match(/ disk_test {2}/g) ?? []).toHaveLength(1);
}

describe('serve while calls cannot be stored', () => {
  it('says when storing fails, in words, not per refused call, and how many were refused once it works again (a full history)', async () => {
    const dataDir = join(tempDir(), 'data');
    const full = join(tempDir(), 'history-full');
    const server = await serve(dataDir, { FC_HISTORY_FULL_WHILE: full }, { preload: HISTORY_PAGE_CAP });
    expect(await post(server, 0)).toBe(200);

    writeFileSync(full, '');
    const refusedFirst = await sendUntil(server, 1, 503, 9);
    await server.waitFor(/Calls cannot be stored/);
    rmSync(full);
    const after = await sendUntil(server, 100, 200, 0);
    const refused = [...refusedFirst, ...after].filter((status) => status === 503).length;
    await expectFaultLines(server, dataDir, refused);
  });

  describe.skipIf(tmpfsProblem !== null)('on a real full disk', () => {
    it('says the same', async () => {
      const mount = mountTmpfs('1m');
      const dataDir = join(mount, 'data');
      mkdirSync(dataDir);
      const server = await serve(dataDir);
      expect(await post(server, 0)).toBe(200);

      const freeSpace = fill(mount);
      const refusedFirst = await sendUntil(server, 1, 503, 9);
      await server.waitFor(/Calls cannot be stored/);
      freeSpace();
      const after = await sendUntil(server, 100, 200, 0);
      const refused = [...refusedFirst, ...after].filter((status) => status === 503).length;
      await expectFaultLines(server, dataDir, refused);
    });
  });
});
