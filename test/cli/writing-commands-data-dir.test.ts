// Every command that writes to the data folder (replay, send, import, mocks, targets) refuses a
// mistyped --data-dir in the words `calls` uses, and creates nothing: none of them is where a
// history begins by mistake. init, which starts a project, makes the folder it is given.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closedPort } from '../helpers/handler-process';
import { runInProcess } from '../helpers/in-process-cli';
import { runCli } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const { tempDir } = cleanupsPerTest();

/** A HAR of one signed-or-not POST: enough for import to store a call. */
function harFile(): string {
  const file = join(tempDir(), 'calls.har');
  const entry = {
    startedDateTime: '2026-01-01T00:00:00.000Z',
    time: 1,
    request: {
      method: 'POST',
      url: 'http://localhost/actions/ok',
      headers: [{ name: 'content-type', value: 'application/json' }],
      postData: { mimeType: 'application/json', text: '{"action_name":"ok","parameters":{}}' },
    },
    response: { status: 200, headers: [], content: { text: '{"result":"ok","error":""}' } },
  };
  writeFileSync(file, JSON.stringify({ log: { version: '1.2', creator: { name: 'test', version: '1' }, entries: [entry] } }));
  return file;
}

/** What `calls` says of a folder with no history: the lines the writing commands must say too. */
async function callsWords(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const args = env.FLOWENT_COMPANION_DATA_DIR ? ['calls'] : ['calls', '--data-dir', dataDir];
  const calls = await runInProcess(args, { env });
  expect(calls.code).toBe(1);
  return calls.stderr.replace('flowent-companion calls: ', '');
}

describe('a --data-dir that names no folder', () => {
  it.each([
    ['replay', (dataDir: string) => ['replay', '1', '--data-dir', dataDir]],
    ['replay', (dataDir: string) => ['replay', '1', '--probe-styles', '--data-dir', dataDir]],
    ['send', (dataDir: string, port: number) => ['send', 'ok', '--test', '--target', `http://127.0.0.1:${port}/`, '--data-dir', dataDir]],
    ['import', (dataDir: string) => ['import', harFile(), '--data-dir', dataDir]],
    ['mocks', (dataDir: string) => ['mocks', 'clear', '--all', '--data-dir', dataDir]],
    ['targets', (dataDir: string) => ['targets', 'set', 'ok', 'http://127.0.0.1:8000/', '--data-dir', dataDir]],
    ['targets', (dataDir: string) => ['targets', 'mode', 'ok', 'mock', '--data-dir', dataDir]],
  ] as const)('%s refuses it as calls does, and creates nothing', async (command, args) => {
    const dataDir = join(tempDir(), 'histroy');
    const result = await runInProcess(args(dataDir, await closedPort()), { env: { FLOWENT_HMAC_KEY: 'key' } });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.startsWith(`flowent-companion ${command}: ${await callsWords(dataDir)}`), result.stderr).toBe(true);
    expect(result.stderr).toContain(`There is no history in ${dataDir}`);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('named by FLOWENT_COMPANION_DATA_DIR is refused the same way, with where it came from', async () => {
    const dataDir = join(tempDir(), 'histroy');
    const env = { FLOWENT_COMPANION_DATA_DIR: dataDir };
    const result = await runInProcess(['import', harFile()], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `flowent-companion import: ${await callsWords(dataDir, env)}To start a new history there, create the folder first.\n`,
    );
    expect(result.stderr).toContain('That folder is the one FLOWENT_COMPANION_DATA_DIR gives.');
    expect(existsSync(dataDir)).toBe(false);
  });
});

describe('a folder that exists but holds no history', () => {
  it('replay refuses it (there is nothing to replay) and leaves it empty', async () => {
    const dataDir = tempDir();
    const result = await runInProcess(['replay', '1', '--data-dir', dataDir], { env: {} });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`flowent-companion replay: ${await callsWords(dataDir)}`);
    expect(existsSync(join(dataDir, 'history.sqlite'))).toBe(false);
  });

  it('send and import start a history in it: a folder made for one is not a typo', async () => {
    const forImport = tempDir();
    const imported = await runInProcess(['import', harFile(), '--data-dir', forImport], { env: {} });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('Imported 1 call');
    expect((await runInProcess(['calls', '--json', '--data-dir', forImport], { env: {} })).stdout.trim().split('\n')).toHaveLength(1);

    const forSend = join(tempDir(), 'made-for-it');
    mkdirSync(forSend);
    const sent = await runInProcess(
      ['send', 'ok', '--test', '--target', `http://127.0.0.1:${await closedPort()}/`, '--data-dir', forSend],
      {
        env: {},
      },
    );
    // The handler is not running: a failure at run time, but the call was stored.
    expect(sent.stdout).toContain('Sent #1');
    expect(existsSync(join(forSend, 'history.sqlite'))).toBe(true);
  });
});

it('import with neither --data-dir nor FLOWENT_COMPANION_DATA_DIR starts the app folder, as serve does', async () => {
  const home = tempDir();
  const imported = await runCli(['import', harFile()], { HOME: home, XDG_CONFIG_HOME: '', FLOWENT_COMPANION_DATA_DIR: undefined });
  expect(imported.code, imported.stderr).toBe(0);
  expect(existsSync(join(home, '.config', 'flowent-companion', 'history.sqlite'))).toBe(true);
});

it('init makes the data folder it is given, with the project folder: starting out is what it is for', async () => {
  const root = tempDir();
  const dataDir = join(root, 'new-history');
  const made = await runInProcess(['init', '--project', join(root, 'project'), '--data-dir', dataDir], { env: {} });
  expect(made.code, made.stderr).toBe(0);
  expect(existsSync(dataDir)).toBe(true);
});
